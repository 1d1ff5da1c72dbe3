// The peer servers the benchmarks compare against, each in its own child process on a
// free port of 127.0.0.1: the reference y-websocket server (y-websocket@2.1.0
// `bin/server.cjs`, installed under the alias `y-websocket-ref`) and Hocuspocus with its
// SQLite extension (hocuspocus-server.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

const require = createRequire(import.meta.url);

export interface PeerProcess {
  readonly name: string;
  readonly port: number;
  /** Base URL for `new WebsocketProvider(wsUrl, room, doc)`. */
  readonly wsUrl: string;
  readonly child: ChildProcess;
  readonly logs: string[];
  stop(): Promise<number | null>;
}

const children = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Kills `child` if this process exits first (a benchmark that fails half-way must not
 * leave servers behind). Returns the child.
 */
export function killOnExit<T extends ChildProcess>(child: T): T {
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    const killAll = () => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    };
    process.once('exit', killAll);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        killAll();
        process.exit(130);
      });
    }
  }
  return child;
}

/** A port that was free a moment ago (the reference server cannot report the one it got). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Path of the reference server script, `y-websocket@2.1.0/bin/server.cjs`. */
export function referenceServerScript(): string {
  const pkg = require.resolve('y-websocket-ref/package.json');
  return path.join(path.dirname(pkg), 'bin', 'server.cjs');
}

function collectLines(child: ChildProcess, onLine: (line: string) => void): void {
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
}

function waitForLine(
  child: ChildProcess,
  logs: string[],
  match: (line: string) => number | null,
  what: string,
): Promise<number> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${logs.join('\n')}`)), 30_000);
    collectLines(child, (line) => {
      logs.push(line);
      if (logs.length > 200) logs.shift();
      const port = match(line);
      if (port !== null) {
        clearTimeout(timer);
        resolve(port);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code} before listening:\n${logs.join('\n')}`));
    });
  });
}

function stopper(child: ChildProcess): () => Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
  return () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    return exited.finally(() => clearTimeout(timer));
  };
}

/** The reference y-websocket server (in-memory, no persistence), as its README runs it. */
export async function startReferenceServer(): Promise<PeerProcess> {
  const port = await freePort();
  const child = killOnExit(
    spawn(process.execPath, [referenceServerScript()], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const logs: string[] = [];
  await waitForLine(child, logs, (line) => (line.startsWith('running at') ? port : null), 'reference server');
  return {
    name: 'y-websocket@2.1.0',
    port,
    wsUrl: `ws://127.0.0.1:${port}`,
    child,
    logs,
    stop: stopper(child),
  };
}

/** Starts `node --import tsx <script>` and waits for its JSON `listening` log line. */
async function startTsxServer(
  name: string,
  script: string,
  env: Record<string, string>,
  wsPath: string,
): Promise<PeerProcess> {
  const child = killOnExit(
    spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const logs: string[] = [];
  const port = await waitForLine(
    child,
    logs,
    (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        return entry.msg === 'listening' && typeof entry.port === 'number' ? entry.port : null;
      } catch {
        return null;
      }
    },
    name,
  );
  return { name, port, wsUrl: `ws://127.0.0.1:${port}${wsPath}`, child, logs, stop: stopper(child) };
}

/** Hocuspocus 4 with @hocuspocus/extension-sqlite on `databaseFile`; with `redis` (`host:port`) also extension-redis. */
export function startHocuspocusServer(databaseFile: string, redis?: string): Promise<PeerProcess> {
  return startTsxServer(
    'hocuspocus',
    path.join(import.meta.dirname, 'hocuspocus-server.ts'),
    { HOCUSPOCUS_DB: databaseFile, ...(redis ? { HOCUSPOCUS_REDIS: redis } : {}) },
    '',
  );
}

/** This repository's server with an in-memory store instead of SQLite (diagnostic only). */
export function startMemoryStoreServer(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<PeerProcess> {
  return startTsxServer(
    'civic-ledger, rooms in memory',
    path.join(import.meta.dirname, 'memory-store-server.ts'),
    { ...env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    '/sync',
  );
}
