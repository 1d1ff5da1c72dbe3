// The room log kept in memory: per-room sequence numbers, appends and their audit entries
// stored in one synchronous step (nothing can see one without the other), compaction
// that keeps whatever was appended after the seq it folds in.
import type { AuditEntry } from '../audit-store.ts';
import type { RoomLogStore, StoredRoom } from '../room-log-store.ts';
import type { MemoryAudit } from './memory-records.ts';

interface LogEntry {
  seq: number;
  update: Uint8Array;
}

interface MemoryRoom {
  snapshot: Uint8Array | null;
  /** Seq folded into the snapshot. */
  snapshotSeq: number;
  /** Last seq handed out in this room. */
  head: number;
  log: LogEntry[];
}

export class MemoryRoomLog implements RoomLogStore {
  private readonly rooms = new Map<string, MemoryRoom>();

  constructor(private readonly audit: MemoryAudit) {}

  private room(name: string): MemoryRoom {
    let room = this.rooms.get(name);
    if (!room) {
      room = { snapshot: null, snapshotSeq: 0, head: 0, log: [] };
      this.rooms.set(name, room);
    }
    return room;
  }

  async loadRoom(name: string): Promise<StoredRoom> {
    const room = this.rooms.get(name);
    if (!room) return { snapshot: null, updates: [], lastSeq: 0 };
    return {
      snapshot: room.snapshot,
      updates: room.log.map((e) => e.update),
      lastSeq: room.log.at(-1)?.seq ?? room.snapshotSeq,
    };
  }

  async readSince(name: string, sinceSeq: number): Promise<StoredRoom> {
    const room = this.rooms.get(name);
    if (!room) return { snapshot: null, updates: [], lastSeq: sinceSeq };
    const from = Math.max(room.snapshotSeq, sinceSeq);
    const entries = room.log.filter((e) => e.seq > from);
    return {
      snapshot: room.snapshotSeq > sinceSeq ? room.snapshot : null,
      updates: entries.map((e) => e.update),
      lastSeq: entries.at(-1)?.seq ?? from,
    };
  }

  async appendUpdates(
    name: string,
    updates: readonly Uint8Array[],
    audit: readonly AuditEntry[] = [],
  ): Promise<number> {
    if (updates.length === 0) return 0;
    this.audit.check(audit);
    const room = this.room(name);
    for (const update of updates) room.log.push({ seq: ++room.head, update: update.slice() });
    this.audit.add(audit);
    return room.head;
  }

  async compact(name: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    const room = this.room(name);
    room.head = Math.max(room.head, upToSeq);
    // An older compaction arriving late never replaces a newer snapshot.
    if (upToSeq >= room.snapshotSeq) {
      room.snapshot = snapshot.slice();
      room.snapshotSeq = upToSeq;
    }
    room.log = room.log.filter((e) => e.seq > upToSeq);
  }

  async pendingUpdateCount(name: string): Promise<number> {
    const room = this.rooms.get(name);
    return room ? room.log.filter((e) => e.seq > room.snapshotSeq).length : 0;
  }

  async listRooms(): Promise<string[]> {
    return [...this.rooms.entries()]
      .filter(([, r]) => r.snapshot !== null || r.log.length > 0)
      .map(([name]) => name)
      .sort();
  }

  async isEmpty(): Promise<boolean> {
    return (await this.listRooms()).length === 0;
  }
}
