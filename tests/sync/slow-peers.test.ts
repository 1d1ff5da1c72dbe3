// What one socket may cost the server: an awareness (presence) state over a few kB closes
// its connection with 4413 and is never relayed; a peer that stops reading is closed with
// 1013 once what waits for it passes MAX_SEND_BUFFER_BYTES, so the server's memory stays
// bounded while the others carry on.
import { CloseCode, MessageType } from '@civic-ledger/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import {
  connectClient,
  type RawSocket,
  rawSocket,
  type TestClient,
  waitFor,
  whenSynced,
} from '../support/clients.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';

const UPDATES = 16_000;
const SEND_BOUND = 4 * 1024 * 1024;
let server: ServerProcess;
const clients: TestClient[] = [];
const sockets: RawSocket[] = [];

beforeAll(async () => {
  server = await startServerProcess({
    env: {
      MAX_SEND_BUFFER_BYTES: String(SEND_BOUND),
      // The writer below sends faster than a person could; the rate limit is not under test.
      MESSAGES_PER_SECOND: '100000',
      MESSAGE_BURST: '100000',
    },
  });
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const s of sockets) s.ws.terminate();
  await server.stop();
});

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

const rss = () => metric('civic_ledger_rss_bytes');

/** One awareness message: the state of `clientId` at `clock`. */
function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, JSON.stringify(state));
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, MessageType.awareness);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
  return encoding.toUint8Array(frame);
}

function socket(room: string): RawSocket {
  const s = rawSocket(server.wsUrl, room);
  sockets.push(s);
  return s;
}

/** The underlying TCP socket of a `ws` client, to stop reading from it. */
function tcp(ws: WebSocket): { pause(): void; resume(): void } {
  return (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
}

describe('what one socket may cost', () => {
  it('an awareness flood of 1 MB states is refused with 4413 and never relayed', async () => {
    const room = 'ledger.awareflood';
    const watcher = connectClient(server.wsUrl, room);
    clients.push(watcher);
    await whenSynced(watcher);
    const before = await rss();
    const big = { user: { name: 'x'.repeat(900_000) } };
    const closes = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const s = socket(room);
        await s.opened;
        s.ws.send(awarenessFrame(1_000_000 + i, 1, big));
        return s.closed;
      }),
    );
    for (const closed of closes) {
      expect(closed.code).toBe(CloseCode.awarenessTooLarge);
      expect(closed.reason).toMatch(/awareness update of \d+ bytes is over the limit of 4096/);
    }
    // None of it reached the others, and the server kept none of it.
    expect([...watcher.provider.awareness.getStates().keys()]).toEqual([watcher.doc.clientID]);
    const after = await rss();
    console.log(`awareness flood: server RSS ${mib(before)} → ${mib(after)} MiB`);
    expect(after - before).toBeLessThan(40 * 1024 * 1024);
    // A presence state of ordinary size still goes through.
    const other = connectClient(server.wsUrl, room);
    clients.push(other);
    other.provider.awareness.setLocalState({ user: { name: '王敏' }, cell: 'description' });
    await waitFor(() => watcher.provider.awareness.getStates().has(other.doc.clientID), 5000, 'presence');
  });

  it('five peers that never read are closed with 1013 and the server memory stays bounded', async () => {
    const room = 'ledger.slowpeers';
    const reader = connectClient(server.wsUrl, room);
    clients.push(reader);
    await whenSynced(reader);
    const stalled = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const s = socket(room);
        await s.opened;
        tcp(s.ws).pause();
        return s;
      }),
    );
    const writer = socket(room);
    await writer.opened;
    const before = await rss();
    let peak = before;
    const rejectedMetric = `civic_ledger_connections_rejected_total{code="${CloseCode.tryAgainLater}"}`;
    let resumed = false;
    const sampling = setInterval(() => {
      void rss().then((v) => {
        peak = Math.max(peak, v);
      });
      // Once the server has closed them, the stalled peers read again and learn why (before
      // the server gives up on the close handshake and drops the socket, 30 s later).
      void metric(rejectedMetric).then((n) => {
        if (n < 5 || resumed) return;
        resumed = true;
        for (const s of stalled) tcp(s.ws).resume();
      });
    }, 100);
    // 16,000 presence updates of 4 kB: 64 MB for each peer, at a pace the reading peers keep up with.
    const state = { user: { name: 'w', note: 'y'.repeat(3900) } };
    const writerId = 424242;
    for (let clock = 1; clock <= UPDATES; clock++) {
      writer.ws.send(awarenessFrame(writerId, clock, { ...state, clock }));
      if (clock % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await waitFor(
      () => reader.provider.awareness.getStates().get(writerId)?.clock === UPDATES,
      30_000,
      'the reading peer got every update',
    );
    clearInterval(sampling);
    peak = Math.max(peak, await rss());
    await waitFor(() => resumed, 30_000, 'the stalled peers closed by the server');
    const rejected = await metric(rejectedMetric);
    console.log(
      `non-reading peers: server RSS ${mib(before)} → peak ${mib(peak)} MiB while 5 × 64 MB were fanned out; ${rejected} closed with 1013`,
    );
    expect(rejected).toBe(5);
    // Without the bound the server holds what the five could not take: +140 MB here.
    expect(peak - before).toBeLessThan(80 * 1024 * 1024);
    for (const s of stalled) {
      const closed = await s.closed;
      expect(closed.code).toBe(CloseCode.tryAgainLater);
      expect(closed.reason).toMatch(/too far behind/);
    }
    // The reading peer and the writer carried on.
    expect(reader.provider.wsconnected).toBe(true);
    const late = connectClient(server.wsUrl, room);
    clients.push(late);
    await whenSynced(late);
    expect(reader.provider.wsconnected).toBe(true);
  }, 180_000);
});

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
