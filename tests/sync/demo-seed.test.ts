// The first start of an empty store seeds the demo district once; --no-demo does not.
import { DEMO_ACCOUNTS } from '@civic-ledger/server';
import { afterEach, describe, expect, it } from 'vitest';
import { login, loginAnswer } from '../support/accounts.ts';
import { connectClient, type TestClient, waitFor, whenSynced } from '../support/clients.ts';
import { type ServerProcess, startServerProcess, tempDataDir } from '../support/server-process.ts';

const clients: TestClient[] = [];
const servers: ServerProcess[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.stop();
});

async function rowCount(server: ServerProcess, room: string): Promise<number> {
  const c = connectClient(server.wsUrl, room);
  clients.push(c);
  await whenSynced(c);
  return c.rows.size;
}

describe('demo district', () => {
  it('is seeded on an empty store and not again on the next start', async () => {
    const dataDir = tempDataDir();
    let server = await startServerProcess({ dataDir, demo: true });
    servers.push(server);
    expect(await rowCount(server, 'committees')).toBe(16);
    // One account per role, as listed in the README, signs in.
    for (const account of DEMO_ACCOUNTS)
      expect(await login(server.url, account.username, account.password)).toBeTruthy();
    // The patrol, the member and the office staff stand for demo people, named at sign-in.
    const people = await rowCount(server, 'people');
    expect(people).toBeGreaterThan(0);
    const registry = clients[1]!;
    for (const username of ['patrol', 'member', 'staff']) {
      const demo = DEMO_ACCOUNTS.find((a) => a.username === username)!;
      const { user } = await loginAnswer(server.url, username, demo.password);
      expect(user.personId, username).toBeTruthy();
      expect(registry.rows.get(user.personId ?? '')?.get('name'), username).toBeTruthy();
    }
    const patrol = (await loginAnswer(server.url, 'patrol', 'civic-patrol-2026')).user;
    expect(patrol).toMatchObject({ role: 'patrol', committeeId: null });
    const sites = await rowCount(server, 'sites');
    expect(sites).toBeGreaterThanOrEqual(60);
    const committees = clients[0]!;
    const firstCommittee = [...committees.rows.keys()].sort()[0]!;
    const ledgerRows = await rowCount(server, `ledger.${firstCommittee}`);
    expect(ledgerRows).toBeGreaterThan(0);
    const rosterRows = await rowCount(server, `roster.${firstCommittee}`);
    expect(rosterRows).toBeGreaterThan(0);
    // An edit, then a restart: the edit is kept and nothing is seeded twice.
    const editor = connectClient(server.wsUrl, 'committees');
    clients.push(editor);
    await whenSynced(editor);
    editor.rows.get(firstCommittee)?.set('name', '桃园居民区（改名）');
    await editor.confirm();
    await server.stop();
    server = await startServerProcess({ dataDir, demo: true });
    servers.push(server);
    expect(server.logs.some((l) => l.includes('demo district seeded'))).toBe(false);
    expect(await rowCount(server, 'committees')).toBe(16);
    const check = connectClient(server.wsUrl, 'committees');
    clients.push(check);
    await whenSynced(check);
    await waitFor(
      () => check.rows.get(firstCommittee)?.get('name') === '桃园居民区（改名）',
      5000,
      'edit kept',
    );
    expect(await rowCount(server, `ledger.${firstCommittee}`)).toBe(ledgerRows);
  });

  it('is not seeded with --no-demo', async () => {
    const server = await startServerProcess({ demo: false });
    servers.push(server);
    expect(await rowCount(server, 'committees')).toBe(0);
  });
});
