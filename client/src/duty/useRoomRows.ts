// Keeps a set of rooms open from the pool and their rows as React state, re-read at most
// once per `throttleMs` after any change (only the rooms that changed are read again), so
// pages over every committee's rooms stay live without rebuilding on each keystroke.
import { type RowValues, readRows } from '@civic-ledger/shared';
import { useEffect, useState } from 'react';
import type { RoomConnection } from '../sync/room-connection.ts';
import type { RoomPool } from '../sync/room-pool.ts';
import type { RoomStatus } from '../sync/sync-status.ts';
import { useRoomsStatus } from '../sync/useRoomStatus.ts';

export interface RoomRows {
  readonly connections: readonly RoomConnection[];
  /** Room name → its rows; a room not read yet is missing. */
  readonly rows: ReadonlyMap<string, readonly RowValues[]>;
  readonly status: RoomStatus;
  /** Every room's rows are read (from this device or the server): there is something to show. */
  readonly ready: boolean;
  /** Some room has no copy on this device and has not synced yet: what is shown may be incomplete. */
  readonly firstLoad: boolean;
}

const EMPTY: ReadonlyMap<string, readonly RowValues[]> = new Map();

export function useRoomRows(pool: RoomPool, rooms: readonly string[], throttleMs = 250): RoomRows {
  const key = rooms.join(',');
  const [connections, setConnections] = useState<readonly RoomConnection[]>([]);
  const [rows, setRows] = useState<ReadonlyMap<string, readonly RowValues[]>>(EMPTY);

  useEffect(() => {
    const names = key === '' ? [] : key.split(',');
    const opened = names.map((name) => pool.acquire(name));
    setConnections(opened);
    const current = new Map<string, readonly RowValues[]>();
    const dirty = new Set<RoomConnection>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let cancelled = false;
    const flush = () => {
      timer = null;
      if (cancelled) return;
      for (const c of dirty) current.set(c.room, readRows(c.doc));
      dirty.clear();
      setRows(new Map(current));
    };
    const attach = (c: RoomConnection) => {
      const onUpdate = () => {
        dirty.add(c);
        timer ??= setTimeout(flush, throttleMs);
      };
      c.doc.on('update', onUpdate);
      void c.ready.then(() => {
        if (cancelled || !opened.includes(c)) return;
        dirty.add(c);
        flush();
      });
      return () => c.doc.off('update', onUpdate);
    };
    const stops = opened.map(attach);
    // A room reset from the server comes back as a new connection: follow that one.
    const stopReset = pool.onReset((room) => {
      const index = names.indexOf(room);
      const next = pool.current(room);
      if (index < 0 || !next) return;
      stops[index]?.();
      opened[index] = next;
      stops[index] = attach(next);
      setConnections([...opened]);
    });
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      stopReset();
      for (const stop of stops) stop();
      for (const name of names) pool.release(name);
      setRows(EMPTY);
    };
  }, [key, pool, throttleMs]);

  const status = useRoomsStatus(connections);
  const ready = status.loaded && connections.every((c) => rows.has(c.room));
  const firstLoad = connections.length > 0 && !status.hadLocalCopy && !status.everSynced;
  return { connections, rows, status, ready, firstLoad };
}
