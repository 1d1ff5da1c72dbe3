// The SQLite store's tables and how a file is brought up to the current schema version
// (PRAGMA user_version), one transaction per migration.
import type Database from 'better-sqlite3';

const SCHEMA_VERSION = 5;

const MIGRATIONS: Record<number, string> = {
  1: `
    CREATE TABLE room_snapshot (
      room TEXT PRIMARY KEY,
      snapshot BLOB NOT NULL,
      seq INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE room_update (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      room TEXT NOT NULL,
      data BLOB NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX room_update_room_seq ON room_update (room, seq);
    CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  2: `
    CREATE TABLE app_user (
      id TEXT PRIMARY KEY,
      username TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      password_hash TEXT NOT NULL,
      role TEXT NOT NULL,
      committee_id TEXT,
      disabled INTEGER NOT NULL DEFAULT 0,
      token_version INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      room TEXT NOT NULL,
      row_id TEXT NOT NULL,
      field TEXT NOT NULL,
      before TEXT,
      after TEXT,
      user_id TEXT NOT NULL,
      username TEXT NOT NULL,
      at INTEGER NOT NULL
    );
    CREATE INDEX audit_log_room_at ON audit_log (room, at);
    CREATE INDEX audit_log_room_row ON audit_log (room, row_id, at);
  `,
  3: `
    CREATE TABLE snapshot (
      id TEXT PRIMARY KEY,
      taken_at INTEGER NOT NULL,
      label TEXT NOT NULL,
      kind TEXT NOT NULL,
      created_by TEXT,
      room_count INTEGER NOT NULL,
      slot TEXT UNIQUE
    );
    CREATE INDEX snapshot_taken_at ON snapshot (taken_at);
    CREATE TABLE snapshot_room (
      snapshot_id TEXT NOT NULL,
      room TEXT NOT NULL,
      state BLOB NOT NULL,
      state_vector BLOB NOT NULL,
      PRIMARY KEY (snapshot_id, room)
    );
  `,
  4: `
    CREATE TABLE photo (
      id TEXT PRIMARY KEY,
      mime TEXT NOT NULL,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      taken_at TEXT,
      created_at INTEGER NOT NULL,
      data BLOB NOT NULL,
      thumb BLOB NOT NULL
    );
    CREATE TABLE photo_link (
      photo_id TEXT NOT NULL REFERENCES photo (id),
      room TEXT NOT NULL,
      row_id TEXT NOT NULL,
      stage TEXT NOT NULL,
      at INTEGER NOT NULL,
      "by" TEXT NOT NULL,
      PRIMARY KEY (photo_id, room, row_id, stage)
    );
    CREATE INDEX photo_link_room_row ON photo_link (room, row_id);
  `,
  5: `
    ALTER TABLE app_user ADD COLUMN person_id TEXT;
  `,
};

export function migrateSqlite(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`store schema ${current} is newer than this server (${SCHEMA_VERSION})`);
  }
  for (let v = current + 1; v <= SCHEMA_VERSION; v++) {
    const sql = MIGRATIONS[v];
    if (sql === undefined) throw new Error(`missing migration ${v}`);
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${v}`);
    })();
  }
}
