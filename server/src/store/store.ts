// The persistence boundary, composed of parts a caller can ask for alone: the room log,
// accounts, the audit trail, snapshots and photos, plus a few settings and the store's life.
// SQLite, PostgreSQL and memory implement it; store-contract.ts pins what they promise.
import type { AccountStore } from './account-store.ts';
import type { AuditStore } from './audit-store.ts';
import type { PhotoStore } from './photo-store.ts';
import type { RoomLogStore } from './room-log-store.ts';
import type { SnapshotStore } from './snapshot-store.ts';

/** Small settings kept with the data (the token key, whether the demo was seeded). */
export interface MetaStore {
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  /** Stores `value` unless the key exists; returns what is stored (safe when instances race). */
  initMeta(key: string, value: string): Promise<string>;
}

export type StoreKind = 'sqlite' | 'postgres' | 'memory';

export interface Store extends RoomLogStore, AccountStore, AuditStore, SnapshotStore, MetaStore, PhotoStore {
  readonly kind: StoreKind;
  /** Resolves if the store answers; for health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
