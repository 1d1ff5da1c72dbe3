// The browser client's sync layer (RoomConnection: local store + y-websocket provider +
// confirmations) against the real server, in Node with an in-memory IndexedDB.
import 'fake-indexeddb/auto';
import { getRow, setCell } from '@civic-ledger/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { LocalStore } from '../../client/src/sync/local-store.ts';
import { manualOnlineSignal } from '../../client/src/sync/online-signal.ts';
import { RoomConnection } from '../../client/src/sync/room-connection.ts';
import { RoomPool } from '../../client/src/sync/room-pool.ts';
import { login } from '../support/accounts.ts';
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

/** How many updates the server has held for their sender's earlier changes (its /metrics). */
async function updatesHeld(): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/^civic_ledger_updates_held_total (\d+)$/m.exec(text)?.[1] ?? Number.NaN);
}

let dbCounter = 0;
function freshStore(): LocalStore {
  const store = new LocalStore(`room-connection-${Date.now()}-${dbCounter++}`);
  cleanup.push(() => store.deleteAll());
  return store;
}

function open(
  store: LocalStore,
  online = manualOnlineSignal(true),
  room = 'ledger.taoyuan',
  token = server.token,
): RoomConnection {
  const connection = new RoomConnection(room, {
    store,
    serverUrl: server.wsUrl,
    online,
    params: token ? { token } : {},
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

  it('a read-only room that was only read shows no refusal, on a first visit or a later one', async () => {
    const token = await login(server.url, 'member', 'civic-member-2026');
    const store = freshStore();
    const online = manualOnlineSignal(true);
    for (const visit of [1, 2, 3]) {
      const connection = open(store, online, 'sites', token);
      await connection.whenSynced();
      // The server's answer to the provider's (empty) sync step 2 comes after the sync.
      await new Promise((r) => setTimeout(r, 500));
      expect(connection.getStatus().error, `visit ${visit}`).toBeNull();
      await connection.flushLocal();
      await connection.destroy();
    }
    // A real edit in a read-only room is refused, and that is said.
    const connection = open(store, online, 'sites', token);
    await connection.whenSynced();
    const siteId = [...connection.doc.getMap('rows').keys()].sort()[0]!;
    setCell(connection.doc, siteId, 'address', '只读测试路 1 号');
    await waitFor(() => connection.getStatus().error !== null, 10_000, 'the refusal');
    expect(connection.getStatus().error?.code).toBe('sync_read_only');
  });

  it('an edit made as it reconnects, after offline edits, keeps it connected: both reach the server', async () => {
    const online = manualOnlineSignal(true);
    const connection = open(freshStore(), online);
    await connection.whenSynced();
    const rowId = firstRowId(connection);
    const closes: number[] = [];
    connection.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) closes.push(event.code);
    });
    online.set(false);
    await waitFor(() => connection.getStatus().network === 'offline', 5000, 'offline');
    setCell(connection.doc, rowId, 'description', '断网时改的描述');
    let liveEdits = 0;
    connection.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected' && liveEdits === 0) {
        liveEdits++;
        setCell(connection.doc, rowId, 'rectification', '刚连上时填的整改情况');
      }
    });
    const other = observer();
    await whenSynced(other);
    const heldBefore = await updatesHeld();
    online.set(true);
    await waitFor(() => connection.getStatus().save === 'saved', 10_000, 'confirmed after reconnect');
    await waitFor(
      () => getRow(other.doc, rowId)?.rectification === '刚连上时填的整改情况',
      10_000,
      'live edit at the observer',
    );
    expect(getRow(other.doc, rowId)?.description).toBe('断网时改的描述');
    expect(closes).toEqual([]);
    expect(liveEdits).toBe(1);
    // The live edit did arrive first and wait: this was the race, not a lucky ordering.
    expect(await updatesHeld()).toBeGreaterThan(heldBefore);
    expect(connection.getStatus()).toMatchObject({ network: 'online', save: 'saved', error: null });
  });

  it('a change the server refuses (4422) is not resent: the room is reset from the server', async () => {
    const res = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'member', password: 'civic-member-2026' }),
    });
    const { token, user } = (await res.json()) as { token: string; user: { committeeId: string } };
    const room = `ledger.${user.committeeId}`;
    const store = freshStore();
    const violations: string[] = [];
    const pool: RoomPool = new RoomPool({
      serverUrl: server.wsUrl,
      store,
      online: manualOnlineSignal(true),
      params: { token },
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
      events: {
        onRuleViolation: (name, reason) => {
          violations.push(reason);
          void pool.reset(name);
        },
      },
    });
    cleanup.push(() => pool.destroy());
    const first = pool.acquire(room);
    await first.whenSynced();
    const rowId = [...first.doc.getMap('rows').keys()].sort()[0]!;
    const serverValue = getRow(first.doc, rowId)?.closedAt ?? null;
    // Straight into the document, past the interface's own check (as a stale client might).
    setCell(first.doc, rowId, 'closedAt', '2020-01-01T00:00:00+08:00');
    await first.flushLocal();

    await waitFor(() => pool.current(room) !== first, 10_000, 'room reset');
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(/^field_office_only: /);
    const second = pool.current(room)!;
    await second.whenSynced();
    expect(getRow(second.doc, rowId)?.closedAt ?? null).toBe(serverValue);
    // The refused change is gone from this device too, so nothing resends it.
    const stored = await store.load(room);
    const copy = new Y.Doc();
    for (const entry of stored.entries) Y.applyUpdate(copy, entry.data);
    expect(getRow(copy, rowId)?.closedAt ?? null).not.toBe('2020-01-01T00:00:00+08:00');
    await new Promise((r) => setTimeout(r, 1500));
    expect(violations).toHaveLength(1);
    expect(second.getStatus()).toMatchObject({ network: 'online', save: 'saved' });
  });
});

describe('a room the server will not let in', () => {
  it('says it cannot connect (the connection limit) instead of loading for ever', async () => {
    const limited = await startServerProcess({ demo: true, env: { MAX_CONNECTIONS_PER_USER: '1' } });
    const opened: RoomConnection[] = [];
    try {
      const connect = (room: string) => {
        const connection = new RoomConnection(room, {
          store: null,
          serverUrl: limited.wsUrl,
          online: manualOnlineSignal(true),
          params: { token: limited.token },
          WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
        });
        opened.push(connection);
        return connection;
      };
      const first = connect('sites');
      await first.whenSynced();
      const second = connect('committees');
      await waitFor(() => second.getStatus().error !== null, 15_000, 'the refusal said');
      expect(second.getStatus().error?.code).toBe('sync_unreachable');
      expect(second.getStatus().error?.message['zh-CN']).toContain('连接数');
      expect(first.getStatus().error).toBeNull();
    } finally {
      for (const connection of opened) await connection.destroy();
      await limited.stop();
    }
  }, 60_000);
});
