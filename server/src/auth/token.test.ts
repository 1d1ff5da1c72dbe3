import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.ts';
import { signToken, verifyToken } from './token.ts';

describe('tokens', () => {
  const secret = 'x'.repeat(32);
  it('a signed token verifies until it expires', () => {
    const token = signToken({ sub: 'u1', ver: 2, exp: 2000 }, secret);
    expect(verifyToken(token, secret, 1_999_000)).toEqual({
      ok: true,
      claims: { sub: 'u1', ver: 2, exp: 2000 },
    });
    expect(verifyToken(token, secret, 2_000_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('a token altered or signed with another secret is refused', () => {
    const token = signToken({ sub: 'u1', ver: 0, exp: 9e9 }, secret);
    const [body, sig] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ sub: 'admin', ver: 0, exp: 9e9 })).toString('base64url')}.${sig}`;
    expect(verifyToken(forged, secret)).toMatchObject({ ok: false, reason: 'signature' });
    expect(verifyToken(`${body}.${sig}`, 'y'.repeat(32))).toMatchObject({ ok: false });
    expect(verifyToken('garbage', secret)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});

describe('passwords', () => {
  it('verify only the password they were made from', async () => {
    const hash = await hashPassword('整改到位-2026');
    expect(hash.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('整改到位-2026', hash)).toBe(true);
    expect(await verifyPassword('整改到位-2027', hash)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});
