// The room log of the PostgreSQL store. Per-room sequence numbers are taken under a row
// lock on the room's head, so within a room they commit in order and readers never skip
// one; reads see one consistent moment (REPEATABLE READ).
import type pg from 'pg';
import type { AuditEntry } from '../audit-store.ts';
import { toBuffer, toBytes } from '../bytes.ts';
import type { RoomLogStore, StoredRoom } from '../room-log-store.ts';
import { insertAudit } from './postgres-records.ts';
import { inTransaction } from './postgres-schema.ts';

export class PostgresRoomLog implements RoomLogStore {
  constructor(private readonly pool: pg.Pool) {}

  async loadRoom(room: string): Promise<StoredRoom> {
    return this.read(room, 0, true);
  }

  async readSince(room: string, sinceSeq: number): Promise<StoredRoom> {
    return this.read(room, sinceSeq, false);
  }

  private async read(room: string, sinceSeq: number, always: boolean): Promise<StoredRoom> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const snap = await client.query<{ snapshot: Buffer; seq: string }>(
        'SELECT snapshot, seq FROM room_snapshot WHERE room = $1',
        [room],
      );
      const snapRow = snap.rows[0];
      const snapSeq = snapRow ? Number(snapRow.seq) : 0;
      const from = Math.max(snapSeq, sinceSeq);
      const ups = await client.query<{ seq: string; data: Buffer }>(
        'SELECT seq, data FROM room_update WHERE room = $1 AND seq > $2 ORDER BY seq',
        [room, from],
      );
      const last = ups.rows.at(-1);
      return {
        snapshot: snapRow && (always || snapSeq > sinceSeq) ? toBytes(snapRow.snapshot) : null,
        updates: ups.rows.map((r) => toBytes(r.data)),
        lastSeq: last ? Number(last.seq) : from,
      };
    });
  }

  async appendUpdates(
    room: string,
    updates: readonly Uint8Array[],
    audit: readonly AuditEntry[] = [],
  ): Promise<number> {
    if (updates.length === 0) return 0;
    return inTransaction(this.pool, async (client) => {
      const head = await client.query<{ seq: string }>(
        `INSERT INTO room_head (room, seq) VALUES ($1, $2)
         ON CONFLICT (room) DO UPDATE SET seq = room_head.seq + $2 RETURNING seq`,
        [room, updates.length],
      );
      const last = Number(head.rows[0]!.seq);
      const first = last - updates.length + 1;
      await client.query(
        `INSERT INTO room_update (room, seq, data)
         SELECT $1, s, d FROM unnest($2::bigint[], $3::bytea[]) AS t (s, d)`,
        [room, updates.map((_, i) => first + i), updates.map(toBuffer)],
      );
      if (audit.length > 0) await insertAudit(client, audit);
      return last;
    });
  }

  async compact(room: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      // Appends to this room wait for the head lock, so the delete cannot race them.
      await client.query(
        `INSERT INTO room_head (room, seq) VALUES ($1, $2)
         ON CONFLICT (room) DO UPDATE SET seq = greatest(room_head.seq, $2)`,
        [room, upToSeq],
      );
      await client.query(
        `INSERT INTO room_snapshot (room, snapshot, seq, updated_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (room) DO UPDATE SET snapshot = excluded.snapshot, seq = excluded.seq, updated_at = now()
         WHERE excluded.seq >= room_snapshot.seq`,
        [room, toBuffer(snapshot), upToSeq],
      );
      await client.query('DELETE FROM room_update WHERE room = $1 AND seq <= $2', [room, upToSeq]);
    });
  }

  async pendingUpdateCount(room: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM room_update
       WHERE room = $1 AND seq > coalesce((SELECT seq FROM room_snapshot WHERE room = $1), 0)`,
      [room],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async listRooms(): Promise<string[]> {
    const { rows } = await this.pool.query<{ room: string }>(
      'SELECT room FROM room_snapshot UNION SELECT DISTINCT room FROM room_update ORDER BY room',
    );
    return rows.map((r) => r.room);
  }

  async isEmpty(): Promise<boolean> {
    const { rows } = await this.pool.query(
      'SELECT 1 FROM room_snapshot UNION ALL SELECT 1 FROM room_update LIMIT 1',
    );
    return rows.length === 0;
  }
}
