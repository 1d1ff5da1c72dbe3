// Accounts, the audit trail and settings in the SQLite store: small tables written on
// the event loop (the audit entries of updates commit with them on the commit thread).
import type Database from 'better-sqlite3';
import type { AccountStore, UserRecord } from '../account-store.ts';
import { type AuditEntry, type AuditQuery, type AuditStore, DEFAULT_AUDIT_LIMIT } from '../audit-store.ts';
import { type UserRow, userFromRow } from '../sql-rows.ts';
import type { MetaStore } from '../store.ts';

export class SqliteAccounts implements AccountStore {
  constructor(private readonly db: Database.Database) {}

  async getUser(id: string): Promise<UserRecord | null> {
    const row = this.db.prepare<[string], UserRow>('SELECT * FROM app_user WHERE id = ?').get(id);
    return row ? userFromRow(row) : null;
  }

  async getUserByName(username: string): Promise<UserRecord | null> {
    const row = this.db.prepare<[string], UserRow>('SELECT * FROM app_user WHERE username = ?').get(username);
    return row ? userFromRow(row) : null;
  }

  async listUsers(): Promise<UserRecord[]> {
    return this.db.prepare<[], UserRow>('SELECT * FROM app_user ORDER BY username').all().map(userFromRow);
  }

  async putUser(u: UserRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO app_user (id, username, display_name, password_hash, role, committee_id, person_id,
           disabled, token_version, created_at, updated_at)
         VALUES (@id, @username, @displayName, @passwordHash, @role, @committeeId, @personId, @disabled,
           @tokenVersion, @createdAt, @updatedAt)
         ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
           password_hash = excluded.password_hash, role = excluded.role, committee_id = excluded.committee_id,
           person_id = excluded.person_id, disabled = excluded.disabled, token_version = excluded.token_version, updated_at = excluded.updated_at`,
      )
      .run({ ...u, disabled: u.disabled ? 1 : 0 });
  }

  async usersChangedSince(ms: number): Promise<UserRecord[]> {
    return this.db
      .prepare<[number], UserRow>('SELECT * FROM app_user WHERE updated_at > ? ORDER BY updated_at')
      .all(ms)
      .map(userFromRow);
  }
}

export class SqliteAudit implements AuditStore {
  private readonly insert;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare<[AuditEntry]>(
      `INSERT INTO audit_log (room, row_id, field, before, after, user_id, username, at)
       VALUES (@room, @rowId, @field, @before, @after, @userId, @username, @at)`,
    );
  }

  async appendAudit(entries: readonly AuditEntry[]): Promise<void> {
    this.db.transaction(() => {
      for (const e of entries) this.insert.run(e);
    })();
  }

  async queryAudit(q: AuditQuery): Promise<AuditEntry[]> {
    return this.db
      .prepare<[string, string | null, string | null, number, number, number], AuditEntry>(
        `SELECT room, row_id AS rowId, field, before, after, user_id AS userId, username, at FROM audit_log
         WHERE room = ? AND (? IS NULL OR row_id = ?) AND at >= ? AND at <= ?
         ORDER BY at, id LIMIT ?`,
      )
      .all(
        q.room,
        q.rowId ?? null,
        q.rowId ?? null,
        q.from ?? 0,
        q.to ?? Number.MAX_SAFE_INTEGER,
        q.limit ?? DEFAULT_AUDIT_LIMIT,
      );
  }
}

export class SqliteMeta implements MetaStore {
  constructor(private readonly db: Database.Database) {}

  async getMeta(key: string): Promise<string | null> {
    return (
      this.db.prepare<[string], { value: string }>('SELECT value FROM store_meta WHERE key = ?').get(key)
        ?.value ?? null
    );
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  async initMeta(key: string, value: string): Promise<string> {
    this.db
      .prepare('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING')
      .run(key, value);
    return (await this.getMeta(key)) ?? value;
  }
}
