// The room log: an append-only update log per room plus one compacted snapshot. Within
// one room, sequence numbers grow in commit order, so a reader that has seen seq N has
// seen everything before it. Every store keeps these promises (store-contract.ts).
import type { AuditEntry } from './audit-store.ts';

export interface StoredRoom {
  /** Compacted state (a Yjs v1 update), or null for a room never compacted. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** Sequence number of the last update in the log (or merged into the snapshot). */
  lastSeq: number;
}

export interface RoomLogStore {
  /** Reads a room; an unknown room comes back empty. Throws if the store cannot be read. */
  loadRoom(room: string): Promise<StoredRoom>;
  /**
   * Appends updates to a room's log, and the audit entries of the changes they carry, in
   * one transaction (one durable commit). Resolves only once both are committed; returns
   * the sequence number of the last update.
   */
  appendUpdates(room: string, updates: readonly Uint8Array[], audit?: readonly AuditEntry[]): Promise<number>;
  /**
   * What a room's log holds after `sinceSeq`, for an instance catching up with others.
   * When compaction has already merged entries past `sinceSeq`, the snapshot comes too.
   */
  readSince(room: string, sinceSeq: number): Promise<StoredRoom>;
  /**
   * Replaces a room's snapshot with `snapshot` and drops log entries with seq <= upToSeq,
   * atomically. The snapshot must contain every update up to `upToSeq`.
   */
  compact(room: string, snapshot: Uint8Array, upToSeq: number): Promise<void>;
  /** Number of log entries after the snapshot. */
  pendingUpdateCount(room: string): Promise<number>;
  listRooms(): Promise<string[]>;
  /** True when no room has ever been stored. */
  isEmpty(): Promise<boolean>;
}
