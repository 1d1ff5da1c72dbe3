// Public surface of the server package for tests and tools.

export { Accounts } from './auth/accounts.ts';
export { loadConfig, type ServerConfig } from './ops/config.ts';
export { setLogLevel } from './ops/log.ts';
export { DEMO_ACCOUNTS } from './ops/seed.ts';
export { type RunningServer, startServer } from './server.ts';
export { MemoryStore } from './store/memory/memory-store.ts';
export { openStore } from './store/open-store.ts';
export { PostgresStore } from './store/postgres/postgres-store.ts';
export type { StoredRoom } from './store/room-log-store.ts';
export { SQLITE_FILE_NAME, SqliteStore } from './store/sqlite/sqlite-store.ts';
export type { Store } from './store/store.ts';
