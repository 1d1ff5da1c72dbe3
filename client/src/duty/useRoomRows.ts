// Keeps a set of rooms open from the pool and their rows as React state, published at most
// once per `throttleMs` after a change (each room's rows kept up to date change by change by
// `RoomRows`), so pages over every committee's rooms stay live without rebuilding on each
// keystroke.
import type { RowValues } from '@civic-ledger/shared';
import { useEffect, useState } from 'react';
import { RoomRows } from '../dashboard/room-rows.ts';
import type { RoomConnection } from '../sync/room-connection.ts';
import type { RoomPool } from '../sync/room-pool.ts';
import type { RoomStatus } from '../sync/sync-status.ts';
import { useRoomsStatus } from '../sync/useRoomStatus.ts';

/** The rooms a page keeps open, their rows and how far they have loaded. */
export interface OpenRooms {
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

export function useRoomRows(pool: RoomPool, rooms: readonly string[], throttleMs = 250): OpenRooms {
  const key = rooms.join(',');
  const [connections, setConnections] = useState<readonly RoomConnection[]>([]);
  const [rows, setRows] = useState<ReadonlyMap<string, readonly RowValues[]>>(EMPTY);

  useEffect(() => {
    const names = key === '' ? [] : key.split(',');
    const opened = names.map((name) => pool.acquire(name));
    setConnections(opened);
    const current = new Map<string, readonly RowValues[]>();
    const live = new Map<RoomConnection, RoomRows>();
    const dirty = new Set<RoomConnection>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let cancelled = false;
    const flush = () => {
      timer = null;
      if (cancelled) return;
      for (const c of dirty) {
        const read = live.get(c);
        if (read) current.set(c.room, read.rows());
      }
      dirty.clear();
      setRows(new Map(current));
    };
    const attach = (c: RoomConnection) => {
      const read = new RoomRows(c.doc);
      live.set(c, read);
      const stopChanges = read.onChange(() => {
        dirty.add(c);
        timer ??= setTimeout(flush, throttleMs);
      });
      void c.ready.then(() => {
        if (cancelled || !opened.includes(c)) return;
        dirty.add(c);
        flush();
      });
      return () => {
        stopChanges();
        read.destroy();
        live.delete(c);
        dirty.delete(c);
      };
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
