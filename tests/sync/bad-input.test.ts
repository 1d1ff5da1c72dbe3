// Bad input on the sync endpoint: each kind closes only the offending connection with
// a clear code, the server keeps serving, and neither the live nor the stored document
// changes.
import { CloseCode, MessageType, SyncMessageType } from '@civic-ledger/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connectClient,
  rawSocket,
  snapshotRows,
  syncUpdateFrame,
  type TestClient,
  tid,
  waitFor,
  whenSynced,
} from '../support/clients.ts';
import { completeRow, rowMap } from '../support/rows.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { readStoredRoom } from '../support/stored-doc.ts';

const BASE = tid('base');
const DEP = tid('dep1');
const INNOCENT = tid('innocent');
let server: ServerProcess;
const clients: TestClient[] = [];
const room = 'ledger.badinput';
let watcher: TestClient;
let writer: TestClient;
let counter = 0;

beforeAll(async () => {
  // An update missing its own client's earlier changes waits for them (the reconnect
  // race) before it is refused: keep that wait short here.
  server = await startServerProcess({ env: { HELD_UPDATE_MS: '300' } });
  writer = connectClient(server.wsUrl, room);
  watcher = connectClient(server.wsUrl, room);
  clients.push(writer, watcher);
  await Promise.all([whenSynced(writer), whenSynced(watcher)]);
  writer.rows.set(BASE, rowMap(completeRow(room, BASE, { description: '基线' })));
  await writer.confirm();
  await waitFor(() => watcher.rows.has(BASE));
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

/** Sends one frame on a fresh raw socket and resolves with how the server closed it. */
async function sendBad(frame: Uint8Array | string) {
  const sock = rawSocket(server.wsUrl, room);
  await sock.opened;
  sock.ws.send(frame);
  return sock.closed;
}

/** The others still get edits, and live and stored state are exactly the good edits. */
async function expectUnharmed(): Promise<void> {
  counter++;
  const before = snapshotRows(writer.doc);
  writer.rows.get(BASE)?.set('rectification', `整改 ${counter}`);
  await writer.confirm();
  await waitFor(
    () => watcher.rows.get(BASE)?.get('rectification') === `整改 ${counter}`,
    5000,
    'good edit after bad',
  );
  expect(snapshotRows(watcher.doc)).toEqual(snapshotRows(writer.doc));
  expect(snapshotRows(writer.doc)).not.toEqual(before);
  const late = connectClient(server.wsUrl, room);
  clients.push(late);
  await whenSynced(late);
  expect(snapshotRows(late.doc)).toEqual(snapshotRows(writer.doc));
  expect(snapshotRows(readStoredRoom(server.dataDir, room).doc)).toEqual(snapshotRows(writer.doc));
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
}

describe('bad input on the sync endpoint', () => {
  it('a text frame is refused with 1003', async () => {
    const closed = await sendBad('{"hello":"world"}');
    expect(closed.code).toBe(CloseCode.unsupportedData);
    expect(closed.reason).toMatch(/text frames/);
    await expectUnharmed();
  });

  it('a truncated frame is refused with 1007', async () => {
    const closed = await sendBad(new Uint8Array([MessageType.sync, SyncMessageType.update, 50, 1, 2]));
    expect(closed.code).toBe(CloseCode.invalidPayload);
    expect(closed.reason).toMatch(/truncated/);
    await expectUnharmed();
  });

  it('trailing bytes after a message are refused with 1007', async () => {
    const closed = await sendBad(new Uint8Array([MessageType.queryAwareness, 9, 9]));
    expect(closed.code).toBe(CloseCode.invalidPayload);
    await expectUnharmed();
  });

  it('an unknown message type is refused with 4400', async () => {
    const closed = await sendBad(new Uint8Array([7, 1, 2]));
    expect(closed.code).toBe(CloseCode.unknownMessageType);
    expect(closed.reason).toMatch(/unknown message type 7/);
    const sub = await sendBad(new Uint8Array([MessageType.sync, 9, 0]));
    expect(sub.code).toBe(CloseCode.unknownMessageType);
    await expectUnharmed();
  });

  it('an update that does not decode is refused with 4409', async () => {
    const garbage = new Uint8Array(64).map((_, i) => (i * 37 + 11) % 256);
    const closed = await sendBad(syncUpdateFrame(garbage));
    expect(closed.code).toBe(CloseCode.updateRejected);
    expect(closed.reason).toMatch(/update rejected/);
    await expectUnharmed();
  });

  it('an update with missing dependencies is refused whole and never applied later', async () => {
    const other = new Y.Doc();
    const rows = other.getMap('rows');
    const updates: Uint8Array[] = [];
    other.on('update', (u: Uint8Array) => updates.push(u));
    rows.set(DEP, rowMap(completeRow(room, DEP)));
    (rows.get(DEP) as Y.Map<unknown>).set('description', 'needs dep1');
    expect(updates).toHaveLength(2);
    // A valid change of another client merged with the orphan: all or nothing.
    const third = new Y.Doc();
    third.getMap('rows').set(INNOCENT, new Y.Map());
    const mixed = Y.mergeUpdates([Y.encodeStateAsUpdate(third), updates[1]!]);
    const closedMixed = await sendBad(syncUpdateFrame(mixed));
    expect(closedMixed.code).toBe(CloseCode.updateRejected);
    const closed = await sendBad(syncUpdateFrame(updates[1]!, SyncMessageType.step2));
    expect(closed.code).toBe(CloseCode.updateRejected);
    expect(closed.reason).toMatch(/misses earlier changes|does not have/);
    await expectUnharmed();
    expect(watcher.rows.has(INNOCENT)).toBe(false);
    // The dependency arriving later must not resurrect the refused update.
    const sock = rawSocket(server.wsUrl, room);
    await sock.opened;
    sock.ws.send(syncUpdateFrame(updates[0]!));
    await waitFor(() => watcher.rows.has(DEP), 5000, 'dependency applied');
    expect((watcher.rows.get(DEP) as Y.Map<unknown>).get('description')).toBe(
      completeRow(room, DEP).description,
    );
    sock.ws.close();
    await expectUnharmed();
  });

  it('a frame over the size limit is refused with 1009', async () => {
    const big = new Uint8Array(1024 * 1024 + 16);
    big[0] = MessageType.sync;
    const closed = await sendBad(big);
    expect(closed.code).toBe(CloseCode.messageTooBig);
    await expectUnharmed();
  });

  it('a malformed awareness update is refused with 1007', async () => {
    const frame = new Uint8Array([MessageType.awareness, 6, 1, 1, 1, 2, 123, 120]);
    const closed = await sendBad(frame);
    expect(closed.code).toBe(CloseCode.invalidPayload);
    await expectUnharmed();
  });

  it('an invalid room name is refused before the upgrade', async () => {
    const sock = rawSocket(server.wsUrl, 'ledger.Bad_Id');
    await expect(sock.opened).rejects.toThrow(/400/);
    const plain = await fetch(`${server.url}/sync/ledger.taoyuan`);
    expect(plain.status).toBe(426);
  });
});
