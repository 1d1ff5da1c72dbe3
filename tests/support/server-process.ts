// Runs the real server as a child process (node --import tsx, not a wrapper) on a free
// port of 127.0.0.1 with its own temporary DATA_DIR, and reads its JSON log lines.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAccounts, login } from './accounts.ts';
import { registerToken } from './clients.ts';

const SERVER_DIR = path.resolve(import.meta.dirname, '../../server');
const SERVER_MAIN = path.join(SERVER_DIR, 'src/main.ts');

export interface ServerProcess {
  readonly port: number;
  readonly url: string;
  readonly wsUrl: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  readonly logs: string[];
  /** A token of the test admin (`tester`), also used by default by the test clients. */
  readonly token: string;
  /** Sends a signal and resolves with the exit code once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  dataDir?: string;
  /** Skip creating the test admin (and signing in). */
  noAccounts?: boolean;
  demo?: boolean;
  env?: Record<string, string>;
  port?: number;
  /** Options for node itself, e.g. `--cpu-prof` (not allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
}

export function tempDataDir(prefix = 'civic-ledger-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startServerProcess(options: StartOptions = {}): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? tempDataDir();
  if (!options.noAccounts) {
    await createAccounts({ dataDir, databaseUrl: options.env?.DATABASE_URL }, [
      { username: 'tester', role: 'admin' },
    ]);
  }
  const args = [...(options.nodeArgs ?? []), '--import', 'tsx', SERVER_MAIN];
  if (!options.demo) args.push('--no-demo');
  const child = spawn(process.execPath, args, {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${logs.join('\n')}`)), 90_000);
    const onLine = (line: string) => {
      logs.push(line);
      // Keep memory bounded for servers that log a lot (fuzzing).
      if (logs.length > 5000) logs.splice(0, logs.length - 4000);
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'listening' && typeof entry.port === 'number') {
          clearTimeout(timer);
          resolve(entry.port);
        }
      } catch {
        // not a JSON log line
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        buffered += chunk;
        let nl = buffered.indexOf('\n');
        while (nl >= 0) {
          onLine(buffered.slice(0, nl));
          buffered = buffered.slice(nl + 1);
          nl = buffered.indexOf('\n');
        }
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${logs.join('\n')}`));
    });
  });

  const url = `http://127.0.0.1:${port}`;
  const wsUrl = `ws://127.0.0.1:${port}/sync`;
  const token = options.noAccounts ? '' : await login(url, 'tester');
  if (token) registerToken(wsUrl, token);
  return {
    port,
    url,
    wsUrl,
    token,
    dataDir,
    child,
    logs,
    stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** How many sync connections the server holds open, as its /metrics reports. */
export async function openConnections(server: Pick<ServerProcess, 'url'>): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const count = /^civic_ledger_connections (\d+)$/m.exec(text)?.[1];
  if (count === undefined) throw new Error('/metrics has no civic_ledger_connections');
  return Number(count);
}

/**
 * Resolves once the server holds exactly `count` sync connections. A socket the client
 * has closed still counts against the limits until the server has seen it close, so a
 * test that closes its sockets waits here before the next one opens new ones.
 */
export async function untilOpenConnections(
  server: Pick<ServerProcess, 'url'>,
  count: number,
  timeoutMs = 15_000,
): Promise<void> {
  const started = Date.now();
  let seen = await openConnections(server);
  while (seen !== count) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`the server still holds ${seen} sync connections, not ${count}`);
    }
    await new Promise((r) => setTimeout(r, 20));
    seen = await openConnections(server);
  }
}
