// When a room's update log in IndexedDB is worth merging into one snapshot: many small
// updates make loading slow, but rewriting a big snapshot for every edit is wasteful.

export interface LogSize {
  /** Entries stored for the room (updates and snapshots). */
  readonly entries: number;
  /** Their total size in bytes. */
  readonly bytes: number;
  /** Size of the newest compacted snapshot, 0 if none. */
  readonly snapshotBytes: number;
}

export const COMPACT_AFTER_ENTRIES = 200;
const MIN_ENTRIES = 20;
const HARD_LIMIT_ENTRIES = 2000;

/**
 * Compact once the updates since the snapshot outweigh it (then rewriting it costs less
 * than replaying them on every load), or once there are many of them and they are a fair
 * share of it (a 15 MB room is not rewritten for every 200 one-cell edits), and always
 * before the log grows past HARD_LIMIT_ENTRIES entries.
 */
export function shouldCompact(size: LogSize): boolean {
  if (size.entries < 2) return false;
  if (size.entries >= HARD_LIMIT_ENTRIES) return true;
  const sinceSnapshot = size.bytes - size.snapshotBytes;
  if (size.entries >= COMPACT_AFTER_ENTRIES && sinceSnapshot * 20 >= size.snapshotBytes) return true;
  return size.entries >= MIN_ENTRIES && sinceSnapshot > Math.max(size.snapshotBytes, 64 * 1024);
}
