// Who this browser is to the others in a table: a display name the person may change
// (kept in localStorage; the account's display name when signed in, 访客-1234 before) and
// a random colour.

export interface Identity {
  /** Stable per browser, so the same person in several rooms is shown once. */
  readonly id: string;
  readonly name: string;
  readonly color: string;
  /** The account the name was chosen under; another account starts from its own name. */
  readonly account?: string;
}

const KEY = 'civic-ledger.identity';
export const PRESENCE_COLORS = [
  '#d9480f',
  '#2f9e44',
  '#1971c2',
  '#ae3ec9',
  '#e8590c',
  '#0c8599',
  '#c2255c',
  '#5c940d',
  '#6741d9',
  '#f08c00',
] as const;

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function randomIdentity(random: () => number): Identity {
  const digits = String(Math.floor(random() * 9000) + 1000);
  const color = PRESENCE_COLORS[Math.floor(random() * PRESENCE_COLORS.length)] ?? PRESENCE_COLORS[0];
  const id = Array.from({ length: 12 }, () => Math.floor(random() * 36).toString(36)).join('');
  return { id, name: `访客-${digits}`, color };
}

function isIdentity(value: unknown): value is Identity {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.name === 'string' && typeof v.color === 'string';
}

export function loadIdentity(storage: KeyValueStorage | null, random: () => number = Math.random): Identity {
  try {
    const raw = storage?.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (isIdentity(parsed) && parsed.name.trim() !== '') return parsed;
  } catch {
    // A broken entry is replaced below.
  }
  const identity = randomIdentity(random);
  saveIdentity(storage, identity);
  return identity;
}

export function saveIdentity(storage: KeyValueStorage | null, identity: Identity): void {
  try {
    storage?.setItem(KEY, JSON.stringify(identity));
  } catch {
    // Storage full or disabled: the name lasts for this page only.
  }
}

/** A display name as typed: trimmed, at most 20 characters; empty keeps the old one. */
export function cleanName(typed: string, previous: string): string {
  const name = [...typed.trim()].slice(0, 20).join('');
  return name === '' ? previous : name;
}

/** The identity for a signed-in account: its display name unless the person chose another. */
export function accountIdentity(
  identity: Identity,
  account: { readonly username: string; readonly displayName: string },
): Identity {
  if (identity.account === account.username) return identity;
  return { ...identity, name: cleanName(account.displayName, identity.name), account: account.username };
}
