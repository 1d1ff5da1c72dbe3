// Public surface of the server package for tests and tools.
export { loadConfig, type ServerConfig } from './config.ts';
export { type RunningServer, startServer } from './server.ts';
export { SQLITE_FILE_NAME, SqliteStore } from './store/sqlite-store.ts';
export type { Store, StoredRoom } from './store/store.ts';
