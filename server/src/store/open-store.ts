// Chooses the store backend from the configuration.
import type { ServerConfig } from '../config.ts';
import { SqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

export async function openStore(config: ServerConfig): Promise<Store> {
  if (config.databaseUrl) {
    throw new Error(
      'DATABASE_URL is set but the PostgreSQL store is not available yet; unset it to use SQLite',
    );
  }
  return new SqliteStore(config.dataDir);
}
