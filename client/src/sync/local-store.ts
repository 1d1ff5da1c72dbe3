// The browser's copy of every room: an append-only log of Yjs updates per room in
// IndexedDB (through Dexie), plus each room's confirmation counters.
import { Dexie, type EntityTable } from 'dexie';
import type { ConfirmationState } from './confirmation-tracker.ts';

interface StoredUpdate {
  seq?: number;
  room: string;
  data: Uint8Array;
  /** True for a compacted snapshot of the whole room. */
  snapshot?: boolean;
}

interface StoredRoomMeta extends ConfirmationState {
  room: string;
}

class LedgerDatabase extends Dexie {
  updates!: EntityTable<StoredUpdate, 'seq'>;
  rooms!: EntityTable<StoredRoomMeta, 'room'>;

  constructor(name: string, deps?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }) {
    super(name, deps);
    this.version(1).stores({ updates: '++seq, room', rooms: 'room' });
  }
}

export interface LoadedRoom {
  /** Stored updates, oldest first, with their keys (for compaction). */
  readonly entries: readonly { seq: number; data: Uint8Array; snapshot: boolean }[];
  readonly confirmation: ConfirmationState;
}

export class LocalStore {
  private readonly db: LedgerDatabase;

  constructor(name = 'civic-ledger', deps?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }) {
    this.db = new LedgerDatabase(name, deps);
  }

  async load(room: string): Promise<LoadedRoom> {
    return this.db.transaction('r', this.db.updates, this.db.rooms, async () => {
      // Index order within one room is primary-key order: oldest first.
      const rows = await this.db.updates.where('room').equals(room).toArray();
      const meta = await this.db.rooms.get(room);
      return {
        entries: rows.map((r) => ({ seq: r.seq ?? 0, data: r.data, snapshot: r.snapshot === true })),
        confirmation: { editSeq: meta?.editSeq ?? 0, confirmedSeq: meta?.confirmedSeq ?? 0 },
      };
    });
  }

  /** Appends updates (and the edit counter, if local edits are among them) in one transaction. */
  async append(room: string, updates: readonly Uint8Array[], editSeq: number | null): Promise<number[]> {
    return this.db.transaction('rw', this.db.updates, this.db.rooms, async () => {
      const keys = await this.db.updates.bulkAdd(
        updates.map((data) => ({ room, data })),
        { allKeys: true },
      );
      if (editSeq !== null) {
        const meta = await this.db.rooms.get(room);
        await this.db.rooms.put({ room, editSeq, confirmedSeq: meta?.confirmedSeq ?? 0 });
      }
      return keys as number[];
    });
  }

  /**
   * Replaces the entries `merged` (which the snapshot includes) by the snapshot. Entries
   * written meanwhile, e.g. by another tab, stay.
   */
  async compact(room: string, snapshot: Uint8Array, merged: readonly number[]): Promise<number> {
    return this.db.transaction('rw', this.db.updates, async () => {
      await this.db.updates.bulkDelete([...merged]);
      return (await this.db.updates.add({ room, data: snapshot, snapshot: true })) as number;
    });
  }

  async setConfirmed(room: string, confirmation: ConfirmationState): Promise<void> {
    await this.db.rooms.put({ room, ...confirmation });
  }

  /** Forgets one room's copy (after the server refused a change in it; it reloads from there). */
  async clearRoom(room: string): Promise<void> {
    await this.db.transaction('rw', this.db.updates, this.db.rooms, async () => {
      await this.db.updates.where('room').equals(room).delete();
      await this.db.rooms.delete(room);
    });
  }

  /** Rooms with something stored, for tools and tests. */
  async rooms(): Promise<string[]> {
    return (await this.db.updates.orderBy('room').uniqueKeys()).map(String);
  }

  close(): void {
    this.db.close();
  }

  async deleteAll(): Promise<void> {
    await this.db.delete();
  }
}
