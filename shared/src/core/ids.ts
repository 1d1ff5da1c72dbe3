// Identifier formats: row ids made on any client, offline, without coordination (ULIDs:
// 48-bit millisecond time + 80 random bits), committee ids, and a short human issue code.
import { isoShanghai } from './time.ts';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_BYTES = 10;
const MAX_TIME = 2 ** 48 - 1;
const ULID_RE = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/**
 * What a stored row id may look like (DESIGN.md: "a ULID or 16+ random characters").
 * Ids made here are ULIDs; ids from outside scripts only need to fit this.
 */
export const ROW_ID_PATTERN = '^[0-9A-Za-z_-]{16,64}$';
const ROW_ID_RE = new RegExp(ROW_ID_PATTERN);

/** A committee id, also the suffix of its rooms `ledger.<id>` and `roster.<id>`. */
export const COMMITTEE_ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,31}$';
const COMMITTEE_ID_RE = new RegExp(COMMITTEE_ID_PATTERN);

interface RandomSource {
  getRandomValues<T extends ArrayBufferView>(array: T): T;
}

function randomSource(): RandomSource {
  const source = (globalThis as { crypto?: RandomSource }).crypto;
  if (!source) throw new Error('globalThis.crypto.getRandomValues is required to make row ids');
  return source;
}

/**
 * A ULID from a time and 10 random bytes. Exposed so that seeded generators (the demo
 * district) can make reproducible ids; everything else should call `newRowId`.
 */
export function encodeRowId(timeMs: number, random: Uint8Array): string {
  if (!Number.isInteger(timeMs) || timeMs < 0 || timeMs > MAX_TIME)
    throw new RangeError(`bad time ${timeMs}`);
  if (random.length !== RANDOM_BYTES) throw new RangeError(`need ${RANDOM_BYTES} random bytes`);
  let out = '';
  let t = timeMs;
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD.charAt(t % 32) + out;
    t = Math.floor(t / 32);
  }
  // 80 bits → 16 characters of 5 bits, most significant first.
  let bits = 0;
  let acc = 0;
  for (const byte of random) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD.charAt((acc >> bits) & 31);
    }
    acc &= (1 << bits) - 1;
  }
  return out;
}

// Monotonic within this process: ids made in the same millisecond still sort in order.
let lastTime = -1;
const lastRandom = new Uint8Array(RANDOM_BYTES);

function incrementRandom(): boolean {
  for (let i = RANDOM_BYTES - 1; i >= 0; i--) {
    const next = (lastRandom[i] ?? 0) + 1;
    lastRandom[i] = next & 0xff;
    if (next <= 0xff) return true;
  }
  return false;
}

/** A new row id (ULID), unique without coordination and sortable by creation time. */
export function newRowId(): string {
  const now = Date.now();
  if (now <= lastTime && incrementRandom()) return encodeRowId(lastTime, lastRandom);
  lastTime = Math.max(now, lastTime + 1);
  randomSource().getRandomValues(lastRandom);
  return encodeRowId(lastTime, lastRandom);
}

/** A row id as stored: a ULID or another id of 16–64 URL-safe characters. */
export function isRowId(value: unknown): value is string {
  return typeof value === 'string' && ROW_ID_RE.test(value);
}

export function isUlid(value: unknown): value is string {
  return typeof value === 'string' && ULID_RE.test(value);
}

/** Milliseconds since the epoch encoded in a ULID; null for other ids. */
export function rowIdTime(id: string): number | null {
  if (!isUlid(id)) return null;
  let t = 0;
  for (const ch of id.slice(0, 10)) t = t * 32 + CROCKFORD.indexOf(ch);
  return t;
}

export function isCommitteeId(value: unknown): value is string {
  return typeof value === 'string' && COMMITTEE_ID_RE.test(value);
}

/**
 * A short code people can read out at a meeting, derived from the row id so it needs no
 * counter: the Shanghai month and day the id was made and its last four characters,
 * e.g. `0302-7KQ9`. Not guaranteed unique; the row id is the identity.
 */
export function issueCode(id: string): string {
  const time = rowIdTime(id);
  if (time === null) return id.slice(-6).toUpperCase();
  const date = isoShanghai(time);
  return `${date.slice(5, 7)}${date.slice(8, 10)}-${id.slice(-4)}`;
}
