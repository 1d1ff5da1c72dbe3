// The snapshot tables of the SQLite store (created by its migration 3).
import type Database from 'better-sqlite3';
import { toBuffer, toBytes } from '../bytes.ts';
import type { SnapshotRecord, SnapshotRoom, SnapshotStore } from '../snapshot-store.ts';
import { SNAPSHOT_COLUMNS, type SnapshotRow, snapshotFromRow } from '../sql-rows.ts';

/** See `SnapshotStore` for what each method promises. */
export class SqliteSnapshots implements SnapshotStore {
  constructor(private readonly db: Database.Database) {}

  async putSnapshot(record: SnapshotRecord, rooms: readonly SnapshotRoom[], slot?: string): Promise<boolean> {
    const insertRoom = this.db.prepare<[string, string, Buffer, Buffer]>(
      'INSERT INTO snapshot_room (snapshot_id, room, state, state_vector) VALUES (?, ?, ?, ?)',
    );
    return this.db.transaction(() => {
      const info = this.db
        .prepare(
          `INSERT INTO snapshot (id, taken_at, label, kind, created_by, room_count, slot)
           VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        )
        .run(
          record.id,
          record.takenAt,
          record.label,
          record.kind,
          record.createdBy,
          rooms.length,
          slot ?? null,
        );
      if (info.changes === 0) return false;
      for (const r of rooms) insertRoom.run(record.id, r.room, toBuffer(r.state), toBuffer(r.stateVector));
      return true;
    })();
  }

  async listSnapshots(): Promise<SnapshotRecord[]> {
    return this.db
      .prepare<[], SnapshotRow>(`SELECT ${SNAPSHOT_COLUMNS} FROM snapshot ORDER BY taken_at DESC, id DESC`)
      .all()
      .map(snapshotFromRow);
  }

  async getSnapshot(id: string): Promise<SnapshotRecord | null> {
    const row = this.db
      .prepare<[string], SnapshotRow>(`SELECT ${SNAPSHOT_COLUMNS} FROM snapshot WHERE id = ?`)
      .get(id);
    return row ? snapshotFromRow(row) : null;
  }

  async loadSnapshotRooms(id: string, rooms?: readonly string[]): Promise<SnapshotRoom[]> {
    type Row = { room: string; state: Buffer; state_vector: Buffer };
    const select = 'SELECT room, state, state_vector FROM snapshot_room WHERE snapshot_id = ?';
    const found = rooms
      ? rooms
          .map((room) => this.db.prepare<[string, string], Row>(`${select} AND room = ?`).get(id, room))
          .filter((r): r is Row => r !== undefined)
          .sort((a, b) => (a.room < b.room ? -1 : 1))
      : this.db.prepare<[string], Row>(`${select} ORDER BY room`).all(id);
    return found.map((r) => ({
      room: r.room,
      state: toBytes(r.state),
      stateVector: toBytes(r.state_vector),
    }));
  }

  async deleteSnapshot(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM snapshot_room WHERE snapshot_id = ?').run(id);
      return this.db.prepare('DELETE FROM snapshot WHERE id = ?').run(id).changes > 0;
    })();
  }
}
