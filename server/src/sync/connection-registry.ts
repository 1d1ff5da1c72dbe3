// Every open sync connection, by user and by address: enforces the per-user and
// per-address limits and closes a user's sockets when their account changes.
import { CloseCode } from '@civic-ledger/shared';
import type { UserRecord } from '../store/account-store.ts';
import type { Connection } from './connection.ts';

export class ConnectionRegistry {
  readonly all = new Set<Connection>();
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly byAddress = new Map<string, number>();
  private readonly addressOf = new Map<Connection, string>();

  constructor(private readonly limits: { perUser: number; perAddress: number }) {}

  /** Why a new connection may not open, or null. */
  refusal(userId: string, address: string): string | null {
    if ((this.byUser.get(userId)?.size ?? 0) >= this.limits.perUser)
      return 'too many connections for this account';
    if ((this.byAddress.get(address) ?? 0) >= this.limits.perAddress)
      return 'too many connections from this address';
    return null;
  }

  add(connection: Connection, address: string): void {
    this.all.add(connection);
    const userId = connection.account.id;
    const set = this.byUser.get(userId) ?? new Set<Connection>();
    this.byUser.set(userId, set);
    set.add(connection);
    this.byAddress.set(address, (this.byAddress.get(address) ?? 0) + 1);
    this.addressOf.set(connection, address);
  }

  remove(connection: Connection): void {
    if (!this.all.delete(connection)) return;
    const set = this.byUser.get(connection.account.id);
    set?.delete(connection);
    if (set?.size === 0) this.byUser.delete(connection.account.id);
    const address = this.addressOf.get(connection);
    this.addressOf.delete(connection);
    if (address !== undefined) {
      const n = (this.byAddress.get(address) ?? 1) - 1;
      if (n <= 0) this.byAddress.delete(address);
      else this.byAddress.set(address, n);
    }
  }

  /** An account changed in the store: sockets opened under an older version close. */
  accountChanged(user: UserRecord): number {
    let closed = 0;
    for (const connection of [...(this.byUser.get(user.id) ?? [])]) {
      if (user.disabled || user.tokenVersion !== connection.account.tokenVersion) {
        connection.close(
          CloseCode.accountRevoked,
          user.disabled ? 'account disabled' : 'account changed: sign in again',
        );
        this.remove(connection);
        closed++;
      }
    }
    return closed;
  }
}
