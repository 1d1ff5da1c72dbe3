// SQLite store (the embedded default): one file in DATA_DIR, WAL journal, full sync, so
// that a committed append survives a crash of the process or the machine. Appends to the
// update log commit on a thread of their own (sqlite-append-worker.ts).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ComposedStore } from '../composed-store.ts';
import { SqliteAppendWorker } from './sqlite-append-worker.ts';
import { SqlitePhotos } from './sqlite-photos.ts';
import { SqliteAccounts, SqliteAudit, SqliteMeta } from './sqlite-records.ts';
import { SqliteRoomLog } from './sqlite-room-log.ts';
import { migrateSqlite } from './sqlite-schema.ts';
import { SqliteSnapshots } from './sqlite-snapshots.ts';

export const SQLITE_FILE_NAME = 'civic-ledger.db';

function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  migrateSqlite(db);
  return db;
}

export class SqliteStore extends ComposedStore {
  readonly kind = 'sqlite' as const;
  readonly file: string;
  private readonly db: Database.Database;
  private readonly appends: SqliteAppendWorker;

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, SQLITE_FILE_NAME);
    const db = openDatabase(file);
    const appends = new SqliteAppendWorker(file);
    super({
      log: new SqliteRoomLog(db, appends),
      accounts: new SqliteAccounts(db),
      audit: new SqliteAudit(db),
      snapshots: new SqliteSnapshots(db),
      meta: new SqliteMeta(db),
      photos: new SqlitePhotos(db),
    });
    this.file = file;
    this.db = db;
    this.appends = appends;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    await this.appends.close();
    if (this.db.open) {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
  }
}
