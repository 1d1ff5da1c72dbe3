// Accounts, the audit trail and settings in the PostgreSQL store.
import type pg from 'pg';
import type { AccountStore, UserRecord } from '../account-store.ts';
import { type AuditEntry, type AuditQuery, type AuditStore, DEFAULT_AUDIT_LIMIT } from '../audit-store.ts';
import { type UserRow, userFromRow } from '../sql-rows.ts';
import type { MetaStore } from '../store.ts';

/** One statement for any number of entries; the room log calls it inside its append. */
export function insertAudit(db: pg.Pool | pg.PoolClient, entries: readonly AuditEntry[]): Promise<unknown> {
  return db.query(
    `INSERT INTO audit_log (room, row_id, field, before, after, user_id, username, at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
       $7::text[], $8::bigint[])`,
    [
      entries.map((e) => e.room),
      entries.map((e) => e.rowId),
      entries.map((e) => e.field),
      entries.map((e) => e.before),
      entries.map((e) => e.after),
      entries.map((e) => e.userId),
      entries.map((e) => e.username),
      entries.map((e) => e.at),
    ],
  );
}

export class PostgresAccounts implements AccountStore {
  constructor(private readonly pool: pg.Pool) {}

  async getUser(id: string): Promise<UserRecord | null> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM app_user WHERE id = $1', [id]);
    return rows[0] ? userFromRow(rows[0]) : null;
  }

  async getUserByName(username: string): Promise<UserRecord | null> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM app_user WHERE username = $1', [username]);
    return rows[0] ? userFromRow(rows[0]) : null;
  }

  async listUsers(): Promise<UserRecord[]> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM app_user ORDER BY username');
    return rows.map(userFromRow);
  }

  async putUser(u: UserRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO app_user (id, username, display_name, password_hash, role, committee_id, person_id,
         disabled, token_version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
         password_hash = excluded.password_hash, role = excluded.role, committee_id = excluded.committee_id,
         person_id = excluded.person_id, disabled = excluded.disabled, token_version = excluded.token_version, updated_at = excluded.updated_at`,
      [
        u.id,
        u.username,
        u.displayName,
        u.passwordHash,
        u.role,
        u.committeeId,
        u.personId,
        u.disabled,
        u.tokenVersion,
        u.createdAt,
        u.updatedAt,
      ],
    );
  }

  async usersChangedSince(ms: number): Promise<UserRecord[]> {
    const { rows } = await this.pool.query<UserRow>(
      'SELECT * FROM app_user WHERE updated_at > $1 ORDER BY updated_at',
      [ms],
    );
    return rows.map(userFromRow);
  }
}

export class PostgresAudit implements AuditStore {
  constructor(private readonly pool: pg.Pool) {}

  async appendAudit(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await insertAudit(this.pool, entries);
  }

  async queryAudit(q: AuditQuery): Promise<AuditEntry[]> {
    const { rows } = await this.pool.query<AuditEntry & { at: string }>(
      `SELECT room, row_id AS "rowId", field, before, after, user_id AS "userId", username, at FROM audit_log
       WHERE room = $1 AND ($2::text IS NULL OR row_id = $2) AND at >= $3 AND at <= $4
       ORDER BY at, id LIMIT $5`,
      [q.room, q.rowId ?? null, q.from ?? 0, q.to ?? Number.MAX_SAFE_INTEGER, q.limit ?? DEFAULT_AUDIT_LIMIT],
    );
    return rows.map((r) => ({ ...r, at: Number(r.at) }));
  }
}

export class PostgresMeta implements MetaStore {
  constructor(private readonly pool: pg.Pool) {}

  async getMeta(key: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM store_meta WHERE key = $1', [
      key,
    ]);
    return rows[0]?.value ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO store_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [key, value],
    );
  }

  async initMeta(key: string, value: string): Promise<string> {
    await this.pool.query(
      'INSERT INTO store_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
      [key, value],
    );
    return (await this.getMeta(key)) ?? value;
  }
}
