// Limits a shared server needs: messages per second per connection, connections per
// account and per address, guessing passwords, and browsers from other origins. Each
// refusal is clear to the client and logged by the server. Each test leaves the server
// holding no connection of its own, so the per-account count starts from zero.
import { CloseCode, MessageType } from '@civic-ledger/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAccounts } from '../support/accounts.ts';
import { rawSocket } from '../support/clients.ts';
import {
  type ServerProcess,
  startServerProcess,
  tempDataDir,
  untilOpenConnections,
} from '../support/server-process.ts';

let server: ServerProcess;

beforeAll(async () => {
  const dataDir = tempDataDir();
  await createAccounts({ dataDir }, [{ username: 'l-member', role: 'member', committeeId: 'taoyuan' }]);
  server = await startServerProcess({
    dataDir,
    env: {
      MESSAGES_PER_SECOND: '50',
      MESSAGE_BURST: '100',
      MAX_CONNECTIONS_PER_USER: '3',
      ALLOWED_ORIGINS: 'https://office.example',
    },
  });
});
afterEach(async () => {
  await untilOpenConnections(server, 0);
});
afterAll(async () => {
  await server.stop();
});

describe('limits', () => {
  it('a connection sending faster than its rate is closed with 1008', async () => {
    const sock = rawSocket(server.wsUrl, 'sites');
    await sock.opened;
    for (let i = 0; i < 400; i++) sock.ws.send(new Uint8Array([MessageType.queryAwareness]));
    const closed = await sock.closed;
    expect(closed.code).toBe(CloseCode.policyViolation);
    expect(closed.reason).toMatch(/too many messages/);
    expect(server.logs.some((l) => l.includes('too many messages'))).toBe(true);
  });

  it('an account may hold only so many connections at once (429)', async () => {
    const socks = [0, 1, 2].map(() => rawSocket(server.wsUrl, 'sites'));
    await Promise.all(socks.map((s) => s.opened));
    const fourth = rawSocket(server.wsUrl, 'sites');
    await expect(fourth.opened).rejects.toThrow(/429/);
    socks[0]!.ws.close();
    await socks[0]!.closed;
    await untilOpenConnections(server, 2);
    const again = rawSocket(server.wsUrl, 'sites');
    await again.opened;
    for (const s of [...socks, again]) s.ws.close();
    await Promise.all([...socks, again].map((s) => s.closed));
  });

  it('a browser page from another origin is refused (403); the configured one is allowed', async () => {
    const open = (origin: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`${server.wsUrl}/sites?token=${server.token}`, { origin });
        ws.once('open', () => {
          ws.once('close', () => resolve('open'));
          ws.close();
        });
        ws.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
        ws.once('error', () => {});
      });
    expect(await open('https://evil.example')).toBe('403');
    expect(await open('https://office.example')).toBe('open');
    expect(await open(server.url)).toBe('open');
  });

  it('guessing passwords is stopped after ten failures (429)', async () => {
    const attempt = (password: string) =>
      fetch(`${server.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'l-member', password }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await attempt(`wrong-${i}`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const malformed = await fetch(`${server.url}/api/login`, { method: 'POST', body: 'not json' });
    expect([400, 429]).toContain(malformed.status);
  });
});
