// Where the server's CPU per accepted edit goes, in process and without sockets: one cell
// set per update on a ledger room of 300 rows, fanned out to 19 peers that only count
// bytes. Side by side: what the reference server does (Y.applyUpdate, one sync message
// per update for every other peer), our Room with an in-memory store (the rules guard,
// audit entries, the room log), and our Room with SQLite (the same, and every batch
// committed with fsync on the append thread before the next edit). process.cpuUsage()
// counts every thread of the process, the append thread too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildRoomDoc, type Principal, parseRoomName, type RowValues, setCell } from '@civic-ledger/shared';
import { generateDemoDistrict } from '@civic-ledger/shared/demo';
import * as Y from 'yjs';
import { MemoryStore } from '../../server/src/store/memory/memory-store.ts';
import type { RoomLogStore } from '../../server/src/store/room-log-store.ts';
import { SqliteStore } from '../../server/src/store/sqlite/sqlite-store.ts';
import { Room, type RoomPeer } from '../../server/src/sync/room.ts';
import { syncUpdateMessage } from '../../server/src/sync/wire.ts';

export interface EditPathResult {
  edits: number;
  peers: number;
  /** CPU ms per edit, one entry per round. */
  reference: number[];
  memory: number[];
  sqlite: number[];
}

const ADMIN: Principal & { id: string; username: string } = {
  role: 'admin',
  committeeId: null,
  id: 'bench',
  username: 'bench',
};

function counting(count: number): RoomPeer[] {
  return Array.from({ length: count }, (_, id) => ({
    id,
    bytes: 0,
    send(message: Uint8Array) {
      this.bytes += message.byteLength;
    },
    close() {},
    awarenessIds: new Set<number>(),
    account: id === 0 ? ADMIN : null,
  }));
}

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

export async function runEditPath(edits = 1500, peers = 20, rounds = 3): Promise<EditPathResult> {
  const demo = generateDemoDistrict({ seed: 11, today: '2026-12-03' }).rooms.find(
    (r) => r.table === 'ledger',
  );
  if (!demo) throw new Error('no demo ledger');
  const rows = Array.from({ length: 300 }, (_, i) => ({
    ...(demo.rows[i % demo.rows.length] as RowValues),
    id: `edit${String(i).padStart(12, '0')}`,
    committeeId: 'bench',
  }));
  const built = buildRoomDoc('ledger', rows);
  if (!built.ok) throw new Error(built.error.message.en);
  const baseUpdate = Y.encodeStateAsUpdate(built.value);
  const writer = new Y.Doc();
  Y.applyUpdate(writer, baseUpdate);
  const updates: Uint8Array[] = [];
  writer.on('update', (u: Uint8Array) => updates.push(u));
  const ids = [...writer.getMap('rows').keys()].sort();
  for (let i = 0; i < edits; i++)
    setCell(writer, ids[i % ids.length] as string, 'rectification', `第${i}次整改`);
  const room = parseRoomName('ledger.bench');
  if (!room.ok) throw new Error('room name');

  const reference = async () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, baseUpdate);
    const ps = counting(peers);
    doc.on('update', (u: Uint8Array, origin: unknown) => {
      const message = syncUpdateMessage(u);
      for (const p of ps) if (p !== origin) p.send(message);
    });
    const start = cpuMs();
    for (const u of updates) {
      Y.applyUpdate(doc, u, ps[0]);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const ms = (cpuMs() - start) / edits;
    doc.destroy();
    return ms;
  };
  const ours = async (store: RoomLogStore) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, baseUpdate);
    const r = new Room(
      room.value,
      doc,
      store,
      { lastSeq: 0, logLength: 0 },
      {
        compactAfterUpdates: 1_000_000,
        onFailure: (_room, reason) => {
          throw new Error(reason);
        },
      },
    );
    const ps = counting(peers);
    for (const p of ps) r.peers.add(p);
    const start = cpuMs();
    for (const u of updates) {
      const refused = r.applyClientUpdate(ps[0] as RoomPeer, u);
      if (refused) throw new Error(refused.reason);
      await r.whenDurable();
    }
    const ms = (cpuMs() - start) / edits;
    await r.close();
    return ms;
  };

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edit-path-'));
  const result: EditPathResult = { edits, peers, reference: [], memory: [], sqlite: [] };
  try {
    for (let round = 0; round < rounds; round++) {
      result.reference.push(await reference());
      result.memory.push(await ours(new MemoryStore()));
      const sqlite = new SqliteStore(path.join(dir, String(round)));
      try {
        result.sqlite.push(await ours(sqlite));
      } finally {
        await sqlite.close();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return result;
}
