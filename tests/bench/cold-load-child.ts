// One cold-load measurement in a fresh process (started by cold-load.ts with
// `node --expose-gc --import tsx`): loads a small warm-up room first, so that code is
// compiled as in a running server, then times loading the big room and measures the
// memory it holds once loaded. Prints one JSON line.
//
//   mode "ours":       RoomManager.acquire(room) over the server's SqliteStore
//   mode "hocuspocus": Hocuspocus.openDirectConnection(room) with @hocuspocus/extension-sqlite
//   mode "apply":      Y.applyUpdate of the bytes our store holds into a fresh Y.Doc (lower bound)
import path from 'node:path';
import { SqliteStore } from '@civic-ledger/server';
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Hocuspocus } from '@hocuspocus/server';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { RoomManager } from '../../server/src/sync/rooms.ts';

export interface ChildRequest {
  mode: 'ours' | 'hocuspocus' | 'apply';
  /** DATA_DIR holding our SQLite file (ours, apply), or the Hocuspocus database file. */
  location: string;
  room: string;
  warmupRoom: string;
}

export interface ChildResult {
  mode: ChildRequest['mode'];
  /** Until the room (or document) is usable. */
  loadMs: number;
  /** Until the work the load set off is done too (our compaction of a long log). */
  settledMs: number;
  /** Time our store spent writing compactions during the load (ours only). */
  compactWriteMs: number;
  /** One `Y.encodeStateAsUpdate` of the loaded room, as sync step 2 and compaction do (ours only). */
  encodeMs: number;
  rows: number;
  heapBytes: number;
  externalBytes: number;
  rssBytes: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

function settleMemory(): NodeJS.MemoryUsage {
  for (let i = 0; i < 4; i++) gc?.();
  return process.memoryUsage();
}

function rowCount(doc: Y.Doc): number {
  return doc.getMap('rows').size;
}

/** Everything our store holds for a room, as the bytes its loadRoom returns. */
function storedBytes(dataDir: string, room: string): Uint8Array[] {
  const db = new Database(path.join(dataDir, 'civic-ledger.db'), { readonly: true, fileMustExist: true });
  try {
    const snap = db.prepare('SELECT snapshot, seq FROM room_snapshot WHERE room = ?').get(room) as
      | { snapshot: Buffer; seq: number }
      | undefined;
    const updates = db
      .prepare('SELECT data FROM room_update WHERE room = ? AND seq > ? ORDER BY seq')
      .all(room, snap?.seq ?? 0) as { data: Buffer }[];
    return [...(snap ? [snap.snapshot] : []), ...updates.map((u) => u.data)].map(
      (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
    );
  } finally {
    db.close();
  }
}

/** The server's store, timing its compaction writes. */
class TimedStore extends SqliteStore {
  compactWriteMs = 0;
  override async compact(room: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    const started = performance.now();
    try {
      await super.compact(room, snapshot, upToSeq);
    } finally {
      this.compactWriteMs += performance.now() - started;
    }
  }
}

async function measure(request: ChildRequest): Promise<ChildResult> {
  const { mode, location, room, warmupRoom } = request;
  if (mode === 'ours') {
    const store = new TimedStore(location);
    const rooms = new RoomManager(store, { roomIdleMs: 60_000, compactAfterUpdates: 500 });
    const warm = await rooms.acquire(warmupRoom);
    await warm.flush();
    store.compactWriteMs = 0;
    const before = settleMemory();
    const started = performance.now();
    const loaded = await rooms.acquire(room);
    const loadMs = performance.now() - started;
    await loaded.flush(); // waits for the compaction a long log triggers on load
    const settledMs = performance.now() - started;
    const after = settleMemory();
    const encodeStarted = performance.now();
    Y.encodeStateAsUpdate(loaded.doc);
    const encodeMs = performance.now() - encodeStarted;
    return {
      ...result(mode, loadMs, settledMs, rowCount(loaded.doc), before, after),
      compactWriteMs: store.compactWriteMs,
      encodeMs,
    };
  }
  if (mode === 'hocuspocus') {
    const hocuspocus = new Hocuspocus({ quiet: true, extensions: [new SQLite({ database: location })] });
    await new Promise((resolve) => setTimeout(resolve, 20)); // onConfigure opens the database
    await hocuspocus.openDirectConnection(warmupRoom);
    const before = settleMemory();
    const started = performance.now();
    const connection = await hocuspocus.openDirectConnection(room);
    const loadMs = performance.now() - started;
    const after = settleMemory();
    const doc = connection.document;
    return result(mode, loadMs, loadMs, doc ? rowCount(doc) : 0, before, after);
  }
  const warmBytes = storedBytes(location, warmupRoom);
  const warmDoc = new Y.Doc();
  warmDoc.transact(() => {
    for (const u of warmBytes) Y.applyUpdate(warmDoc, u);
  });
  const bytes = storedBytes(location, room);
  const before = settleMemory();
  const started = performance.now();
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const u of bytes) Y.applyUpdate(doc, u);
  });
  const loadMs = performance.now() - started;
  const after = settleMemory();
  const rows = rowCount(doc);
  if (bytes.length === 0) throw new Error('no stored bytes'); // keeps `bytes` alive until here
  return result(mode, loadMs, loadMs, rows, before, after);
}

function result(
  mode: ChildRequest['mode'],
  loadMs: number,
  settledMs: number,
  rows: number,
  before: NodeJS.MemoryUsage,
  after: NodeJS.MemoryUsage,
): ChildResult {
  return {
    mode,
    loadMs,
    settledMs,
    compactWriteMs: Number.NaN,
    encodeMs: Number.NaN,
    rows,
    heapBytes: after.heapUsed - before.heapUsed,
    externalBytes: after.external - before.external,
    rssBytes: after.rss - before.rss,
  };
}

const request = JSON.parse(process.argv[2] ?? '{}') as ChildRequest;
const measured = await measure(request);
process.stdout.write(`${JSON.stringify(measured)}\n`);
process.exit(0);
