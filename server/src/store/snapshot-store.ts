// Snapshots the store keeps: the state of every room frozen at one moment (a Yjs update
// and its state vector per room), with when it was taken, a label and who took it.

export type SnapshotKind = 'manual' | 'scheduled' | 'bulletin';

export interface SnapshotRecord {
  /** A ULID: sorts by time taken. */
  id: string;
  /** Milliseconds since the epoch. */
  takenAt: number;
  label: string;
  kind: SnapshotKind;
  /** Username of who took it; null for the scheduler. */
  createdBy: string | null;
  roomCount: number;
}

export interface SnapshotRoom {
  room: string;
  /** The room's whole state as one Yjs v1 update. */
  state: Uint8Array;
  /** `Y.encodeStateVector` of that state: what a later diff or sync starts from. */
  stateVector: Uint8Array;
}

export interface SnapshotStore {
  /**
   * Stores a snapshot and its rooms in one transaction. `slot` (e.g. the scheduled time
   * `2026-03-02T16:00`) is unique: when another instance already stored that slot, nothing
   * is stored and the result is false.
   */
  putSnapshot(record: SnapshotRecord, rooms: readonly SnapshotRoom[], slot?: string): Promise<boolean>;
  /** Newest first. */
  listSnapshots(): Promise<SnapshotRecord[]>;
  getSnapshot(id: string): Promise<SnapshotRecord | null>;
  /** The rooms of a snapshot, all or only those named. */
  loadSnapshotRooms(id: string, rooms?: readonly string[]): Promise<SnapshotRoom[]>;
  /** Returns whether there was such a snapshot. */
  deleteSnapshot(id: string): Promise<boolean>;
}
