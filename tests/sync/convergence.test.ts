// Official y-websocket clients against the real server: edits converge, late joiners
// catch up, awareness reaches the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectClient,
  rowEntries,
  snapshotRows,
  type TestClient,
  tid,
  waitFor,
  whenSynced,
} from '../support/clients.ts';
import { completeRow, rowMap } from '../support/rows.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';

let server: ServerProcess;
const clients: TestClient[] = [];
const open = (room: string) => {
  const c = connectClient(server.wsUrl, room);
  clients.push(c);
  return c;
};
const roomName = () => `ledger.t${Math.random().toString(36).slice(2, 10)}`;

beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

function addRow(client: TestClient, id: string, fields: Record<string, unknown>): void {
  client.doc.transact(() => {
    client.rows.set(id, rowMap(completeRow(client.provider.roomname, id, fields)));
  });
}

describe('sync between official y-websocket clients', () => {
  it('two clients converge on edits to different cells of one row', async () => {
    const room = roomName();
    const a = open(room);
    const b = open(room);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    addRow(a, tid('row1'), { id: tid('row1'), status: 'open', description: '楼道堆物' });
    await waitFor(() => b.rows.has(tid('row1')), 5000, 'row at b');
    a.rows.get(tid('row1'))?.set('rectification', '张三清理');
    b.rows.get(tid('row1'))?.set('status', 'in_progress');
    await waitFor(
      () =>
        b.rows.get(tid('row1'))?.get('rectification') === '张三清理' &&
        a.rows.get(tid('row1'))?.get('status') === 'in_progress',
      5000,
      'both edits at both',
    );
    expect(rowEntries(a, tid('row1'))).toEqual(rowEntries(b, tid('row1')));
  });

  it('two clients converge on concurrent edits to the same cell', async () => {
    const room = roomName();
    const a = open(room);
    const b = open(room);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    addRow(a, tid('r'), { id: tid('r'), description: 'start' });
    await waitFor(() => b.rows.has(tid('r')));
    // Both write before seeing each other's write.
    a.rows.get(tid('r'))?.set('description', 'from a');
    b.rows.get(tid('r'))?.set('description', 'from b');
    await waitFor(() => {
      const va = a.rows.get(tid('r'))?.get('description');
      return va === b.rows.get(tid('r'))?.get('description') && va !== 'start';
    });
    expect(['from a', 'from b']).toContain(a.rows.get(tid('r'))?.get('description'));
    expect(snapshotRows(a.doc)).toEqual(snapshotRows(b.doc));
  });

  it('a client joining later gets everything', async () => {
    const room = roomName();
    const a = open(room);
    const b = open(room);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    for (let i = 0; i < 50; i++) addRow(i % 2 ? a : b, tid(`r${i}`), { id: tid(`r${i}`), recurrences: i });
    a.rows.delete(tid('r3'));
    await waitFor(() => a.rows.size === 49 && b.rows.size === 49, 5000, 'both have 49 rows');
    const c = open(room);
    await whenSynced(c);
    await waitFor(() => c.rows.size === 49, 5000, 'late joiner has 49 rows');
    expect(snapshotRows(c.doc)).toEqual(snapshotRows(a.doc));
    expect(c.rows.has(tid('r3'))).toBe(false);
  });

  it('awareness of one client reaches the others', async () => {
    const room = roomName();
    const a = open(room);
    const b = open(room);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    a.provider.awareness.setLocalStateField('user', { name: '李四', cell: { row: 'r1', col: 'status' } });
    await waitFor(
      () =>
        (b.provider.awareness.getStates().get(a.doc.clientID) as { user?: { name: string } } | undefined)
          ?.user?.name === '李四',
      5000,
      'awareness at b',
    );
    const c = open(room);
    await waitFor(
      () => c.provider.awareness.getStates().has(a.doc.clientID),
      5000,
      'awareness at late joiner',
    );
    a.provider.disconnect();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 5000, 'awareness removed');
  });

  it('rooms are separate documents', async () => {
    const roomA = roomName();
    const a = open(roomA);
    const b = open(roomName());
    await Promise.all([whenSynced(a), whenSynced(b)]);
    addRow(a, tid('only-a'), { id: tid('only-a') });
    await a.confirm();
    const a2 = open(roomA);
    await waitFor(() => a2.rows.has(tid('only-a')), 5000, 'row in its own room');
    expect(b.rows.has(tid('only-a'))).toBe(false);
  });
});
