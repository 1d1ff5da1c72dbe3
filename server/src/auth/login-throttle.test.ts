// Sign-in throttling: per (account, address) pair, with a looser bound per address.
import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.ts';

function throttle() {
  let now = 1_000_000;
  const t = new LoginThrottle({ pair: 10, address: 30, windowMs: 60_000 }, () => now);
  return { t, advance: (ms: number) => (now += ms) };
}

describe('login throttle', () => {
  it('ten wrong passwords lock that account from that address only', () => {
    const { t } = throttle();
    for (let i = 0; i < 10; i++) {
      expect(t.check('wang', '10.0.0.1')).toBe('allowed');
      t.failed('wang', '10.0.0.1');
    }
    expect(t.check('wang', '10.0.0.1')).toBe('account_locked');
    expect(t.check('WANG', '10.0.0.1')).toBe('account_locked');
    expect(t.check('li', '10.0.0.1')).toBe('allowed');
    expect(t.check('wang', '10.0.0.2')).toBe('allowed');
  });

  it('one address trying many accounts is stopped by the looser per-address bound', () => {
    const { t } = throttle();
    for (let i = 0; i < 30; i++) t.failed(`user-${i}`, '10.0.0.1');
    expect(t.check('someone-else', '10.0.0.1')).toBe('address_locked');
    expect(t.check('someone-else', '10.0.0.2')).toBe('allowed');
  });

  it('a lock ends with its window', () => {
    const { t, advance } = throttle();
    for (let i = 0; i < 10; i++) t.failed('wang', '10.0.0.1');
    advance(59_999);
    expect(t.check('wang', '10.0.0.1')).toBe('account_locked');
    advance(1);
    expect(t.check('wang', '10.0.0.1')).toBe('allowed');
  });

  it('a right password clears its own pair, not the failures of others behind the address', () => {
    const { t } = throttle();
    for (let i = 0; i < 9; i++) t.failed('wang', '10.0.0.1');
    for (let i = 0; i < 10; i++) t.failed('li', '10.0.0.1');
    t.succeeded('wang', '10.0.0.1');
    t.failed('wang', '10.0.0.1');
    expect(t.check('wang', '10.0.0.1')).toBe('allowed');
    expect(t.check('li', '10.0.0.1')).toBe('account_locked');
  });
});
