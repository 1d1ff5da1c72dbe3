// Reads a room straight from the server's SQLite file (read-only, beside the running
// server) so tests can check what is stored, not only what clients see.
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';

export interface StoredInfo {
  doc: Y.Doc;
  logEntries: number;
  hasSnapshot: boolean;
}

export function readStoredRoom(dataDir: string, room: string): StoredInfo {
  const db = new Database(path.join(dataDir, 'civic-ledger.db'), { readonly: true, fileMustExist: true });
  try {
    const snap = db.prepare('SELECT snapshot, seq FROM room_snapshot WHERE room = ?').get(room) as
      | { snapshot: Buffer; seq: number }
      | undefined;
    const updates = db
      .prepare('SELECT data FROM room_update WHERE room = ? AND seq > ? ORDER BY seq')
      .all(room, snap?.seq ?? 0) as { data: Buffer }[];
    const doc = new Y.Doc();
    if (snap) Y.applyUpdate(doc, new Uint8Array(snap.snapshot));
    for (const u of updates) Y.applyUpdate(doc, new Uint8Array(u.data));
    return { doc, logEntries: updates.length, hasSnapshot: snap !== undefined };
  } finally {
    db.close();
  }
}
