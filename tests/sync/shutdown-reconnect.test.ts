// A client whose connection reaches the server while it shuts down is told the server is
// going away (1001), which the stock y-websocket client takes as "reconnect", not as a
// final refusal; it then reconnects to the restarted server and its edits get there.
import net from 'node:net';
import { SqliteStore } from '@civic-ledger/server';
import { CloseCode } from '@civic-ledger/shared';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connectClient,
  type RawSocket,
  rawSocket,
  registerToken,
  type TestClient,
  waitFor,
  whenSynced,
} from '../support/clients.ts';
import { type ServerProcess, startServerProcess, tempDataDir } from '../support/server-process.ts';

const cleanup: (() => unknown)[] = [];

afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A TCP relay to the server whose first connection is opened to the server at once but
 * passes the client's bytes (its upgrade request) only when released; later connections
 * pass straight through, to whatever server listens on the port then.
 */
async function gatedRelay(targetPort: number) {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let firstReady = () => {};
  const firstConnected = new Promise<void>((resolve) => {
    firstReady = resolve;
  });
  let first = true;
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    const held = first;
    first = false;
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    upstream.pipe(client);
    if (!held) {
      client.pipe(upstream);
      return;
    }
    client.pause();
    upstream.once('connect', () => firstReady());
    void released.then(() => client.pipe(upstream));
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', () => resolve()));
  const address = relay.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    firstConnected,
    release,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        relay.close(() => resolve());
      }),
  };
}

/** A room big enough that storing it on shutdown takes a moment: the window this test needs. */
async function storeBigRoom(dataDir: string, room: string): Promise<void> {
  const doc = new Y.Doc();
  const rows = doc.getMap('rows');
  doc.transact(() => {
    for (let i = 0; i < 30_000; i++) {
      const id = `bigroom-${String(i).padStart(8, '0')}`;
      rows.set(
        id,
        new Y.Map<unknown>([
          ['id', id],
          ['description', `第${i}个问题：绿化带垃圾`],
          ['status', 'open'],
        ]),
      );
    }
  });
  const store = new SqliteStore(dataDir);
  await store.appendUpdates(room, [Y.encodeStateAsUpdate(doc)]);
  await store.close();
}

describe('shutdown', () => {
  it('a client connecting during shutdown gets 1001 and reconnects to the restarted server', async () => {
    const dataDir = tempDataDir();
    await storeBigRoom(dataDir, 'ledger.bigroom');
    const port = await freePort();
    let server: ServerProcess = await startServerProcess({ dataDir, port });
    cleanup.push(() => server.stop());
    // Keep the big room loaded, so the shutdown has it to store.
    const loader: RawSocket = rawSocket(server.wsUrl, 'ledger.bigroom');
    cleanup.push(() => loader.ws.terminate());
    await loader.opened;
    await waitFor(() => loader.received.length > 0, 30_000, 'big room loaded');

    const relay = await gatedRelay(port);
    cleanup.push(() => relay.close());
    const relayUrl = `ws://127.0.0.1:${relay.port}/sync`;
    registerToken(relayUrl, server.token);
    const client: TestClient = connectClient(relayUrl, 'committees');
    cleanup.push(() => client.destroy());
    const closes: number[] = [];
    client.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) closes.push(event.code);
    });
    await relay.firstConnected;

    const exited = server.stop('SIGTERM');
    await waitFor(() => server.logs.some((l) => l.includes('"shutting down"')), 10_000, 'shutdown began');
    relay.release();
    await exited;
    await waitFor(() => closes.length > 0, 10_000, 'client told');
    expect(closes[0]).toBe(CloseCode.goingAway);
    expect(client.provider.shouldConnect).toBe(true);

    // Edited while the server is down; carried over once the restarted server is up.
    const rows = client.doc.getMap('rows');
    rows.set(
      'cshutdown',
      new Y.Map<unknown>([
        ['id', 'cshutdown'],
        ['name', '重启期间'],
      ]),
    );
    server = await startServerProcess({ dataDir, port, noAccounts: true });
    await whenSynced(client, 30_000);
    await client.confirm();
    const observer = connectClient(server.wsUrl, 'committees');
    cleanup.push(() => observer.destroy());
    await whenSynced(observer);
    expect(observer.rows.get('cshutdown')?.get('name')).toBe('重启期间');
  }, 180_000);
});
