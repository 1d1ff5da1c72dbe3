// SQLite store (the embedded default): one file in DATA_DIR, WAL journal, full sync, so
// that a committed append survives a crash of the process or the machine. Appends to the
// update log commit on a thread of their own (sqlite-append-worker.ts); the rest here.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { toBytes } from '../bytes.ts';
import { type AuditEntry, type AuditQuery, type UserRecord, type UserRow, userFromRow } from '../records.ts';
import type { SnapshotRecord, SnapshotRoom } from '../snapshot-records.ts';
import type { Store, StoredRoom } from '../store.ts';
import { SqliteAppendWorker } from './sqlite-append-worker.ts';
import { SqliteSnapshots } from './sqlite-snapshots.ts';

const SCHEMA_VERSION = 3;

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
};

export const SQLITE_FILE_NAME = 'civic-ledger.db';

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly file: string;
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly snapshots: SqliteSnapshots;
  private readonly appends: SqliteAppendWorker;

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, SQLITE_FILE_NAME);
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    this.snapshots = new SqliteSnapshots(this.db);
    this.appends = new SqliteAppendWorker(this.file);
    const db = this.db;
    this.stmts = {
      snapshot: db.prepare<[string], { snapshot: Buffer; seq: number }>(
        'SELECT snapshot, seq FROM room_snapshot WHERE room = ?',
      ),
      updatesAfter: db.prepare<[string, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM room_update WHERE room = ? AND seq > ? ORDER BY seq',
      ),
      insertAudit: db.prepare<[AuditEntry]>(
        `INSERT INTO audit_log (room, row_id, field, before, after, user_id, username, at)
         VALUES (@room, @rowId, @field, @before, @after, @userId, @username, @at)`,
      ),
      countUpdatesAfter: db.prepare<[string, number], { n: number }>(
        'SELECT COUNT(*) AS n FROM room_update WHERE room = ? AND seq > ?',
      ),
      rooms: db.prepare<[], { room: string }>(
        'SELECT room FROM room_snapshot UNION SELECT DISTINCT room FROM room_update ORDER BY room',
      ),
      anyRoom: db.prepare<[], { one: number }>(
        'SELECT 1 AS one FROM room_snapshot UNION ALL SELECT 1 FROM room_update LIMIT 1',
      ),
      userById: db.prepare<[string], UserRow>('SELECT * FROM app_user WHERE id = ?'),
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM store_meta WHERE key = ?'),
      setMeta: db.prepare<[string, string]>(
        'INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    };
  }

  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) {
      throw new Error(`store schema ${current} is newer than this server (${SCHEMA_VERSION})`);
    }
    for (let v = current + 1; v <= SCHEMA_VERSION; v++) {
      const sql = MIGRATIONS[v];
      if (sql === undefined) throw new Error(`missing migration ${v}`);
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.pragma(`user_version = ${v}`);
      })();
    }
  }

  private snapshotSeq(room: string): { snapshot: Uint8Array | null; seq: number } {
    const row = this.stmts.snapshot.get(room);
    return row ? { snapshot: toBytes(row.snapshot), seq: row.seq } : { snapshot: null, seq: 0 };
  }

  async loadRoom(room: string): Promise<StoredRoom> {
    return this.db.transaction(() => {
      const { snapshot, seq } = this.snapshotSeq(room);
      const rows = this.stmts.updatesAfter.all(room, seq);
      const last = rows.at(-1);
      return { snapshot, updates: rows.map((r) => toBytes(r.data)), lastSeq: last ? last.seq : seq };
    })();
  }

  async readSince(room: string, sinceSeq: number): Promise<StoredRoom> {
    return this.db.transaction(() => {
      const { snapshot, seq } = this.snapshotSeq(room);
      const from = Math.max(seq, sinceSeq);
      const rows = this.stmts.updatesAfter.all(room, from);
      const last = rows.at(-1);
      return {
        snapshot: seq > sinceSeq ? snapshot : null,
        updates: rows.map((r) => toBytes(r.data)),
        lastSeq: last ? last.seq : from,
      };
    })();
  }

  /** Appends commit on a thread of their own: their fsync never holds the event loop. */
  appendUpdates(
    room: string,
    updates: readonly Uint8Array[],
    audit: readonly AuditEntry[] = [],
  ): Promise<number> {
    return this.appends.append(room, updates, audit);
  }

  compact(room: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    return this.appends.compact(room, snapshot, upToSeq);
  }

  async pendingUpdateCount(room: string): Promise<number> {
    const { seq } = this.snapshotSeq(room);
    return this.stmts.countUpdatesAfter.get(room, seq)?.n ?? 0;
  }

  async listRooms(): Promise<string[]> {
    return this.stmts.rooms.all().map((r) => r.room);
  }

  async isEmpty(): Promise<boolean> {
    return this.stmts.anyRoom.get() === undefined;
  }

  async getMeta(key: string): Promise<string | null> {
    return this.stmts.getMeta.get(key)?.value ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.stmts.setMeta.run(key, value);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async initMeta(key: string, value: string): Promise<string> {
    this.db
      .prepare('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING')
      .run(key, value);
    return (await this.getMeta(key)) ?? value;
  }

  async getUser(id: string): Promise<UserRecord | null> {
    const row = this.stmts.userById.get(id);
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
        `INSERT INTO app_user (id, username, display_name, password_hash, role, committee_id, disabled,
           token_version, created_at, updated_at)
         VALUES (@id, @username, @displayName, @passwordHash, @role, @committeeId, @disabled, @tokenVersion,
           @createdAt, @updatedAt)
         ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
           password_hash = excluded.password_hash, role = excluded.role, committee_id = excluded.committee_id,
           disabled = excluded.disabled, token_version = excluded.token_version, updated_at = excluded.updated_at`,
      )
      .run({ ...u, disabled: u.disabled ? 1 : 0 });
  }

  async usersChangedSince(ms: number): Promise<UserRecord[]> {
    return this.db
      .prepare<[number], UserRow>('SELECT * FROM app_user WHERE updated_at > ? ORDER BY updated_at')
      .all(ms)
      .map(userFromRow);
  }

  async appendAudit(entries: readonly AuditEntry[]): Promise<void> {
    this.db.transaction(() => {
      for (const e of entries) this.stmts.insertAudit.run(e);
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
        q.limit ?? 1000,
      );
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

  async close(): Promise<void> {
    await this.appends.close();
    if (this.db.open) {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
  }
}
