// Chooses the store backend from the configuration: PostgreSQL when DATABASE_URL is
// set, otherwise the SQLite file in DATA_DIR.
import type { ServerConfig } from '../ops/config.ts';
import { PostgresStore } from './postgres/postgres-store.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

export async function openStore(config: ServerConfig): Promise<Store> {
  if (config.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
      throw new Error('DATABASE_URL must be a postgres:// URL');
    }
    return PostgresStore.open(config.databaseUrl);
  }
  return new SqliteStore(config.dataDir);
}
