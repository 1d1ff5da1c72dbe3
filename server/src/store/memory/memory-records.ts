// Accounts, the audit trail and settings kept in memory, with the orders and filters
// the SQL stores give them.
import type { AccountStore, UserRecord } from '../account-store.ts';
import { type AuditEntry, type AuditQuery, type AuditStore, DEFAULT_AUDIT_LIMIT } from '../audit-store.ts';
import type { MetaStore } from '../store.ts';

export class MemoryAccounts implements AccountStore {
  private readonly users = new Map<string, UserRecord>();

  async getUser(id: string): Promise<UserRecord | null> {
    const user = this.users.get(id);
    return user ? { ...user } : null;
  }

  async getUserByName(username: string): Promise<UserRecord | null> {
    const user = [...this.users.values()].find((u) => u.username === username);
    return user ? { ...user } : null;
  }

  async listUsers(): Promise<UserRecord[]> {
    return [...this.users.values()]
      .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0))
      .map((u) => ({ ...u }));
  }

  async putUser(user: UserRecord): Promise<void> {
    const taken = [...this.users.values()].find((u) => u.username === user.username && u.id !== user.id);
    if (taken) throw new Error(`username ${user.username} is taken`);
    this.users.set(user.id, { ...user });
  }

  async usersChangedSince(ms: number): Promise<UserRecord[]> {
    return [...this.users.values()]
      .filter((u) => u.updatedAt > ms)
      .sort((a, b) => a.updatedAt - b.updatedAt)
      .map((u) => ({ ...u }));
  }
}

export class MemoryAudit implements AuditStore {
  private readonly entries: AuditEntry[] = [];

  /** Throws, as the SQL stores' constraints do, on an entry missing a required field. */
  check(entries: readonly AuditEntry[]): void {
    for (const e of entries) {
      const required = [e.room, e.rowId, e.field, e.userId, e.username];
      if (required.some((v) => typeof v !== 'string') || typeof e.at !== 'number') {
        throw new Error('audit entry is missing a required field');
      }
    }
  }

  /** Synchronous, so the room log can store entries in the same step as their updates. */
  add(entries: readonly AuditEntry[]): void {
    for (const e of entries) this.entries.push({ ...e });
  }

  async appendAudit(entries: readonly AuditEntry[]): Promise<void> {
    this.check(entries);
    this.add(entries);
  }

  async queryAudit(q: AuditQuery): Promise<AuditEntry[]> {
    const from = q.from ?? 0;
    const to = q.to ?? Number.MAX_SAFE_INTEGER;
    // A stable sort keeps entries of the same moment in the order they were stored.
    return this.entries
      .filter((e) => e.room === q.room && (q.rowId === undefined || e.rowId === q.rowId))
      .filter((e) => e.at >= from && e.at <= to)
      .sort((a, b) => a.at - b.at)
      .slice(0, q.limit ?? DEFAULT_AUDIT_LIMIT)
      .map((e) => ({ ...e }));
  }
}

export class MemoryMeta implements MetaStore {
  private readonly values = new Map<string, string>();

  async getMeta(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }

  async initMeta(key: string, value: string): Promise<string> {
    const stored = this.values.get(key);
    if (stored !== undefined) return stored;
    this.values.set(key, value);
    return value;
  }
}
