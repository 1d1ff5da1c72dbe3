// Moving a SQLite store into PostgreSQL is one command, and loses nothing.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { connectClient, snapshotRows, type TestClient, waitFor, whenSynced } from '../support/clients.ts';
import { startServerProcess } from '../support/server-process.ts';
import { freshPgSchema } from '../support/services.ts';

const run = promisify(execFile);
const clients: TestClient[] = [];
afterAll(() => {
  for (const c of clients) c.destroy();
});

async function rows(wsUrl: string, room: string) {
  const c = connectClient(wsUrl, room);
  clients.push(c);
  await whenSynced(c);
  return c;
}

describe('migrate-store', () => {
  it('copies every room of a SQLite store into PostgreSQL, twice without harm', async () => {
    const db = await freshPgSchema();
    try {
      const sqlite = await startServerProcess({ demo: true });
      const edited = await rows(sqlite.wsUrl, 'committees');
      const id = [...edited.rows.keys()].sort()[0]!;
      edited.rows.get(id)?.set('name', '迁移测试居民区');
      await edited.confirm();
      const ledger = await rows(sqlite.wsUrl, `ledger.${id}`);
      const expectedCommittees = snapshotRows(edited.doc);
      const expectedLedger = snapshotRows(ledger.doc);
      expect(await sqlite.stop()).toBe(0);

      const serverDir = path.resolve(import.meta.dirname, '../../server');
      for (let i = 0; i < 2; i++) {
        const { stdout } = await run(
          process.execPath,
          ['--import', 'tsx', 'src/cli/migrate-store.ts', '--from', sqlite.dataDir, '--to', db.url],
          { cwd: serverDir },
        );
        expect(stdout).toMatch(/migrated \d+ rooms/);
      }

      const pg = await startServerProcess({ env: { DATABASE_URL: db.url }, demo: true });
      try {
        expect(pg.logs.some((l) => l.includes('demo district seeded'))).toBe(false);
        const c = await rows(pg.wsUrl, 'committees');
        await waitFor(() => c.rows.size === 16, 5000, 'committees');
        expect(snapshotRows(c.doc)).toEqual(expectedCommittees);
        const l = await rows(pg.wsUrl, `ledger.${id}`);
        expect(snapshotRows(l.doc)).toEqual(expectedLedger);
      } finally {
        await pg.stop();
      }
    } finally {
      await db.drop();
    }
  });
});
