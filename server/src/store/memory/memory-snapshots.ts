// Snapshots kept in memory: stored whole or not at all, a scheduled slot taken once.
import type { SnapshotRecord, SnapshotRoom, SnapshotStore } from '../snapshot-store.ts';

interface Stored {
  record: SnapshotRecord;
  rooms: SnapshotRoom[];
}

export class MemorySnapshots implements SnapshotStore {
  private readonly snapshots = new Map<string, Stored>();
  private readonly slots = new Set<string>();

  async putSnapshot(record: SnapshotRecord, rooms: readonly SnapshotRoom[], slot?: string): Promise<boolean> {
    if (this.snapshots.has(record.id) || (slot !== undefined && this.slots.has(slot))) return false;
    if (slot !== undefined) this.slots.add(slot);
    this.snapshots.set(record.id, {
      record: { ...record, roomCount: rooms.length },
      rooms: rooms.map((r) => ({ room: r.room, state: r.state.slice(), stateVector: r.stateVector.slice() })),
    });
    return true;
  }

  async listSnapshots(): Promise<SnapshotRecord[]> {
    return [...this.snapshots.values()]
      .map((s) => ({ ...s.record }))
      .sort((a, b) => b.takenAt - a.takenAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }

  async getSnapshot(id: string): Promise<SnapshotRecord | null> {
    const stored = this.snapshots.get(id);
    return stored ? { ...stored.record } : null;
  }

  async loadSnapshotRooms(id: string, rooms?: readonly string[]): Promise<SnapshotRoom[]> {
    const stored = this.snapshots.get(id);
    if (!stored) return [];
    const wanted = rooms ? new Set(rooms) : null;
    return stored.rooms
      .filter((r) => !wanted || wanted.has(r.room))
      .sort((a, b) => (a.room < b.room ? -1 : a.room > b.room ? 1 : 0));
  }

  async deleteSnapshot(id: string): Promise<boolean> {
    return this.snapshots.delete(id);
  }
}
