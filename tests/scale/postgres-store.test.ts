// The PostgreSQL store keeps the same promises as SQLite: what is confirmed survives a
// crash, a clean stop stores everything, instances starting together migrate once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
import { freshPgSchema } from '../support/services.ts';

let db: Awaited<ReturnType<typeof freshPgSchema>>;
const clients: TestClient[] = [];
const servers: ServerProcess[] = [];

beforeAll(async () => {
  db = await freshPgSchema();
});
afterAll(async () => {
  await db.drop();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.stop('SIGKILL');
});

async function start(extra: Record<string, string> = {}, demo = false) {
  const s = await startServerProcess({ env: { DATABASE_URL: db.url, ...extra }, demo });
  servers.push(s);
  return s;
}
function open(server: ServerProcess, room: string) {
  const c = connectClient(server.wsUrl, room);
  clients.push(c);
  return c;
}
function write(client: TestClient, prefix: string, n: number) {
  for (let i = 0; i < n; i++) {
    const id = tid(`${prefix}${i}`);
    client.rows.set(id, rowMap(completeRow(client.provider.roomname, id, { description: `整改 ${i}` })));
  }
}

describe('PostgreSQL store', () => {
  it('instances starting together migrate the schema once and both serve', async () => {
    // No test accounts: creating them would migrate the schema before the servers do.
    const startBare = async () => {
      const s = await startServerProcess({ env: { DATABASE_URL: db.url }, noAccounts: true });
      servers.push(s);
      return s;
    };
    const [a, b] = await Promise.all([startBare(), startBare()]);
    const migrated = [...a.logs, ...b.logs].filter((l) => l.includes('"msg":"store migrated"'));
    // Each schema version is applied exactly once, by one of the two.
    const versions = migrated.map((l) => (JSON.parse(l) as { version: number }).version).sort();
    expect(versions).toEqual([...new Set(versions)]);
    expect(versions.length).toBeGreaterThan(0);
    expect(
      a.logs.some((l) => l.includes('store migrated')) && b.logs.some((l) => l.includes('store migrated')),
    ).toBe(false);
    for (const s of [a, b]) {
      const health = (await (await fetch(`${s.url}/healthz`)).json()) as {
        store: { kind: string; ok: boolean };
      };
      expect(health.store).toEqual({ kind: 'postgres', ok: true });
    }
  });

  it('confirmed edits survive kill -9 and a clean stop keeps the rest', async () => {
    const room = 'ledger.pgdurable';
    let server = await start({ COMPACT_AFTER_UPDATES: '15' });
    const a = open(server, room);
    await whenSynced(a);
    write(a, 'p', 40);
    await a.confirm();
    await server.stop('SIGKILL');
    const confirmed = snapshotRows(a.doc);
    a.destroy();

    server = await start();
    const b = open(server, room);
    await whenSynced(b);
    await waitFor(() => b.rows.size === 40, 5000, 'confirmed rows after crash');
    expect(snapshotRows(b.doc)).toEqual(confirmed);
    // Unconfirmed edits: once another client sees them the server has them.
    const observer = open(server, room);
    await whenSynced(observer);
    write(b, 'q', 10);
    await waitFor(() => observer.rows.size === 50, 5000, 'server has the unconfirmed rows');
    expect(await server.stop('SIGTERM')).toBe(0);
    const expected = snapshotRows(b.doc);

    server = await start();
    const c = open(server, room);
    await whenSynced(c);
    await waitFor(() => c.rows.size === 50, 5000, 'rows after clean stop');
    expect(snapshotRows(c.doc)).toEqual(expected);
  });

  it('seeds the demo district into an empty PostgreSQL store', async () => {
    const fresh = await freshPgSchema();
    try {
      const s = await startServerProcess({ env: { DATABASE_URL: fresh.url }, demo: true });
      servers.push(s);
      const c = open(s, 'committees');
      await whenSynced(c);
      expect(c.rows.size).toBe(16);
    } finally {
      for (const s of servers.splice(0)) await s.stop();
      await fresh.drop();
    }
  });
});
