// PostgreSQL store, for several server instances sharing rooms. The same log and
// snapshot as SQLite; per-room sequence numbers are taken under a row lock on the
// room's head, so within a room they commit in order and readers never skip one.
import pg from 'pg';
import { log } from '../../ops/log.ts';
import { toBuffer, toBytes } from '../bytes.ts';
import { type AuditEntry, type AuditQuery, type UserRecord, type UserRow, userFromRow } from '../records.ts';
import type { SnapshotRecord, SnapshotRoom } from '../snapshot-records.ts';
import type { Store, StoredRoom } from '../store.ts';
import { PostgresSnapshots } from './postgres-snapshots.ts';

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS room_head (
     room TEXT PRIMARY KEY,
     seq BIGINT NOT NULL
   );
   CREATE TABLE IF NOT EXISTS room_snapshot (
     room TEXT PRIMARY KEY,
     snapshot BYTEA NOT NULL,
     seq BIGINT NOT NULL,
     updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
   );
   CREATE TABLE IF NOT EXISTS room_update (
     room TEXT NOT NULL,
     seq BIGINT NOT NULL,
     data BYTEA NOT NULL,
     created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
     PRIMARY KEY (room, seq)
   );
   CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  `CREATE TABLE app_user (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL UNIQUE,
     display_name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     role TEXT NOT NULL,
     committee_id TEXT,
     disabled BOOLEAN NOT NULL DEFAULT false,
     token_version INT NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL,
     updated_at BIGINT NOT NULL
   );
   CREATE INDEX app_user_updated ON app_user (updated_at);
   CREATE TABLE audit_log (
     id BIGSERIAL PRIMARY KEY,
     room TEXT NOT NULL,
     row_id TEXT NOT NULL,
     field TEXT NOT NULL,
     before TEXT,
     after TEXT,
     user_id TEXT NOT NULL,
     username TEXT NOT NULL,
     at BIGINT NOT NULL
   );
   CREATE INDEX audit_log_room_at ON audit_log (room, at);
   CREATE INDEX audit_log_room_row ON audit_log (room, row_id, at);`,
  `CREATE TABLE snapshot (
     id TEXT PRIMARY KEY,
     taken_at BIGINT NOT NULL,
     label TEXT NOT NULL,
     kind TEXT NOT NULL,
     created_by TEXT,
     room_count INT NOT NULL,
     slot TEXT UNIQUE
   );
   CREATE INDEX snapshot_taken_at ON snapshot (taken_at);
   CREATE TABLE snapshot_room (
     snapshot_id TEXT NOT NULL REFERENCES snapshot (id) ON DELETE CASCADE,
     room TEXT NOT NULL,
     state BYTEA NOT NULL,
     state_vector BYTEA NOT NULL,
     PRIMARY KEY (snapshot_id, room)
   );`,
];

/** Serialises migrations of instances starting together. */
const MIGRATION_LOCK = 7_362_514;

function insertAudit(db: pg.Pool | pg.PoolClient, entries: readonly AuditEntry[]): Promise<unknown> {
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

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly snapshots: PostgresSnapshots;

  private constructor(pool: pg.Pool) {
    this.pool = pool;
    this.snapshots = new PostgresSnapshots(pool, (work) => this.inTransaction(work));
  }

  /** Connects and migrates the schema to the current version. */
  static async open(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    pool.on('error', (err) => log.error('postgres pool error', { error: err.message }));
    const store = new PostgresStore(pool);
    try {
      await store.migrate();
    } catch (err) {
      await pool.end();
      throw err;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migration (version INT PRIMARY KEY)');
      const { rows } = await client.query<{ v: number | null }>(
        'SELECT max(version) AS v FROM schema_migration',
      );
      const current = rows[0]?.v ?? 0;
      if (current > MIGRATIONS.length) {
        throw new Error(`store schema ${current} is newer than this server (${MIGRATIONS.length})`);
      }
      for (let v = current + 1; v <= MIGRATIONS.length; v++) {
        await client.query('BEGIN');
        await client.query(MIGRATIONS[v - 1]!);
        await client.query('INSERT INTO schema_migration (version) VALUES ($1)', [v]);
        await client.query('COMMIT');
        log.info('store migrated', { store: 'postgres', version: v });
      }
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
      client.release();
    }
  }

  private async inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async loadRoom(room: string): Promise<StoredRoom> {
    return this.read(room, 0, true);
  }

  async readSince(room: string, sinceSeq: number): Promise<StoredRoom> {
    return this.read(room, sinceSeq, false);
  }

  private async read(room: string, sinceSeq: number, always: boolean): Promise<StoredRoom> {
    return this.inTransaction(async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const snap = await client.query<{ snapshot: Buffer; seq: string }>(
        'SELECT snapshot, seq FROM room_snapshot WHERE room = $1',
        [room],
      );
      const snapRow = snap.rows[0];
      const snapSeq = snapRow ? Number(snapRow.seq) : 0;
      const from = Math.max(snapSeq, sinceSeq);
      const ups = await client.query<{ seq: string; data: Buffer }>(
        'SELECT seq, data FROM room_update WHERE room = $1 AND seq > $2 ORDER BY seq',
        [room, from],
      );
      const last = ups.rows.at(-1);
      return {
        snapshot: snapRow && (always || snapSeq > sinceSeq) ? toBytes(snapRow.snapshot) : null,
        updates: ups.rows.map((r) => toBytes(r.data)),
        lastSeq: last ? Number(last.seq) : from,
      };
    });
  }

  async appendUpdates(
    room: string,
    updates: readonly Uint8Array[],
    audit: readonly AuditEntry[] = [],
  ): Promise<number> {
    if (updates.length === 0) return 0;
    return this.inTransaction(async (client) => {
      const head = await client.query<{ seq: string }>(
        `INSERT INTO room_head (room, seq) VALUES ($1, $2)
         ON CONFLICT (room) DO UPDATE SET seq = room_head.seq + $2 RETURNING seq`,
        [room, updates.length],
      );
      const last = Number(head.rows[0]!.seq);
      const first = last - updates.length + 1;
      await client.query(
        `INSERT INTO room_update (room, seq, data)
         SELECT $1, s, d FROM unnest($2::bigint[], $3::bytea[]) AS t (s, d)`,
        [room, updates.map((_, i) => first + i), updates.map(toBuffer)],
      );
      if (audit.length > 0) await insertAudit(client, audit);
      return last;
    });
  }

  async compact(room: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    await this.inTransaction(async (client) => {
      // Appends to this room wait for the head lock, so the delete cannot race them.
      await client.query(
        `INSERT INTO room_head (room, seq) VALUES ($1, $2)
         ON CONFLICT (room) DO UPDATE SET seq = greatest(room_head.seq, $2)`,
        [room, upToSeq],
      );
      await client.query(
        `INSERT INTO room_snapshot (room, snapshot, seq, updated_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (room) DO UPDATE SET snapshot = excluded.snapshot, seq = excluded.seq, updated_at = now()
         WHERE excluded.seq >= room_snapshot.seq`,
        [room, toBuffer(snapshot), upToSeq],
      );
      await client.query('DELETE FROM room_update WHERE room = $1 AND seq <= $2', [room, upToSeq]);
    });
  }

  async pendingUpdateCount(room: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM room_update
       WHERE room = $1 AND seq > coalesce((SELECT seq FROM room_snapshot WHERE room = $1), 0)`,
      [room],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async listRooms(): Promise<string[]> {
    const { rows } = await this.pool.query<{ room: string }>(
      'SELECT room FROM room_snapshot UNION SELECT DISTINCT room FROM room_update ORDER BY room',
    );
    return rows.map((r) => r.room);
  }

  async isEmpty(): Promise<boolean> {
    const { rows } = await this.pool.query(
      'SELECT 1 FROM room_snapshot UNION ALL SELECT 1 FROM room_update LIMIT 1',
    );
    return rows.length === 0;
  }

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
      `INSERT INTO app_user (id, username, display_name, password_hash, role, committee_id, disabled,
         token_version, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
         password_hash = excluded.password_hash, role = excluded.role, committee_id = excluded.committee_id,
         disabled = excluded.disabled, token_version = excluded.token_version, updated_at = excluded.updated_at`,
      [
        u.id,
        u.username,
        u.displayName,
        u.passwordHash,
        u.role,
        u.committeeId,
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

  async appendAudit(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await insertAudit(this.pool, entries);
  }

  async queryAudit(q: AuditQuery): Promise<AuditEntry[]> {
    const { rows } = await this.pool.query<AuditEntry & { at: string }>(
      `SELECT room, row_id AS "rowId", field, before, after, user_id AS "userId", username, at FROM audit_log
       WHERE room = $1 AND ($2::text IS NULL OR row_id = $2) AND at >= $3 AND at <= $4
       ORDER BY at, id LIMIT $5`,
      [q.room, q.rowId ?? null, q.from ?? 0, q.to ?? Number.MAX_SAFE_INTEGER, q.limit ?? 1000],
    );
    return rows.map((r) => ({ ...r, at: Number(r.at) }));
  }

  putSnapshot(record: SnapshotRecord, rooms: readonly SnapshotRoom[], slot?: string): Promise<boolean> {
    return this.snapshots.put(record, rooms, slot);
  }

  listSnapshots(): Promise<SnapshotRecord[]> {
    return this.snapshots.list();
  }

  getSnapshot(id: string): Promise<SnapshotRecord | null> {
    return this.snapshots.get(id);
  }

  loadSnapshotRooms(id: string, rooms?: readonly string[]): Promise<SnapshotRoom[]> {
    return this.snapshots.loadRooms(id, rooms);
  }

  deleteSnapshot(id: string): Promise<boolean> {
    return this.snapshots.delete(id);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
