// What one request may cost: bodies are bounded while they are read (a 64 MB sign-in is
// refused after a few kB, chunked or not, and the server's memory does not grow), and
// sign-in throttling counts per account and address, so one person's wrong passwords do
// not lock out a colleague behind the same office address.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccounts, TEST_PASSWORD } from '../support/accounts.ts';
import { type ServerProcess, startServerProcess, tempDataDir } from '../support/server-process.ts';

let server: ServerProcess;

beforeAll(async () => {
  const dataDir = tempDataDir();
  await createAccounts({ dataDir }, [
    { username: 'nat-a', role: 'member', committeeId: 'taoyuan' },
    { username: 'nat-b', role: 'member', committeeId: 'taoyuan' },
  ]);
  server = await startServerProcess({ dataDir });
});
afterAll(async () => {
  await server.stop();
});

function login(username: string, password: string) {
  return fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

async function rssBytes(): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const match = /^civic_ledger_rss_bytes (\d+)/m.exec(text);
  if (!match) throw new Error('no RSS in /metrics');
  return Number(match[1]);
}

/**
 * Streams up to `total` bytes as a chunked body (no Content-Length) and stops as soon as
 * the server answers; resolves with the answer and how much was sent before it.
 */
function sendChunked(
  path: string,
  total: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    let answered = false;
    const req = http.request(`${server.url}${path}`, { method: 'POST', headers }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, sent });
      });
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('request bounds', () => {
  it('a 64 MB chunked body to /api/login is refused (413) after a few kB, and memory does not grow', async () => {
    const before = await rssBytes();
    const answer = await sendChunked('/api/login', 64 * 1024 * 1024, { 'content-type': 'application/json' });
    const after = await rssBytes();
    console.log(
      `64 MB login body: ${answer.status} after ${(answer.sent / 1024 / 1024).toFixed(1)} MB sent; ` +
        `server RSS ${(before / 1024 / 1024).toFixed(1)} → ${(after / 1024 / 1024).toFixed(1)} MB`,
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'body_too_large' } });
    expect(answer.body).toMatch(/at most 4 kB/);
    expect(answer.sent).toBeLessThan(16 * 1024 * 1024);
    expect(after - before).toBeLessThan(16 * 1024 * 1024);
  });

  it('a body whose Content-Length is over the bound is refused before it is read', async () => {
    const res = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nat-a', password: 'x'.repeat(8000) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('body_too_large');
  });

  it('an upload over 10 MB is refused while it is read, chunked too', async () => {
    const answer = await sendChunked(`/api/import/preview?room=ledger.taoyuan&token=${server.token}`, 64e6, {
      'content-type': 'text/csv',
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'import_too_large' } });
    expect(answer.sent).toBeLessThan(32 * 1024 * 1024);
  });

  it('ten wrong passwords for one account do not lock out another user behind the same address', async () => {
    for (let i = 0; i < 10; i++) expect((await login('nat-a', `wrong-${i}`)).status).toBe(401);
    expect((await login('nat-a', TEST_PASSWORD)).status).toBe(429);
    expect((await login('nat-b', TEST_PASSWORD)).status).toBe(200);
    expect((await login('nat-b', 'wrong')).status).toBe(401);
  });
});
