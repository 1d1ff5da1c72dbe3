// Reading a room's rows as they are now, from the live document (loaded for the read if
// need be), for routes that answer from the current state rather than the store's lag.
import { getRow, type RowValues, readRows } from '@civic-ledger/shared';
import type { RoomPeer } from '../sync/room.ts';
import type { RoomManager } from '../sync/rooms.ts';

/**
 * Stands for a route when it lets go of a room it read: it never joins, so leaving only
 * starts the room's idle timer if nobody else is there (as a connection closed while its
 * room was loading does).
 */
const READER: RoomPeer = {
  id: -1,
  send: () => {},
  close: () => {},
  awarenessIds: new Set(),
  account: null,
};

/** The rows of a room as they are now. */
export async function roomRows(rooms: RoomManager, name: string): Promise<RowValues[]> {
  const room = await rooms.acquire(name);
  // Read in the same turn `acquire` resolved in, before an idle unload could start.
  const rows = readRows(room.doc);
  rooms.leave(room, READER);
  return rows;
}

/** The row with this id as the room's live document holds it now, or null if it holds none. */
export async function roomRow(rooms: RoomManager, name: string, rowId: string): Promise<RowValues | null> {
  const room = await rooms.acquire(name);
  const row = room.doc.getMap('rows').has(rowId) ? (getRow(room.doc, rowId) ?? {}) : null;
  rooms.leave(room, READER);
  return row;
}
