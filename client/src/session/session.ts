// The signed-in account of this browser: the token, when it expires and who it is, kept in
// localStorage so a reload (even offline) stays signed in until the token expires.
import { holdsCommittee, isRole, type Principal, type Role } from '@civic-ledger/shared';
import type { KeyValueStorage } from '../presence/identity.ts';

export interface SessionUser extends Principal {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly committeeId: string | null;
  /** The account's person in the people registry, when the server names one. */
  readonly personId?: string | null;
}

export interface Session {
  readonly token: string;
  /** ISO date-time from the server's login answer. */
  readonly expiresAt: string;
  readonly user: SessionUser;
}

export interface SessionStorage extends KeyValueStorage {
  removeItem(key: string): void;
}

const KEY = 'civic-ledger.session';

function isString(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

export function parseUser(value: unknown): SessionUser | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!isString(v.id) || !isString(v.username) || !isRole(v.role)) return null;
  const committeeId = isString(v.committeeId) ? v.committeeId : null;
  if (holdsCommittee(v.role) && committeeId === null) return null;
  const displayName = isString(v.displayName) ? v.displayName : v.username;
  const user = { id: v.id, username: v.username, displayName, role: v.role, committeeId };
  return isString(v.personId) ? { ...user, personId: v.personId } : user;
}

/** A session from the login answer (or what was stored), or null if anything is missing. */
export function parseSession(value: unknown): Session | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const user = parseUser(v.user);
  if (!isString(v.token) || !isString(v.expiresAt) || Number.isNaN(Date.parse(v.expiresAt)) || !user)
    return null;
  return { token: v.token, expiresAt: v.expiresAt, user };
}

export function isExpired(session: Session, now: Date = new Date()): boolean {
  return Date.parse(session.expiresAt) <= now.getTime();
}

export type StoredSession =
  | { readonly kind: 'none' }
  | { readonly kind: 'expired'; readonly user: SessionUser }
  | { readonly kind: 'active'; readonly session: Session };

/** The stored sign-in; an expired one is removed (and reported, to say why sign-in is asked). */
export function loadSession(storage: SessionStorage | null, now: Date = new Date()): StoredSession {
  let parsed: Session | null = null;
  try {
    const raw = storage?.getItem(KEY);
    parsed = raw ? parseSession(JSON.parse(raw)) : null;
  } catch {
    parsed = null;
  }
  if (!parsed) return { kind: 'none' };
  if (isExpired(parsed, now)) {
    clearSession(storage);
    return { kind: 'expired', user: parsed.user };
  }
  return { kind: 'active', session: parsed };
}

export function saveSession(storage: SessionStorage | null, session: Session): void {
  try {
    storage?.setItem(KEY, JSON.stringify(session));
  } catch {
    // Storage disabled: the sign-in lasts for this page only.
  }
}

export function clearSession(storage: SessionStorage | null): void {
  try {
    storage?.removeItem(KEY);
  } catch {
    // Nothing stored, nothing to remove.
  }
}

/** The expiry written in a token (`base64url(claims).signature`), for a token given on the URL. */
export function tokenExpiry(token: string): string | null {
  const body = token.split('.')[0] ?? '';
  try {
    const json = atob(body.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000).toISOString() : null;
  } catch {
    return null;
  }
}

/** Milliseconds until the session ends (0 if it has), capped so a timer can hold it. */
export function msUntilExpiry(session: Session, now: Date = new Date()): number {
  return Math.min(Math.max(0, Date.parse(session.expiresAt) - now.getTime()), 2 ** 31 - 1);
}
