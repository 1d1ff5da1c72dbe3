// Reading a room's rows as they are now, from the live document (loaded for the read if
// need be), for routes that answer from the current state rather than the store's lag.
import { type RowValues, readRows } from '@civic-ledger/shared';
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

/** Whether the room's live document holds a row with this id. */
export async function roomHasRow(rooms: RoomManager, name: string, rowId: string): Promise<boolean> {
  const room = await rooms.acquire(name);
  const found = room.doc.getMap('rows').has(rowId);
  rooms.leave(room, READER);
  return found;
}
