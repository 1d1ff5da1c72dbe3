// The snapshot tables of the PostgreSQL store (created by its third migration).
import type pg from 'pg';
import { toBuffer, toBytes } from '../bytes.ts';
import type { SnapshotRecord, SnapshotRoom, SnapshotStore } from '../snapshot-store.ts';
import { SNAPSHOT_COLUMNS, type SnapshotRow, snapshotFromRow } from '../sql-rows.ts';

type InTransaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

/** See `SnapshotStore` for what each method promises. */
export class PostgresSnapshots implements SnapshotStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly inTransaction: InTransaction,
  ) {}

  async putSnapshot(record: SnapshotRecord, rooms: readonly SnapshotRoom[], slot?: string): Promise<boolean> {
    return this.inTransaction(async (client) => {
      const inserted = await client.query(
        `INSERT INTO snapshot (id, taken_at, label, kind, created_by, room_count, slot)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [record.id, record.takenAt, record.label, record.kind, record.createdBy, rooms.length, slot ?? null],
      );
      if (inserted.rowCount === 0) return false;
      if (rooms.length > 0) {
        await client.query(
          `INSERT INTO snapshot_room (snapshot_id, room, state, state_vector)
           SELECT $1, r, s, v FROM unnest($2::text[], $3::bytea[], $4::bytea[]) AS t (r, s, v)`,
          [
            record.id,
            rooms.map((r) => r.room),
            rooms.map((r) => toBuffer(r.state)),
            rooms.map((r) => toBuffer(r.stateVector)),
          ],
        );
      }
      return true;
    });
  }

  async listSnapshots(): Promise<SnapshotRecord[]> {
    const { rows } = await this.pool.query<SnapshotRow>(
      `SELECT ${SNAPSHOT_COLUMNS} FROM snapshot ORDER BY taken_at DESC, id DESC`,
    );
    return rows.map(snapshotFromRow);
  }

  async getSnapshot(id: string): Promise<SnapshotRecord | null> {
    const { rows } = await this.pool.query<SnapshotRow>(
      `SELECT ${SNAPSHOT_COLUMNS} FROM snapshot WHERE id = $1`,
      [id],
    );
    return rows[0] ? snapshotFromRow(rows[0]) : null;
  }

  async loadSnapshotRooms(id: string, rooms?: readonly string[]): Promise<SnapshotRoom[]> {
    const { rows } = await this.pool.query<{ room: string; state: Buffer; state_vector: Buffer }>(
      `SELECT room, state, state_vector FROM snapshot_room
       WHERE snapshot_id = $1 AND ($2::text[] IS NULL OR room = ANY($2)) ORDER BY room`,
      [id, rooms ? [...rooms] : null],
    );
    return rows.map((r) => ({ room: r.room, state: toBytes(r.state), stateVector: toBytes(r.state_vector) }));
  }

  async deleteSnapshot(id: string): Promise<boolean> {
    const deleted = await this.pool.query('DELETE FROM snapshot WHERE id = $1', [id]);
    return (deleted.rowCount ?? 0) > 0;
  }
}
