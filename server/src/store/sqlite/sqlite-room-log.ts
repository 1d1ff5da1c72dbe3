// The room log of the SQLite store. Reads run here on the event loop (WAL readers never
// wait for the writer); appends and compactions go to the commit thread
// (sqlite-append-worker.ts), the only writer of the log, so sequence numbers grow in
// commit order.
import type Database from 'better-sqlite3';
import type { AuditEntry } from '../audit-store.ts';
import { toBytes } from '../bytes.ts';
import type { RoomLogStore, StoredRoom } from '../room-log-store.ts';
import type { SqliteAppendWorker } from './sqlite-append-worker.ts';

export class SqliteRoomLog implements RoomLogStore {
  private readonly stmts;

  constructor(
    private readonly db: Database.Database,
    private readonly appends: SqliteAppendWorker,
  ) {
    this.stmts = {
      snapshot: db.prepare<[string], { snapshot: Buffer; seq: number }>(
        'SELECT snapshot, seq FROM room_snapshot WHERE room = ?',
      ),
      updatesAfter: db.prepare<[string, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM room_update WHERE room = ? AND seq > ? ORDER BY seq',
      ),
      countUpdatesAfter: db.prepare<[string, number], { n: number }>(
        'SELECT COUNT(*) AS n FROM room_update WHERE room = ? AND seq > ?',
      ),
      rooms: db.prepare<[], { room: string }>(
        'SELECT room FROM room_snapshot UNION SELECT DISTINCT room FROM room_update ORDER BY room',
      ),
      anyRoom: db.prepare<[], { one: number }>(
        'SELECT 1 AS one FROM room_snapshot UNION ALL SELECT 1 FROM room_update LIMIT 1',
      ),
    };
  }

  private snapshotSeq(room: string): { snapshot: Uint8Array | null; seq: number } {
    const row = this.stmts.snapshot.get(room);
    return row ? { snapshot: toBytes(row.snapshot), seq: row.seq } : { snapshot: null, seq: 0 };
  }

  async loadRoom(room: string): Promise<StoredRoom> {
    return this.db.transaction(() => {
      const { snapshot, seq } = this.snapshotSeq(room);
      const rows = this.stmts.updatesAfter.all(room, seq);
      const last = rows.at(-1);
      return { snapshot, updates: rows.map((r) => toBytes(r.data)), lastSeq: last ? last.seq : seq };
    })();
  }

  async readSince(room: string, sinceSeq: number): Promise<StoredRoom> {
    return this.db.transaction(() => {
      const { snapshot, seq } = this.snapshotSeq(room);
      const from = Math.max(seq, sinceSeq);
      const rows = this.stmts.updatesAfter.all(room, from);
      const last = rows.at(-1);
      return {
        snapshot: seq > sinceSeq ? snapshot : null,
        updates: rows.map((r) => toBytes(r.data)),
        lastSeq: last ? last.seq : from,
      };
    })();
  }

  /** Appends commit on a thread of their own: their fsync never holds the event loop. */
  appendUpdates(
    room: string,
    updates: readonly Uint8Array[],
    audit: readonly AuditEntry[] = [],
  ): Promise<number> {
    return this.appends.append(room, updates, audit);
  }

  compact(room: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    return this.appends.compact(room, snapshot, upToSeq);
  }

  async pendingUpdateCount(room: string): Promise<number> {
    const { seq } = this.snapshotSeq(room);
    return this.stmts.countUpdatesAfter.get(room, seq)?.n ?? 0;
  }

  async listRooms(): Promise<string[]> {
    return this.stmts.rooms.all().map((r) => r.room);
  }

  async isEmpty(): Promise<boolean> {
    return this.stmts.anyRoom.get() === undefined;
  }
}
