// Slowing down password guessing without locking out neighbours: failed sign-ins are
// counted per (account, address) pair, so ten wrong passwords for one account stop only
// that account from that address, and per address with a looser bound, so one address
// cannot try a few passwords on every account. The offices of a sub-district share one
// public address; a count per address alone would lock all of them out at once.

/** Failed sign-ins allowed for one account from one address within the window. */
export const PAIR_FAILURES = 10;
/** Failed sign-ins allowed from one address, whatever the accounts, within the window. */
export const ADDRESS_FAILURES = 100;
export const LOGIN_WINDOW_MS = 5 * 60_000;
/** Counters kept at most; the oldest go first (an attacker cycling names cannot grow memory). */
const MAX_ENTRIES = 20_000;

interface Window {
  count: number;
  since: number;
}

export type ThrottleVerdict = 'allowed' | 'account_locked' | 'address_locked';

export class LoginThrottle {
  private readonly pairs = new Map<string, Window>();
  private readonly addresses = new Map<string, Window>();

  constructor(
    private readonly limits = { pair: PAIR_FAILURES, address: ADDRESS_FAILURES, windowMs: LOGIN_WINDOW_MS },
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a sign-in for `username` from `address` may be tried now. */
  check(username: string, address: string): ThrottleVerdict {
    if (this.current(this.addresses, address) >= this.limits.address) return 'address_locked';
    if (this.current(this.pairs, pairKey(username, address)) >= this.limits.pair) return 'account_locked';
    return 'allowed';
  }

  failed(username: string, address: string): void {
    this.count(this.addresses, address);
    this.count(this.pairs, pairKey(username, address));
  }

  /** A right password clears its own pair only: other accounts' failures still count. */
  succeeded(username: string, address: string): void {
    this.pairs.delete(pairKey(username, address));
  }

  private current(map: Map<string, Window>, key: string): number {
    const seen = map.get(key);
    if (!seen) return 0;
    if (this.now() - seen.since >= this.limits.windowMs) {
      map.delete(key);
      return 0;
    }
    return seen.count;
  }

  private count(map: Map<string, Window>, key: string): void {
    const now = this.now();
    const seen = map.get(key);
    if (seen && now - seen.since < this.limits.windowMs) {
      seen.count++;
      return;
    }
    map.delete(key);
    if (map.size >= MAX_ENTRIES) {
      // Maps keep insertion order: the first key is the oldest window.
      const oldest = map.keys().next();
      if (!oldest.done) map.delete(oldest.value);
    }
    map.set(key, { count: 1, since: now });
  }
}

/** Names are compared as typed in any case, so `Wang` and `wang` share a count. */
function pairKey(username: string, address: string): string {
  return `${address}\u0000${username.toLowerCase()}`;
}
