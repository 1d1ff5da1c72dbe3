// A room is read from the store once, before the first sync answer, however many
// connections arrive together; a failed load stores nothing over the real room.
import { loadConfig, type RunningServer, SqliteStore, startServer } from '@civic-ledger/server';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { login, TEST_PASSWORD } from '../support/accounts.ts';
import {
  connectClient,
  registerToken,
  snapshotRows,
  type TestClient,
  waitFor,
  whenSynced,
} from '../support/clients.ts';
import { tempDataDir } from '../support/server-process.ts';
import { readStoredRoom } from '../support/stored-doc.ts';

const clients: TestClient[] = [];
let server: RunningServer | null = null;

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.stop();
  server = null;
});

/** The real SQLite store with a slow (or failing) first read, like a busy disk. */
class SlowStore extends SqliteStore {
  loadCalls = 0;
  failNext = false;
  override async loadRoom(room: string) {
    this.loadCalls++;
    await new Promise((r) => setTimeout(r, 300));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk unavailable');
    }
    return super.loadRoom(room);
  }
}

/** Creates the test admin on the in-process server and makes its token the default. */
async function signIn(s: RunningServer): Promise<string> {
  await s.accounts.createUser({ username: 'tester', role: 'admin', password: TEST_PASSWORD });
  const wsUrl = `ws://127.0.0.1:${s.port}/sync`;
  registerToken(wsUrl, await login(s.url, 'tester'));
  return wsUrl;
}

function configFor(dataDir: string) {
  return loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, ['--no-demo']);
}

async function seedRoom(dataDir: string, room: string, rows: number): Promise<Y.Doc> {
  const store = new SqliteStore(dataDir);
  const doc = new Y.Doc();
  const map = doc.getMap('rows');
  for (let i = 0; i < rows; i++) {
    const row = new Y.Map<unknown>();
    row.set('id', `s${i}`);
    row.set('description', `点位问题 ${i}`);
    map.set(`s${i}`, row);
  }
  await store.compact(room, Y.encodeStateAsUpdate(doc), 0);
  await store.close();
  return doc;
}

describe('room loading', () => {
  it('concurrent first connections load the room once and all get its content', async () => {
    const dataDir = tempDataDir();
    const room = 'ledger.concurrent';
    const seeded = await seedRoom(dataDir, room, 200);
    const store = new SlowStore(dataDir);
    server = await startServer(configFor(dataDir), { store });
    const wsUrl = await signIn(server);
    for (let i = 0; i < 20; i++) clients.push(connectClient(wsUrl, room));
    await Promise.all(clients.map((c) => whenSynced(c)));
    // Synced means the first answer came after the load: every client has all rows.
    for (const c of clients) expect(snapshotRows(c.doc)).toEqual(snapshotRows(seeded));
    expect(store.loadCalls).toBe(1);
    expect(server.rooms.loads).toBe(1);
  });

  it('a failed load closes the waiting connections and stores nothing over the room', async () => {
    const dataDir = tempDataDir();
    const room = 'ledger.failing';
    const seeded = await seedRoom(dataDir, room, 50);
    const store = new SlowStore(dataDir);
    store.failNext = true;
    server = await startServer(configFor(dataDir), { store });
    const wsUrl = await signIn(server);
    const a = connectClient(wsUrl, room);
    clients.push(a);
    const closes: number[] = [];
    a.provider.on('connection-close', (event: { code: number } | null) => {
      if (event) closes.push(event.code);
    });
    // The provider reconnects by itself; the second load succeeds.
    await whenSynced(a, 15_000);
    expect(closes[0]).toBe(4503);
    await waitFor(() => a.rows.size === 50, 5000, 'rows after retry');
    expect(snapshotRows(readStoredRoom(dataDir, room).doc)).toEqual(snapshotRows(seeded));
    expect(store.loadCalls).toBe(2);
  });
});
