// The PostgreSQL store's tables and how a database is brought up to the current schema
// version: under an advisory lock, so instances starting together migrate it once.
import type pg from 'pg';
import { log } from '../../ops/log.ts';

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
  `CREATE TABLE photo (
     id TEXT PRIMARY KEY,
     mime TEXT NOT NULL,
     width INT NOT NULL,
     height INT NOT NULL,
     taken_at TEXT,
     created_at BIGINT NOT NULL,
     data BYTEA NOT NULL,
     thumb BYTEA NOT NULL
   );
   CREATE TABLE photo_link (
     photo_id TEXT NOT NULL REFERENCES photo (id),
     room TEXT NOT NULL,
     row_id TEXT NOT NULL,
     stage TEXT NOT NULL,
     at BIGINT NOT NULL,
     "by" TEXT NOT NULL,
     PRIMARY KEY (photo_id, room, row_id, stage)
   );
   CREATE INDEX photo_link_room_row ON photo_link (room, row_id);`,
  'ALTER TABLE app_user ADD COLUMN person_id TEXT;',
];

/** Serialises migrations of instances starting together. */
const MIGRATION_LOCK = 7_362_514;

export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
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

/** Runs `work` in one transaction on one pooled connection; rolls back if it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
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
