// Disabling a user or changing their role (with the users CLI, from another process)
// closes their open sockets within seconds, and their old token stops working.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { CloseCode } from '@civic-ledger/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccounts, login } from '../support/accounts.ts';
import { rawSocket } from '../support/clients.ts';
import { type ServerProcess, startServerProcess, tempDataDir } from '../support/server-process.ts';

const run = promisify(execFile);
const serverDir = path.resolve(import.meta.dirname, '../../server');
let server: ServerProcess;

async function usersCli(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/users.ts', ...args], {
    cwd: serverDir,
    env: { ...process.env, DATA_DIR: server.dataDir },
  });
  return stdout;
}

beforeAll(async () => {
  const dataDir = tempDataDir();
  await createAccounts({ dataDir }, [
    { username: 'r-member', role: 'member', committeeId: 'taoyuan' },
    { username: 'r-staff', role: 'staff' },
  ]);
  server = await startServerProcess({ dataDir, env: { USER_WATCH_MS: '200' } });
});
afterAll(async () => {
  await server.stop();
});

describe('revocation', () => {
  it('disabling a user closes their sockets within seconds and refuses their token', async () => {
    const token = await login(server.url, 'r-member');
    const socks = [
      rawSocket(server.wsUrl, 'ledger.taoyuan', { token }),
      rawSocket(server.wsUrl, 'sites', { token }),
    ];
    await Promise.all(socks.map((s) => s.opened));
    expect(await usersCli('disable', 'r-member')).toMatch(/disabled r-member/);
    const started = Date.now();
    const closes = await Promise.all(socks.map((s) => s.closed));
    expect(Date.now() - started).toBeLessThan(5000);
    for (const c of closes) expect(c.code).toBe(CloseCode.accountRevoked);
    const again = rawSocket(server.wsUrl, 'sites', { token });
    await expect(again.opened).rejects.toThrow(/401/);
    await expect(login(server.url, 'r-member')).rejects.toThrow(/401/);
    await usersCli('enable', 'r-member');
    expect(await login(server.url, 'r-member')).toBeTruthy();
  });

  it('changing a role closes the sockets; a new sign-in gets the new rights', async () => {
    const token = await login(server.url, 'r-staff');
    const sock = rawSocket(server.wsUrl, 'ledger.hongqiao', { token });
    await sock.opened;
    expect(await usersCli('set-role', 'r-staff', '--role', 'member', '--committee', 'taoyuan')).toMatch(
      /member/,
    );
    expect((await sock.closed).code).toBe(CloseCode.accountRevoked);
    const fresh = await login(server.url, 'r-staff');
    await expect(rawSocket(server.wsUrl, 'ledger.hongqiao', { token: fresh }).opened).rejects.toThrow(/403/);
    const own = rawSocket(server.wsUrl, 'ledger.taoyuan', { token: fresh });
    await own.opened;
    own.ws.close();
  });

  it('the CLI lists users and refuses bad input clearly', async () => {
    const list = await usersCli('list');
    expect(list).toMatch(/r-member\tmember\ttaoyuan\t-\tactive/);
    await expect(usersCli('add', 'x', '--role', 'emperor')).rejects.toThrow(/unknown role/);
    await expect(usersCli('add', 'yy', '--role', 'member')).rejects.toThrow(/committee/);
    const added = await usersCli('add', 'new-admin', '--role', 'admin');
    const password = /with password: (\S+)/.exec(added)?.[1];
    expect(password).toBeTruthy();
    expect(await login(server.url, 'new-admin', password)).toBeTruthy();
  });
});
