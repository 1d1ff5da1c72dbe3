// A store kept in memory, with every promise of the SQLite and PostgreSQL stores but
// durability: for in-process tests of the sync core (several "instances" may share one)
// and for benchmarks that want persistence out of the way.
import { ComposedStore } from '../composed-store.ts';
import { MemoryPhotos } from './memory-photos.ts';
import { MemoryAccounts, MemoryAudit, MemoryMeta } from './memory-records.ts';
import { MemoryRoomLog } from './memory-room-log.ts';
import { MemorySnapshots } from './memory-snapshots.ts';

export class MemoryStore extends ComposedStore {
  readonly kind = 'memory' as const;

  constructor() {
    const audit = new MemoryAudit();
    super({
      log: new MemoryRoomLog(audit),
      accounts: new MemoryAccounts(),
      audit,
      snapshots: new MemorySnapshots(),
      meta: new MemoryMeta(),
      photos: new MemoryPhotos(),
    });
  }

  async ping(): Promise<void> {}

  /** Keeps the data: a second handle on the same store (another instance) may go on. */
  async close(): Promise<void> {}
}
