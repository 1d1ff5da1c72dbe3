// PostgreSQL store, for several server instances sharing rooms: the same log, accounts,
// audit, snapshots and photos as SQLite, in one database reached through a connection pool.
import pg from 'pg';
import { log } from '../../ops/log.ts';
import { ComposedStore } from '../composed-store.ts';
import { PostgresPhotos } from './postgres-photos.ts';
import { PostgresAccounts, PostgresAudit, PostgresMeta } from './postgres-records.ts';
import { PostgresRoomLog } from './postgres-room-log.ts';
import { inTransaction, migratePostgres } from './postgres-schema.ts';
import { PostgresSnapshots } from './postgres-snapshots.ts';

export class PostgresStore extends ComposedStore {
  readonly kind = 'postgres' as const;

  private constructor(private readonly pool: pg.Pool) {
    super({
      log: new PostgresRoomLog(pool),
      accounts: new PostgresAccounts(pool),
      audit: new PostgresAudit(pool),
      snapshots: new PostgresSnapshots(pool, (work) => inTransaction(pool, work)),
      meta: new PostgresMeta(pool),
      photos: new PostgresPhotos(pool, (work) => inTransaction(pool, work)),
    });
  }

  /** Connects and migrates the schema to the current version. */
  static async open(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    pool.on('error', (err) => log.error('postgres pool error', { error: err.message }));
    try {
      await migratePostgres(pool);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new PostgresStore(pool);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
