// Every role against every kind of room: who may connect, read, write and be present,
// generated as a matrix and tried over real sockets. Thousands of writes are attempted;
// afterwards the store holds exactly the authorised ones and the audit trail names
// only users who may write there.
import { can, newRowId, type Principal, parseRoomName, type Role, roomAccess } from '@civic-ledger/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createAccounts, login } from '../support/accounts.ts';
import { connectClient, rawSocket, type TestClient, waitFor, whenSynced } from '../support/clients.ts';
import { completeRow } from '../support/rows.ts';
import { type ServerProcess, startServerProcess, tempDataDir } from '../support/server-process.ts';
import { readStoredRoom } from '../support/stored-doc.ts';

const USERS: ReadonlyArray<{ username: string; role: Role; committeeId: string | null }> = [
  { username: 'm-admin', role: 'admin', committeeId: null },
  { username: 'm-staff', role: 'staff', committeeId: null },
  { username: 'm-taoyuan', role: 'member', committeeId: 'taoyuan' },
  { username: 'm-hongqiao', role: 'member', committeeId: 'hongqiao' },
  { username: 'm-manager', role: 'manager', committeeId: null },
];
const ROOMS = [
  'committees',
  'sites',
  'people',
  'ledger.taoyuan',
  'ledger.hongqiao',
  'roster.taoyuan',
  'roster.hongqiao',
];
const WRITES_PER_CASE = 100;

let server: ServerProcess;
const tokens = new Map<string, string>();
const clients: TestClient[] = [];

beforeAll(async () => {
  // y-websocket warns on every permission-denied answer, which read-only cases expect.
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  const dataDir = tempDataDir();
  await createAccounts({ dataDir }, USERS);
  server = await startServerProcess({ dataDir, env: { MAX_CONNECTIONS_PER_USER: '200' } });
  for (const u of USERS) tokens.set(u.username, await login(server.url, u.username));
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

function expectedAccess(user: (typeof USERS)[number], room: string) {
  const parsed = parseRoomName(room);
  if (!parsed.ok) throw new Error(room);
  const principal: Principal = { role: user.role, committeeId: user.committeeId };
  return roomAccess(principal, parsed.value);
}

/** A valid row for the room's table, written by `who`. */
function validRow(room: string, who: string, i: number): Record<string, unknown> {
  const id = newRowId();
  if (room.startsWith('ledger.')) return completeRow(room, id, { description: `${who} #${i}` });
  if (room.startsWith('roster.')) return completeRow(room, id, { note: `${who} #${i}` });
  if (room === 'committees') return { id: `c-${who}-${i}`.slice(0, 32).toLowerCase(), name: `${who} #${i}` };
  if (room === 'sites') return { id, name: `${who} #${i}`, kind: 'market', committeeId: 'taoyuan' };
  return { id, name: `${who} #${i}`, role: 'social_worker', volunteer: false };
}

function write(client: TestClient, row: Record<string, unknown>) {
  client.doc.transact(() => {
    const m = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(row)) m.set(k, v);
    client.rows.set(String(row.id), m);
  });
}

describe('room permissions', () => {
  it('refuses a missing or bad token with 401 before the upgrade', async () => {
    for (const token of ['', 'not-a-token', `${tokens.get('m-admin')}x`]) {
      const sock = rawSocket(server.wsUrl, 'sites', { token });
      await expect(sock.opened).rejects.toThrow(/401/);
    }
  });

  it('every role × room × action matches the rights, and no unauthorised write is stored', async () => {
    const written = new Map<string, Set<string>>(ROOMS.map((r) => [r, new Set()]));
    const attempted = new Map<string, Set<string>>(ROOMS.map((r) => [r, new Set()]));
    let attempts = 0;
    // An office watcher in each room sees presence and what was accepted.
    const watchers = new Map<string, TestClient>();
    for (const room of ROOMS) {
      const w = connectClient(server.wsUrl, room, { token: tokens.get('m-admin')! });
      clients.push(w);
      watchers.set(room, w);
    }
    await Promise.all([...watchers.values()].map((w) => whenSynced(w)));

    for (const user of USERS) {
      for (const room of ROOMS) {
        const access = expectedAccess(user, room);
        const token = tokens.get(user.username)!;
        // export (the same rights decide the HTTP download)
        const parsed = parseRoomName(room);
        if (!parsed.ok) throw new Error(room);
        const [table, committee] = room.split('.');
        const exportUrl = `${server.url}/api/export/csv?table=${table}${committee ? `&committee=${committee}` : ''}`;
        const exported = await fetch(exportUrl, { headers: { authorization: `Bearer ${token}` } });
        await exported.arrayBuffer();
        const mayExport = can({ role: user.role, committeeId: user.committeeId }, 'export', parsed.value);
        expect(exported.status, `${user.username} exports ${room}`).toBe(mayExport ? 200 : 403);
        // connect
        const sock = rawSocket(server.wsUrl, room, { token });
        if (access === 'none') {
          await expect(sock.opened, `${user.username} → ${room}`).rejects.toThrow(/403/);
          continue;
        }
        await sock.opened;
        sock.ws.close();
        // read + presence + write through the official client
        const c = connectClient(server.wsUrl, room, { token });
        clients.push(c);
        await whenSynced(c);
        expect(c.rows.size, `${user.username} reads ${room}`).toBe(watchers.get(room)!.rows.size);
        c.provider.awareness.setLocalStateField('user', { name: user.username });
        await waitFor(
          () => watchers.get(room)!.provider.awareness.getStates().has(c.doc.clientID),
          5000,
          `presence of ${user.username} in ${room}`,
        );
        for (let i = 0; i < WRITES_PER_CASE; i++) {
          const row = validRow(room, user.username, i);
          write(c, row);
          attempts++;
          attempted.get(room)!.add(String(row.id));
          if (access === 'write') written.get(room)!.add(String(row.id));
        }
        await c.confirm();
        c.destroy();
      }
    }
    expect(attempts).toBeGreaterThanOrEqual(3000);

    // The watchers see exactly the authorised rows, and so does the store.
    for (const room of ROOMS) {
      const w = watchers.get(room)!;
      await waitFor(() => w.rows.size === written.get(room)!.size, 10_000, `accepted rows in ${room}`);
      const stored = readStoredRoom(server.dataDir, room).doc.getMap('rows');
      const ids = new Set(stored.keys());
      expect(ids, room).toEqual(written.get(room));
      for (const id of attempted.get(room)!) if (!written.get(room)!.has(id)) expect(ids.has(id)).toBe(false);
      // Every audit entry names someone with write access to the room.
      const res = await fetch(`${server.url}/api/audit?room=${room}&limit=10000`, {
        headers: { authorization: `Bearer ${tokens.get('m-admin')}` },
      });
      const { entries } = (await res.json()) as { entries: { username: string; rowId: string }[] };
      for (const e of entries) {
        const user = USERS.find((u) => u.username === e.username)!;
        expect(expectedAccess(user, room), `${e.username} audited in ${room}`).toBe('write');
      }
      expect(new Set(entries.map((e) => e.rowId))).toEqual(written.get(room));
    }
  });

  it('a read-only connection is told its update was dropped', async () => {
    const sock = rawSocket(server.wsUrl, 'sites', { token: tokens.get('m-manager')! });
    await sock.opened;
    const doc = new Y.Doc();
    const m = new Y.Map<unknown>();
    doc.getMap('rows').set(newRowId(), m);
    const update = Y.encodeStateAsUpdate(doc);
    const { syncUpdateFrame } = await import('../support/clients.ts');
    sock.ws.send(syncUpdateFrame(update));
    await waitFor(
      () => sock.received.some((f) => f[0] === 2 && f[1] === 0),
      5000,
      'permission denied message',
    );
    expect(sock.ws.readyState).toBe(sock.ws.OPEN);
    sock.ws.close();
  });
});
