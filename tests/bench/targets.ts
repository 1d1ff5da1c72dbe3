// The servers under test, started side by side for one benchmark run: ours (SQLite, one
// process), the reference y-websocket server, Hocuspocus with SQLite and, as a
// diagnostic, ours with rooms in memory; or two instances each of ours (PostgreSQL +
// Redis) and Hocuspocus (SQLite + extension-redis), with the clients split across them.
import fs from 'node:fs';
import path from 'node:path';
import { createAccounts, login } from '../support/accounts.ts';
import { type ServerProcess, startServerProcess, tempDataDir } from '../support/server-process.ts';
import { freshPgSchema, startRedis } from '../support/services.ts';
import type { ClientKind } from './bench-clients.ts';
import { killOnExit, startHocuspocusServer, startMemoryStoreServer, startReferenceServer } from './peers.ts';

export interface Target {
  name: string;
  detail: string;
  kind: ClientKind;
  /** One URL per instance; clients are spread over them in turn (the first one's first client writes). */
  wsUrls: string[];
  /** Server processes, for CPU and memory from /proc. */
  pids: number[];
  /** Query parameters of every connection (our server wants a token). */
  params: Record<string, string>;
  /** Our servers' Prometheus endpoints (store commit times, heap). */
  metricsUrls: string[];
}

export interface TargetChoice {
  /** 'single': one process per server; 'two-instances': two of ours and two of Hocuspocus, over Redis. */
  layout: 'single' | 'two-instances';
  reference: boolean;
  hocuspocus: boolean;
  memoryStore: boolean;
}

export interface RunningTargets {
  targets: Target[];
  stop(): Promise<void>;
}

/** Limits of our server raised for benchmark load: all clients are one user on one address. */
export const BENCH_SERVER_ENV: Record<string, string> = {
  MAX_CONNECTIONS_PER_USER: '100000',
  MAX_CONNECTIONS_PER_ADDRESS: '100000',
};

const OURS_DETAIL =
  'this repository (`server/src/main.ts --no-demo`), SQLite store in a temp DATA_DIR: every update batch appended with its audit entries and committed (WAL, synchronous=FULL)';

/** BENCH_CPU_PROF_DIR=<dir>: our servers write a V8 CPU profile there when they stop. */
export const BENCH_SERVER_NODE_ARGS: string[] = process.env.BENCH_CPU_PROF_DIR
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
  : [];

export async function startTargets(choice: TargetChoice): Promise<RunningTargets> {
  const stops: (() => Promise<unknown>)[] = [];
  const dirs: string[] = [];
  const targets: Target[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  };
  try {
    if (choice.layout === 'single') {
      const dataDir = tempDataDir('civic-ledger-bench-');
      dirs.push(dataDir);
      const ours: ServerProcess = await startServerProcess({
        dataDir,
        env: BENCH_SERVER_ENV,
        nodeArgs: BENCH_SERVER_NODE_ARGS,
      });
      killOnExit(ours.child);
      stops.push(() => ours.stop());
      targets.push({
        name: 'civic-ledger',
        detail: OURS_DETAIL,
        kind: 'y-websocket',
        wsUrls: [ours.wsUrl],
        pids: [ours.child.pid ?? 0],
        params: { token: ours.token },
        metricsUrls: [`${ours.url}/metrics`],
      });
      if (choice.reference) {
        const reference = await startReferenceServer();
        stops.push(() => reference.stop());
        targets.push({
          name: reference.name,
          detail: 'reference server `bin/server.cjs` of y-websocket@2.1.0, in memory, no persistence',
          kind: 'y-websocket',
          wsUrls: [reference.wsUrl],
          pids: [reference.child.pid ?? 0],
          params: {},
          metricsUrls: [],
        });
      }
      if (choice.hocuspocus) {
        const dir = tempDataDir('civic-ledger-bench-hocuspocus-');
        dirs.push(dir);
        const hocuspocus = await startHocuspocusServer(path.join(dir, 'hocuspocus.db'));
        stops.push(() => hocuspocus.stop());
        targets.push({
          name: 'Hocuspocus 4.7',
          detail:
            '`@hocuspocus/server` 4.7 with `@hocuspocus/extension-sqlite` (stores a document 2 s after its last change, debounced), clients: `@hocuspocus/provider`',
          kind: 'hocuspocus',
          wsUrls: [hocuspocus.wsUrl],
          pids: [hocuspocus.child.pid ?? 0],
          params: {},
          metricsUrls: [],
        });
      }
      if (choice.memoryStore) {
        const memoryDir = tempDataDir('civic-ledger-bench-memory-');
        dirs.push(memoryDir);
        await createAccounts({ dataDir: memoryDir }, [{ username: 'tester', role: 'admin' }]);
        const memory = await startMemoryStoreServer(memoryDir, BENCH_SERVER_ENV);
        stops.push(() => memory.stop());
        targets.push({
          name: memory.name,
          detail:
            'diagnostic: the same server code, started by `tests/bench/memory-store-server.ts` with rooms and the audit trail kept in memory (no SQLite write, no fsync per update)',
          kind: 'y-websocket',
          wsUrls: [memory.wsUrl],
          pids: [memory.child.pid ?? 0],
          params: { token: await login(`http://127.0.0.1:${memory.port}`, 'tester') },
          metricsUrls: [`http://127.0.0.1:${memory.port}/metrics`],
        });
      }
      return { targets, stop };
    }

    // Two instances each, sharing a store and a private redis-server.
    const redis = await startRedis();
    stops.push(() => redis.stop());
    const db = await freshPgSchema();
    stops.push(() => db.drop());
    const env = { ...BENCH_SERVER_ENV, DATABASE_URL: db.url, REDIS_URL: redis.url };
    const first = await startServerProcess({ dataDir: tempDataDir('civic-ledger-bench-a-'), env });
    killOnExit(first.child);
    stops.push(() => first.stop());
    dirs.push(first.dataDir);
    const second = await startServerProcess({
      dataDir: tempDataDir('civic-ledger-bench-b-'),
      env,
      noAccounts: true,
    });
    killOnExit(second.child);
    stops.push(() => second.stop());
    dirs.push(second.dataDir);
    targets.push({
      name: 'civic-ledger × 2',
      detail:
        'two processes of this repository on one PostgreSQL store (every update batch committed with its audit entries) and one Redis (pub/sub relay between them)',
      kind: 'y-websocket',
      wsUrls: [first.wsUrl, second.wsUrl],
      pids: [first.child.pid ?? 0, second.child.pid ?? 0],
      // The signing key lives in the shared store: the first one's token works on both.
      params: { token: first.token },
      metricsUrls: [`${first.url}/metrics`, `${second.url}/metrics`],
    });
    if (choice.hocuspocus) {
      const dir = tempDataDir('civic-ledger-bench-hocuspocus-');
      dirs.push(dir);
      const file = path.join(dir, 'hocuspocus.db');
      const redisAddress = `127.0.0.1:${redis.port}`;
      const a = await startHocuspocusServer(file, redisAddress);
      stops.push(() => a.stop());
      const b = await startHocuspocusServer(file, redisAddress);
      stops.push(() => b.stop());
      targets.push({
        name: 'Hocuspocus 4.7 × 2',
        detail:
          'two `@hocuspocus/server` 4.7 processes with `@hocuspocus/extension-redis` on the same Redis and `@hocuspocus/extension-sqlite` on one SQLite file',
        kind: 'hocuspocus',
        wsUrls: [a.wsUrl, b.wsUrl],
        pids: [a.child.pid ?? 0, b.child.pid ?? 0],
        params: {},
        metricsUrls: [],
      });
    }
    return { targets, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
