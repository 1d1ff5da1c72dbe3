// The browser client's sync layer (RoomConnection: local store + y-websocket provider +
// confirmations) against the real server, in Node with an in-memory IndexedDB.
import 'fake-indexeddb/auto';
import { getRow, setCell } from '@civic-ledger/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LocalStore } from '../../client/src/sync/local-store.ts';
import { manualOnlineSignal } from '../../client/src/sync/online-signal.ts';
import { RoomConnection } from '../../client/src/sync/room-connection.ts';
import { connectClient, type TestClient, waitFor, whenSynced } from '../support/clients.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { readStoredRoom } from '../support/stored-doc.ts';

let server: ServerProcess;
const cleanup: (() => unknown)[] = [];

beforeAll(async () => {
  server = await startServerProcess({ demo: true });
});
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
  await server.stop();
});

let dbCounter = 0;
function freshStore(): LocalStore {
  const store = new LocalStore(`room-connection-${Date.now()}-${dbCounter++}`);
  cleanup.push(() => store.deleteAll());
  return store;
}

function open(store: LocalStore, online = manualOnlineSignal(true)): RoomConnection {
  const connection = new RoomConnection('ledger.taoyuan', {
    store,
    serverUrl: server.wsUrl,
    online,
    params: server.token ? { token: server.token } : {},
    WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
    confirmDelayMs: 20,
  });
  cleanup.push(() => connection.destroy());
  return connection;
}

function observer(): TestClient {
  const client = connectClient(server.wsUrl, 'ledger.taoyuan');
  cleanup.push(() => client.destroy());
  return client;
}

function firstRowId(connection: RoomConnection): string {
  const id = [...connection.doc.getMap('rows').keys()].sort()[0];
  if (!id) throw new Error('no rows');
  return id;
}

describe('room connection of the browser client', () => {
  it('says all changes are saved only after the server confirms the edit', async () => {
    const connection = open(freshStore());
    await connection.whenSynced();
    expect(connection.getStatus()).toMatchObject({ network: 'online', save: 'saved' });
    const rowId = firstRowId(connection);
    const result = setCell(connection.doc, rowId, 'rectification', '已清理完毕');
    expect(result.ok).toBe(true);
    expect(connection.getStatus().save).toBe('saving');
    await waitFor(() => connection.getStatus().save === 'saved', 10_000, 'confirmation');
    const stored = readStoredRoom(server.dataDir, 'ledger.taoyuan');
    expect(getRow(stored.doc, rowId)?.rectification).toBe('已清理完毕');
  });

  it('keeps offline edits across a reload and merges them when back online', async () => {
    const store = freshStore();
    const online = manualOnlineSignal(true);
    const first = open(store, online);
    await first.whenSynced();
    const rowId = firstRowId(first);
    online.set(false);
    await waitFor(() => first.getStatus().network === 'offline', 5000, 'offline');
    setCell(first.doc, rowId, 'description', '离线时修改的描述');
    expect(first.getStatus().save).toBe('local');
    await first.flushLocal();
    await first.destroy();

    // "Reload" with the network still down: the same local store, a new document.
    const second = open(store, online);
    await second.ready;
    expect(getRow(second.doc, rowId)?.description).toBe('离线时修改的描述');
    expect(second.getStatus()).toMatchObject({ network: 'offline', save: 'local', unconfirmedEdits: 1 });

    const other = observer();
    await whenSynced(other);
    expect(getRow(other.doc, rowId)?.description).not.toBe('离线时修改的描述');
    online.set(true);
    await waitFor(() => getRow(other.doc, rowId)?.description === '离线时修改的描述', 10_000, 'merge');
    await waitFor(() => second.getStatus().save === 'saved', 10_000, 'confirmed after reconnect');
  });

  it('reconnects by itself after the server drops the connection', async () => {
    const connection = open(freshStore());
    await connection.whenSynced();
    connection.provider.ws?.close();
    await waitFor(() => connection.getStatus().network !== 'online', 5000, 'drop noticed');
    await waitFor(() => connection.getStatus().network === 'online', 10_000, 'reconnected');
  });
});
