// The parts of a zip archive (an XLSX workbook is one) read from memory as streams, with a
// bound on what each part inflates to. The size a part declares is checked first, and the
// inflater itself stops at the bound whatever the part claims (or as soon as the reader of
// the part has seen enough), so a few hundred kB that inflate to gigabytes cost a few
// milliseconds and one chunk of memory, never the gigabytes.
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly declaredSize: number;
  readonly localOffset: number;
}

export type ZipProblem =
  | { readonly kind: 'unreadable'; readonly detail: string }
  | { readonly kind: 'too_large'; readonly part: string; readonly limit: number };

export type ZipRead<T> = { ok: true; value: T } | { ok: false; problem: ZipProblem };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** A workbook has a few dozen parts; thousands is not a spreadsheet. */
const MAX_ENTRIES = 2000;
/** Output chunks of the inflater: what is held of a part at a time. */
const INFLATE_CHUNK = 64 * 1024;

function unreadable(detail: string): { ok: false; problem: ZipProblem } {
  return { ok: false, problem: { kind: 'unreadable', detail } };
}

/** The archive's table of contents, from the central directory at its end. */
export function listEntries(bytes: Buffer): ZipRead<Map<string, ZipEntry>> {
  // The end record is 22 bytes plus a comment of at most 64 kB.
  const floor = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= floor; i--) {
    if (bytes.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return unreadable('no end of central directory');
  const count = bytes.readUInt16LE(eocd + 10);
  const directoryOffset = bytes.readUInt32LE(eocd + 16);
  if (count > MAX_ENTRIES) return unreadable(`${count} entries`);
  const entries = new Map<string, ZipEntry>();
  let at = directoryOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      return unreadable('broken central directory');
    }
    const flags = bytes.readUInt16LE(at + 8);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    if (at + 46 + nameLength > bytes.length) return unreadable('broken central directory');
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    if (flags & 1) return unreadable('encrypted');
    entries.set(name, {
      name,
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      declaredSize: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, value: entries };
}

/**
 * Streams one part's bytes to `onChunk` as they inflate, and stops the inflater as soon as
 * they would pass `maxBytes` or `onChunk` answers false: what is not wanted is never
 * inflated. Resolves with whether the part was read to its end.
 */
export async function streamEntry(
  bytes: Buffer,
  entry: ZipEntry,
  maxBytes: number,
  onChunk: (chunk: Buffer) => boolean,
): Promise<ZipRead<boolean>> {
  const tooLarge = {
    ok: false as const,
    problem: { kind: 'too_large' as const, part: entry.name, limit: maxBytes },
  };
  if (entry.declaredSize > maxBytes) return tooLarge;
  const local = entry.localOffset;
  if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL_SIGNATURE) {
    return unreadable(`broken local header of ${entry.name}`);
  }
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) return unreadable(`${entry.name} is cut short`);
  const data = bytes.subarray(start, end);
  if (entry.method === STORED) {
    if (data.length > maxBytes) return tooLarge;
    return { ok: true, value: onChunk(data) };
  }
  if (entry.method !== DEFLATED) return unreadable(`compression method ${entry.method}`);
  // The inflater works only as fast as its output is taken: stopping the loop stops it.
  const inflater = createInflateRaw({ chunkSize: INFLATE_CHUNK });
  inflater.end(data);
  let size = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) return tooLarge;
      if (!onChunk(chunk)) return { ok: true, value: false };
    }
    return { ok: true, value: true };
  } catch (err) {
    return unreadable(`${entry.name}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    inflater.destroy();
  }
}
