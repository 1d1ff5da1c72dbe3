// What the server confirms survives: a clean stop (SIGTERM), a crash (SIGKILL) right
// after a confirmation, idle unloading and compaction of the log into a snapshot.
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectClient,
  snapshotRows,
  type TestClient,
  tid,
  waitFor,
  whenSynced,
} from '../support/clients.ts';
import { completeRow, rowMap } from '../support/rows.ts';
import { type ServerProcess, startServerProcess, tempDataDir } from '../support/server-process.ts';
import { readStoredRoom } from '../support/stored-doc.ts';

const clients: TestClient[] = [];
const servers: ServerProcess[] = [];
const open = (server: ServerProcess, room: string) => {
  const c = connectClient(server.wsUrl, room);
  clients.push(c);
  return c;
};
const start = async (dataDir: string, env: Record<string, string> = {}) => {
  const s = await startServerProcess({ dataDir, env });
  servers.push(s);
  return s;
};

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.stop('SIGKILL');
});

function writeRows(client: TestClient, prefix: string, n: number): void {
  for (let i = 0; i < n; i++) {
    client.doc.transact(() => {
      const id = tid(`${prefix}${i}`);
      // Rectified, so the office can write one off.
      const values = { description: `问题 ${prefix}${i}`, recurrences: i, status: 'rectified' };
      client.rows.set(id, rowMap(completeRow(client.provider.roomname, id, values)));
    });
  }
}

describe('durability', () => {
  it('every edit is there after SIGTERM and a restart', async () => {
    const dataDir = tempDataDir();
    const room = 'ledger.taoyuan';
    let server = await start(dataDir);
    const a = open(server, room);
    const b = open(server, room);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    writeRows(a, 'a', 40);
    writeRows(b, 'b', 40);
    a.rows.get(tid('a0'))?.set('status', 'closed');
    b.rows.delete(tid('b1'));
    // The server has everything once each client sees the other's rows (and a's last edit).
    await waitFor(
      () => a.rows.size === 79 && b.rows.size === 79 && b.rows.get(tid('a0'))?.get('status') === 'closed',
      10_000,
      'exchange',
    );
    const expected = snapshotRows(a.doc);
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.logs.some((l) => l.includes('"msg":"stopped"'))).toBe(true);

    server = await start(dataDir);
    const c = open(server, room);
    await whenSynced(c);
    await waitFor(() => c.rows.size === 79, 5000, 'restored rows');
    expect(snapshotRows(c.doc)).toEqual(expected);
  });

  it('confirmed edits survive kill -9 right after the confirmation', async () => {
    const dataDir = tempDataDir();
    const room = 'ledger.hongqiao';
    let expected: ReturnType<typeof snapshotRows> = [];
    for (let round = 0; round < 3; round++) {
      const server = await start(dataDir);
      const a = open(server, room);
      await whenSynced(a);
      await waitFor(() => snapshotRows(a.doc).length === expected.length, 20_000, 'previous rounds');
      expect(snapshotRows(a.doc)).toEqual(expected);
      writeRows(a, `k${round}-`, 25 + round * 10);
      await a.confirm();
      server.child.kill('SIGKILL');
      await server.stop('SIGKILL');
      expected = snapshotRows(a.doc);
      a.destroy();
    }
    const final = await start(dataDir);
    const check = open(final, room);
    await whenSynced(check);
    await waitFor(() => snapshotRows(check.doc).length === expected.length, 20_000, 'all rounds');
    expect(snapshotRows(check.doc)).toEqual(expected);
    expect(expected.length).toBe(25 + 35 + 45);
    // Four server starts and three kills: on a loaded machine each start takes seconds.
  }, 240_000);

  it('the log is compacted into a snapshot and an idle room unloads and reloads intact', async () => {
    const dataDir = tempDataDir();
    const room = 'ledger.compact';
    const server = await start(dataDir, {
      COMPACT_AFTER_UPDATES: '20',
      ROOM_IDLE_MS: '200',
      LOG_LEVEL: 'debug',
    });
    const a = open(server, room);
    await whenSynced(a);
    writeRows(a, 'c', 30);
    await a.confirm();
    await waitFor(() => readStoredRoom(dataDir, room).hasSnapshot, 5000, 'snapshot written');
    const stored = readStoredRoom(dataDir, room);
    expect(stored.logEntries).toBeLessThan(30);
    expect(snapshotRows(stored.doc)).toEqual(snapshotRows(a.doc));

    const expected = snapshotRows(a.doc);
    a.destroy();
    await waitFor(() => server.logs.some((l) => l.includes('"msg":"room unloaded"')), 5000, 'unload');
    const afterUnload = readStoredRoom(dataDir, room);
    expect(afterUnload.logEntries).toBe(0);
    expect(snapshotRows(afterUnload.doc)).toEqual(expected);

    const b = open(server, room);
    await whenSynced(b);
    await waitFor(() => b.rows.size === 30, 5000, 'reloaded rows');
    expect(snapshotRows(b.doc)).toEqual(expected);
  });
});
