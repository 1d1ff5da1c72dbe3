import { describe, expect, it } from 'vitest';
import {
  clearSession,
  loadSession,
  msUntilExpiry,
  parseSession,
  type SessionStorage,
  saveSession,
  tokenExpiry,
} from './session.ts';

function memoryStorage(): SessionStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const LOGIN_ANSWER = {
  token: 'eyJzdWIiOiJ1MSJ9.sig',
  expiresAt: '2026-03-02T12:00:00.000Z',
  user: {
    id: 'u1',
    username: 'member',
    displayName: '居委工作人员',
    role: 'member',
    committeeId: 'taoyuan',
    personId: '01JDEMOPERSON00000000000001',
  },
};

describe('the stored sign-in', () => {
  it('keeps the token, its expiry and the user until the expiry', () => {
    const storage = memoryStorage();
    const session = parseSession(LOGIN_ANSWER);
    expect(session?.user).toEqual(LOGIN_ANSWER.user);
    if (!session) throw new Error('not parsed');
    saveSession(storage, session);
    expect(loadSession(storage, new Date('2026-03-02T11:59:59Z'))).toEqual({ kind: 'active', session });
    expect(msUntilExpiry(session, new Date('2026-03-02T11:59:00Z'))).toBe(60_000);
  });

  it('the account’s person comes with the sign-in; one stored before accounts had a person has none', () => {
    expect(parseSession(LOGIN_ANSWER)?.user.personId).toBe('01JDEMOPERSON00000000000001');
    const { personId: _p, ...older } = LOGIN_ANSWER.user;
    expect(parseSession({ ...LOGIN_ANSWER, user: older })?.user.personId).toBeNull();
  });

  it('an expired sign-in is removed and reported with who it was', () => {
    const storage = memoryStorage();
    const session = parseSession(LOGIN_ANSWER);
    if (!session) throw new Error('not parsed');
    saveSession(storage, session);
    const loaded = loadSession(storage, new Date('2026-03-02T12:00:00Z'));
    expect(loaded.kind).toBe('expired');
    expect(loaded.kind === 'expired' && loaded.user.username).toBe('member');
    expect(storage.map.size).toBe(0);
    expect(loadSession(storage).kind).toBe('none');
  });

  it('a broken or incomplete entry counts as signed out', () => {
    const storage = memoryStorage();
    storage.setItem('civic-ledger.session', '{not json');
    expect(loadSession(storage).kind).toBe('none');
    expect(parseSession({ ...LOGIN_ANSWER, user: { ...LOGIN_ANSWER.user, role: 'boss' } })).toBeNull();
    expect(parseSession({ ...LOGIN_ANSWER, user: { ...LOGIN_ANSWER.user, committeeId: null } })).toBeNull();
    expect(parseSession({ ...LOGIN_ANSWER, expiresAt: 'soon' })).toBeNull();
    expect(loadSession(null).kind).toBe('none');
  });

  it('signing out forgets the sign-in', () => {
    const storage = memoryStorage();
    const session = parseSession(LOGIN_ANSWER);
    if (!session) throw new Error('not parsed');
    saveSession(storage, session);
    clearSession(storage);
    expect(loadSession(storage).kind).toBe('none');
  });

  it('reads the expiry a token carries', () => {
    const body = btoa(JSON.stringify({ sub: 'u1', ver: 1, exp: 1_772_452_800 }))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    expect(tokenExpiry(`${body}.signature`)).toBe('2026-03-02T12:00:00.000Z');
    expect(tokenExpiry('garbage')).toBeNull();
  });
});
