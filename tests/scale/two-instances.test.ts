// Several instances share rooms through one PostgreSQL and one Redis: clients on each
// converge, a killed instance's clients carry on at the other without losing confirmed
// edits, and a Redis restart mid-run heals through the store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  connectClient,
  snapshotRows,
  type TestClient,
  tid,
  waitFor,
  whenSynced,
} from '../support/clients.ts';
import { completeRow, rowMap } from '../support/rows.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { freshPgSchema, type RedisProcess, startRedis } from '../support/services.ts';

let db: Awaited<ReturnType<typeof freshPgSchema>>;
let redis: RedisProcess;
const clients: TestClient[] = [];
const servers: ServerProcess[] = [];

beforeEach(async () => {
  db = await freshPgSchema();
  redis = await startRedis();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.stop('SIGKILL');
  await redis.stop();
  await db.drop();
});

async function instance(catchUpMs = 500): Promise<ServerProcess> {
  const s = await startServerProcess({
    env: { DATABASE_URL: db.url, REDIS_URL: redis.url, CATCH_UP_INTERVAL_MS: String(catchUpMs) },
  });
  servers.push(s);
  return s;
}
function open(server: ServerProcess, room: string, doc?: Y.Doc) {
  const c = connectClient(server.wsUrl, room, {}, doc);
  clients.push(c);
  return c;
}
function setCell(client: TestClient, label: string, key: string, value: unknown) {
  const rowId = tid(label);
  client.doc.transact(() => {
    const row = client.rows.get(rowId);
    if (!row) client.rows.set(rowId, rowMap(completeRow(client.provider.roomname, rowId, { [key]: value })));
    else row.set(key, value);
  });
}
const converged = (a: TestClient, b: TestClient) =>
  JSON.stringify(snapshotRows(a.doc)) === JSON.stringify(snapshotRows(b.doc));

describe('two instances over PostgreSQL and Redis', () => {
  it('clients on each instance converge through the relay, with awareness', async () => {
    // Store catch-up is slowed right down: only Redis can make this quick.
    const [s1, s2] = await Promise.all([instance(60_000), instance(60_000)]);
    const room = 'ledger.twoinst';
    const a = open(s1, room);
    const b = open(s2, room);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    setCell(a, 'r1', 'status', 'open');
    setCell(b, 'r2', 'status', 'in_progress');
    await waitFor(() => a.rows.has(tid('r2')) && b.rows.has(tid('r1')), 5000, 'cross-instance rows');
    setCell(a, 'r1', 'rectification', '甲');
    setCell(b, 'r1', 'deadline', '2026-11-30');
    await waitFor(
      () =>
        b.rows.get(tid('r1'))?.get('rectification') === '甲' &&
        a.rows.get(tid('r1'))?.get('deadline') === '2026-11-30',
      5000,
      'both cells',
    );
    expect(snapshotRows(a.doc)).toEqual(snapshotRows(b.doc));
    const metrics = await (await fetch(`${s2.url}/metrics`)).text();
    const received = Number(
      /civic_ledger_relay_messages_total\{direction="received"\} (\d+)/.exec(metrics)?.[1],
    );
    expect(received).toBeGreaterThan(0);
    a.provider.awareness.setLocalStateField('user', { name: '一号' });
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), 5000, 'awareness across');
    a.provider.disconnect();
    await waitFor(
      () => !b.provider.awareness.getStates().has(a.doc.clientID),
      5000,
      'awareness removal across',
    );
  });

  it('kill -9 of one instance: its clients reconnect to the other and no confirmed edit is lost', async () => {
    const [s1, s2] = await Promise.all([instance(), instance()]);
    const room = 'roster.failover';
    const a = open(s1, room);
    const b = open(s2, room);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    let confirmedA: ReturnType<typeof snapshotRows> = [];
    for (let i = 0; i < 30; i++) {
      setCell(a, `a${i}`, 'note', `值班 ${i}`);
      setCell(b, `b${i}`, 'note', `巡查 ${i}`);
      if (i % 10 === 9) {
        await a.confirm();
        confirmedA = snapshotRows(a.doc);
      }
    }
    await s1.stop('SIGKILL');
    // a's document carries on at the surviving instance.
    const aDoc = a.doc;
    a.provider.destroy();
    const a2 = open(s2, room, aDoc);
    await whenSynced(a2);
    await waitFor(() => converged(a2, b), 10_000, 'convergence after failover');
    // Everything a had confirmed is on the survivor, and so in the store.
    const fresh = open(s2, room);
    await whenSynced(fresh);
    const freshRows = new Map(snapshotRows(fresh.doc));
    for (const [id, row] of confirmedA) expect(freshRows.get(id)).toEqual(row);
    expect(fresh.rows.size).toBe(60);
  });

  it('a Redis restart mid-run loses no update: instances catch up from the store', async () => {
    const [s1, s2] = await Promise.all([instance(), instance()]);
    const room = 'ledger.redisrestart';
    const a = open(s1, room);
    const b = open(s2, room);
    await Promise.all([whenSynced(a), whenSynced(b)]);
    setCell(a, 'before', 'status', 'open');
    await waitFor(() => b.rows.has(tid('before')), 5000, 'relay works');
    await redis.stop();
    // Edits while Redis is down: relayed nowhere, stored by their own instance.
    for (let i = 0; i < 10; i++) {
      setCell(a, `down-a${i}`, 'status', 'open');
      setCell(b, `down-b${i}`, 'status', 'closed');
    }
    await Promise.all([a.confirm(), b.confirm()]);
    await waitFor(() => a.rows.size === 21 && b.rows.size === 21, 10_000, 'catch-up while redis is down');
    await redis.start();
    for (let i = 0; i < 10; i++) {
      setCell(a, `after-a${i}`, 'status', 'rectified');
      setCell(b, `after-b${i}`, 'status', 'reopened');
    }
    await waitFor(
      () => a.rows.size === 41 && b.rows.size === 41 && converged(a, b),
      15_000,
      'convergence after restart',
    );
    expect(snapshotRows(a.doc)).toEqual(snapshotRows(b.doc));
  });
});
