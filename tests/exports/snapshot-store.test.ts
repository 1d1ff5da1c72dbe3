// Both stores keep snapshots the same way: stored whole in one transaction, listed newest
// first, read back room by room, a scheduled slot taken once however many instances try,
// deleted cleanly, and carried over by the SQLite-to-PostgreSQL migration.
import { PostgresStore, SqliteStore, type Store } from '@civic-ledger/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { migrateStore } from '../../server/src/cli/migrate-store.ts';
import { tempDataDir } from '../support/server-process.ts';
import { freshPgSchema } from '../support/services.ts';

function roomState(text: string): { state: Uint8Array; stateVector: Uint8Array } {
  const doc = new Y.Doc();
  doc.getMap('rows').set('x', text);
  return { state: Y.encodeStateAsUpdate(doc), stateVector: Y.encodeStateVector(doc) };
}

function record(id: string, takenAt: number, kind: 'manual' | 'scheduled' = 'manual') {
  return {
    id,
    takenAt,
    label: `快照 ${id}`,
    kind,
    createdBy: kind === 'manual' ? 'tester' : null,
    roomCount: 2,
  };
}

const ROOMS = [
  { room: 'committees', ...roomState('委') },
  { room: 'ledger.taoyuan', ...roomState('桃园') },
];

let db: Awaited<ReturnType<typeof freshPgSchema>>;
const stores: Store[] = [];

beforeAll(async () => {
  db = await freshPgSchema();
});
afterAll(async () => {
  for (const s of stores) await s.close();
  await db.drop();
});

async function open(kind: 'sqlite' | 'postgres'): Promise<Store> {
  const store = kind === 'sqlite' ? new SqliteStore(tempDataDir()) : await PostgresStore.open(db.url);
  stores.push(store);
  return store;
}

describe.each(['sqlite', 'postgres'] as const)('snapshot store (%s)', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await open(kind);
  });

  it('keeps a snapshot and its rooms, listed newest first', async () => {
    expect(await store.putSnapshot(record(`${kind}-a-0000000000000`, 1000), ROOMS)).toBe(true);
    expect(await store.putSnapshot(record(`${kind}-b-0000000000000`, 2000), ROOMS.slice(0, 1))).toBe(true);
    const list = await store.listSnapshots();
    expect(list.map((s) => s.id)).toEqual([`${kind}-b-0000000000000`, `${kind}-a-0000000000000`]);
    expect(list[1]).toEqual({ ...record(`${kind}-a-0000000000000`, 1000), roomCount: 2 });
    const rooms = await store.loadSnapshotRooms(`${kind}-a-0000000000000`);
    expect(rooms.map((r) => r.room)).toEqual(['committees', 'ledger.taoyuan']);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, rooms[1]?.state ?? new Uint8Array());
    expect(doc.getMap('rows').get('x')).toBe('桃园');
    expect(rooms[1]?.stateVector).toEqual(ROOMS[1]?.stateVector);
    const one = await store.loadSnapshotRooms(`${kind}-a-0000000000000`, ['ledger.taoyuan', 'ledger.none']);
    expect(one.map((r) => r.room)).toEqual(['ledger.taoyuan']);
  });

  it('takes a scheduled slot once, whoever tries it again', async () => {
    const slot = '2026-11-24T16:00';
    expect(await store.putSnapshot(record(`${kind}-s1-000000000000`, 3000, 'scheduled'), ROOMS, slot)).toBe(
      true,
    );
    expect(await store.putSnapshot(record(`${kind}-s2-000000000000`, 3001, 'scheduled'), ROOMS, slot)).toBe(
      false,
    );
    expect(await store.getSnapshot(`${kind}-s2-000000000000`)).toBeNull();
    expect(await store.loadSnapshotRooms(`${kind}-s2-000000000000`)).toEqual([]);
  });

  it('deletes a snapshot with its rooms', async () => {
    expect(await store.deleteSnapshot(`${kind}-b-0000000000000`)).toBe(true);
    expect(await store.deleteSnapshot(`${kind}-b-0000000000000`)).toBe(false);
    expect(await store.loadSnapshotRooms(`${kind}-b-0000000000000`)).toEqual([]);
  });
});

describe('migrate-store', () => {
  it('carries snapshots from SQLite to PostgreSQL, once', async () => {
    const target = await freshPgSchema();
    try {
      const from = await open('sqlite');
      await from.putSnapshot(record('migrated-000000000000', 5000), ROOMS);
      const to = await PostgresStore.open(target.url);
      stores.push(to);
      await migrateStore(from, to);
      await migrateStore(from, to);
      expect((await to.listSnapshots()).map((s) => s.id)).toEqual(['migrated-000000000000']);
      expect((await to.loadSnapshotRooms('migrated-000000000000')).map((r) => r.room)).toEqual([
        'committees',
        'ledger.taoyuan',
      ]);
    } finally {
      await target.drop();
    }
  });
});
