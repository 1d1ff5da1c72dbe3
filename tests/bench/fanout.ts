// Fan-out latency: N clients in one room; one of them sets a cell of a ledger row at a
// steady rate, carrying its send time; every other client records when the change
// reaches its document. Our server, the reference y-websocket server, Hocuspocus (and,
// as a diagnostic, our server with rooms in memory) run side by side, each in its own
// process, each with its own room of N clients open at the same time; their writers take
// turns in one-second blocks, so all servers see the same machine in the same minutes.
// With layout 'two-instances' the servers are two of ours over Redis and two Hocuspocus
// over Redis, the clients of each room split between the two instances.
//
// `bench/run.ts` runs it and writes the figures into BENCHMARKS.md.
import { randomBytes } from 'node:crypto';
import { newRowId } from '@civic-ledger/shared';
import { generateDemoDistrict } from '@civic-ledger/shared/demo';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { type BenchClient, openClient } from './bench-clients.ts';
import { killOnExit } from './peers.ts';
import { type Distribution, distribution, fmt, markdownTable, processUsage } from './stats.ts';
import { startTargets, type Target, type TargetChoice } from './targets.ts';

export interface FanoutOptions {
  clientCounts: readonly number[];
  /** Rounds per N; in each, every server has its own room and the writers take turns. */
  rounds: number;
  /** Edits per second from the writer. */
  rate: number;
  /** Edits a writer makes before the next server's writer takes over. */
  blockEdits: number;
  /** Edits sent before measuring (not counted). */
  warmup: number;
  /** Measured edits per run. */
  messages: number;
  /** How long to wait for late deliveries after the last edit. */
  drainMs: number;
  /** Which servers, and how many instances of each. */
  servers: TargetChoice;
}

export const DEFAULT_FANOUT: FanoutOptions = {
  clientCounts: [20, 100, 250],
  rounds: 2,
  rate: 20,
  blockEdits: 20,
  warmup: 20,
  messages: 250,
  drainMs: 3_000,
  servers: { layout: 'single', reference: true, hocuspocus: true, memoryStore: true },
};

/** Two instances of each server over Redis, clients split between them. */
export const TWO_INSTANCE_FANOUT: FanoutOptions = {
  ...DEFAULT_FANOUT,
  clientCounts: [20, 100],
  servers: { layout: 'two-instances', reference: false, hocuspocus: true, memoryStore: false },
};

export interface FanoutRun {
  server: string;
  clients: number;
  round: number;
  /** One latency (ms) per delivered (edit, receiver) pair. */
  latencies: number[];
  expected: number;
  lost: number;
  /** Time from creating the clients until every one of them had synced. */
  connectMs: number;
  /** Server process CPU time (user + system) while its room was busy with measured edits, ms. */
  serverCpuMs: number | null;
  serverRssBytes: number | null;
  /** Wall time of the measured edits (first send to last delivery or drain), ms. */
  wallMs: number;
  /** Slowest delivery of each measured edit, ms (NaN if an edit was lost somewhere). */
  slowestPerEdit: number[];
  /** Our server's store commits during the measured edits (from /metrics). */
  commits: StoreCommits | null;
  /** Sockets of this room that closed during the round (each one reconnects by itself). */
  socketCloses: number;
}

export interface FanoutResult {
  options: FanoutOptions;
  servers: { name: string; detail: string }[];
  runs: FanoutRun[];
  /** Round trips of a raw `ws` echo across two processes, each after 50 ms idle (ms). */
  calibration: Distribution;
}

export interface StoreCommits {
  count: number;
  totalMs: number;
  /** Commits that took more than 10 ms. */
  over10ms: number;
}

/** The store-append histograms of our servers' /metrics (updates and their audit entries), summed. */
async function storeCommits(urls: readonly string[]): Promise<StoreCommits | null> {
  if (urls.length === 0) return null;
  const all = await Promise.all(urls.map(storeCommitsOf));
  if (all.some((c) => c === null)) return null;
  return all.reduce<StoreCommits>(
    (sum, c) => ({
      count: sum.count + (c?.count ?? 0),
      totalMs: sum.totalMs + (c?.totalMs ?? 0),
      over10ms: sum.over10ms + (c?.over10ms ?? 0),
    }),
    { count: 0, totalMs: 0, over10ms: 0 },
  );
}

async function storeCommitsOf(url: string): Promise<StoreCommits | null> {
  try {
    const text = await (await fetch(url)).text();
    const value = (name: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${name} `));
      return line ? Number(line.slice(name.length + 1)) : Number.NaN;
    };
    const count = value('civic_ledger_store_append_seconds_count');
    const within10 = value('civic_ledger_store_append_seconds_bucket{le="0.01"}');
    const total = value('civic_ledger_store_append_seconds_sum');
    if (![count, within10, total].every(Number.isFinite)) return null;
    return { count, totalMs: total * 1000, over10ms: count - within10 };
  } catch {
    return null;
  }
}

function commitsBetween(before: StoreCommits | null, after: StoreCommits | null): StoreCommits | null {
  if (!before || !after) return null;
  return {
    count: after.count - before.count,
    totalMs: after.totalMs - before.totalMs,
    over10ms: after.over10ms - before.over10ms,
  };
}

const FIELD = 'rectification';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/**
 * A ledger row as a committee enters it: a demo district row (valid for the ledger schema
 * and our server's change rules) with a new id, in the room's committee.
 */
export function ledgerRow(committeeId: string): Record<string, unknown> {
  const template = generateDemoDistrict({ seed: 20261124, today: '2026-11-24' }).rooms.find(
    (r) => r.table === 'ledger' && r.rows.length > 0,
  )?.rows[0];
  if (!template) throw new Error('no demo ledger row');
  return { ...template, id: newRowId(), committeeId, status: 'in_progress' };
}

/** CPU time (ms) and RSS (bytes) of a target's processes together. */
export function targetUsage(target: Target): { cpuMs: number; rssBytes: number } | null {
  let cpuMs = 0;
  let rssBytes = 0;
  for (const pid of target.pids) {
    const u = processUsage(pid);
    if (!u) return null;
    cpuMs += u.cpuMs;
    rssBytes += u.rssBytes;
  }
  return { cpuMs, rssBytes };
}

interface RoomUnderTest {
  target: Target;
  clients: { client: BenchClient; received: Float64Array }[];
  writerRow: Y.Map<unknown> | null;
  connectMs: number;
}

/** N clients of one server in a fresh room, all synced, the writer's row on every one of them. */
async function openRoom(target: Target, clientCount: number, total: number): Promise<RoomUnderTest> {
  const committeeId = `bench-${randomBytes(4).toString('hex')}`;
  const room = `ledger.${committeeId}`;
  const started = performance.now();
  const clients = Array.from({ length: clientCount }, (_, i) => ({
    client: openClient(target.kind, target.wsUrls[i % target.wsUrls.length] ?? '', room, target.params),
    received: new Float64Array(total).fill(Number.NaN),
  }));
  // Presence only for the writer: clients started together would renew theirs together
  // every 15 s, a burst of N² messages that real clients, joining at different times, never
  // make. The writer's own presence, echoed back, also keeps its socket from looking dead
  // to its provider (which reconnects after 30 s without a message).
  for (const c of clients.slice(1)) c.client.setPresence(null);
  clients[0]?.client.setPresence({ user: { name: 'bench writer' } });
  const under: RoomUnderTest = { target, clients, writerRow: null, connectMs: 0 };
  await waitUntil(
    () => clients.every((c) => c.client.synced()),
    60_000,
    `${clientCount} clients of ${target.name} to sync`,
  );
  under.connectMs = performance.now() - started;
  const [writer, ...receivers] = clients;
  if (!writer) throw new Error('no clients');
  const row = ledgerRow(committeeId);
  const rowId = String(row.id);
  writer.client.doc.getMap('rows').set(rowId, new Y.Map<unknown>(Object.entries(row)));
  await waitUntil(
    () => receivers.every((c) => c.client.doc.getMap('rows').has(rowId)),
    30_000,
    `the row to reach every client of ${target.name}`,
  );
  for (const receiver of receivers) {
    const received = receiver.client.doc.getMap('rows').get(rowId) as Y.Map<unknown>;
    receiver.client.doc.on('update', () => {
      const now = performance.now();
      const value = received.get(FIELD);
      if (typeof value !== 'string' || !value.startsWith('bench ')) return;
      const seq = Number(value.slice(6, value.indexOf('@')));
      const sentAt = Number(value.slice(value.indexOf('@') + 1));
      if (seq >= 0 && seq < total && Number.isNaN(receiver.received[seq]))
        receiver.received[seq] = now - sentAt;
    });
  }
  under.writerRow = writer.client.doc.getMap('rows').get(rowId) as Y.Map<unknown>;
  return under;
}

function closeRoom(under: RoomUnderTest): void {
  for (const c of under.clients) c.client.destroy();
}

/**
 * One round for one N: every server gets its own room of N clients, all open at once; the
 * writers take turns in blocks of `blockEdits` edits, so that every server sees the same
 * machine in the same stretch of time while only one room is busy at any moment.
 */
async function measureRound(
  targets: readonly Target[],
  clientCount: number,
  round: number,
  options: FanoutOptions,
): Promise<FanoutRun[]> {
  const total = options.warmup + options.messages;
  const rooms: RoomUnderTest[] = [];
  try {
    for (const target of targets) rooms.push(await openRoom(target, clientCount, total));
    await sleep(300);
    // The writers take turns in blocks: only one room is busy at a time (the clients of all
    // rooms share one process), and every server gets a slice of every few seconds.
    const interval = 1000 / options.rate;
    const schedule: number[] = [];
    const sent = rooms.map(() => 0);
    for (let block = 0; sent.some((n) => n < total); block++) {
      const i = block % rooms.length;
      const n = Math.min(options.blockEdits, total - (sent[i] ?? 0));
      for (let j = 0; j < n; j++) schedule.push(i);
      sent[i] = (sent[i] ?? 0) + n;
    }
    const commitsBefore: (StoreCommits | null)[] = rooms.map(() => null);
    // CPU is counted only while a server's own room is busy (its blocks of measured edits),
    // so that background work over the idle stretches does not land on its edits.
    const cpuMs = rooms.map(() => 0);
    const busy: { room: number; start: ReturnType<typeof targetUsage> }[] = [];
    const closeSegment = () => {
      const segment = busy.pop();
      if (!segment) return;
      const target = rooms[segment.room]?.target;
      const end = target ? targetUsage(target) : null;
      if (segment.start && end)
        cpuMs[segment.room] = (cpuMs[segment.room] ?? 0) + end.cpuMs - segment.start.cpuMs;
      else cpuMs[segment.room] = Number.NaN;
    };
    const seqs = rooms.map(() => 0);
    let measureStarted = Number.NaN;
    const started = performance.now();
    for (const [tick, i] of schedule.entries()) {
      const r = rooms[i];
      const seq = seqs[i] ?? 0;
      if (!r) continue;
      seqs[i] = seq + 1;
      if (seq === options.warmup) {
        commitsBefore[i] = await storeCommits(r.target.metricsUrls);
        if (Number.isNaN(measureStarted)) measureStarted = performance.now();
      }
      const wait = started + tick * interval - performance.now();
      if (wait > 0) await sleep(wait);
      if (busy[0]?.room !== i) {
        closeSegment();
        if (seq >= options.warmup) busy.push({ room: i, start: targetUsage(r.target) });
      }
      r.writerRow?.set(FIELD, `bench ${seq}@${performance.now()}`);
    }
    await sleep(interval);
    closeSegment();
    const allIn = () =>
      rooms.every((r) => r.clients.slice(1).every((c) => !Number.isNaN(c.received[total - 1])));
    const drainStarted = Date.now();
    while (!allIn() && Date.now() - drainStarted < options.drainMs) await sleep(5);
    const wallMs = performance.now() - measureStarted;
    const usageAfter = rooms.map((r) => targetUsage(r.target));
    const runs: FanoutRun[] = [];
    for (const [i, r] of rooms.entries()) {
      const receivers = r.clients.slice(1);
      const latencies: number[] = [];
      const slowestPerEdit: number[] = [];
      let lost = 0;
      for (let seq = options.warmup; seq < total; seq++) {
        slowestPerEdit.push(Math.max(...receivers.map((c) => c.received[seq] ?? Number.NaN)));
      }
      for (const receiver of receivers) {
        for (let seq = options.warmup; seq < total; seq++) {
          const latency = receiver.received[seq] ?? Number.NaN;
          if (Number.isNaN(latency)) lost++;
          else latencies.push(latency);
        }
      }
      const after = usageAfter[i];
      runs.push({
        server: r.target.name,
        clients: clientCount,
        round,
        latencies,
        expected: receivers.length * options.messages,
        lost,
        connectMs: r.connectMs,
        serverCpuMs: Number.isFinite(cpuMs[i]) ? (cpuMs[i] ?? null) : null,
        serverRssBytes: after?.rssBytes ?? null,
        wallMs,
        slowestPerEdit,
        commits: commitsBetween(commitsBefore[i] ?? null, await storeCommits(r.target.metricsUrls)),
        socketCloses: r.clients.reduce((n, c) => n + c.client.closes, 0),
      });
    }
    return runs;
  } finally {
    for (const r of rooms) closeRoom(r);
    await sleep(500);
  }
}

/**
 * The floor this machine puts under every figure: a 1-byte `ws` echo between this process
 * and a child, each after 50 ms idle as the edits are (a sleeping process wakes slowly).
 */
async function calibrate(samples = 100): Promise<Distribution> {
  const { fork } = await import('node:child_process');
  const child = killOnExit(
    fork(import.meta.filename, ['--echo-server'], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    }),
  );
  try {
    const port = await new Promise<number>((resolve) => child.once('message', (p) => resolve(Number(p))));
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const rtts: number[] = [];
    for (let i = 0; i < samples + 10; i++) {
      await sleep(50);
      const t = performance.now();
      await new Promise<void>((resolve) => {
        ws.once('message', () => resolve());
        ws.send(Buffer.from([i & 0xff]));
      });
      if (i >= 10) rtts.push(performance.now() - t);
    }
    ws.close();
    return distribution(rtts);
  } finally {
    child.kill();
  }
}

export async function runFanout(
  options: FanoutOptions = DEFAULT_FANOUT,
  progress: (line: string) => void = (line) => console.log(line),
): Promise<FanoutResult> {
  // Every WebsocketProvider adds a process 'exit' listener; hundreds of them are expected here.
  process.setMaxListeners(Math.max(process.getMaxListeners(), 5 * Math.max(...options.clientCounts) + 20));
  let running: Awaited<ReturnType<typeof startTargets>> | null = null;
  try {
    const calibration = await calibrate();
    progress(`fanout: raw ws echo round trip after 50 ms idle: p50 ${fmt(calibration.p50, 2)} ms`);
    running = await startTargets(options.servers);
    const targets = running.targets;
    // One unrecorded short round first, so that no server pays for JIT warm-up.
    const smallest = Math.min(...options.clientCounts);
    await measureRound(targets, smallest, 0, {
      ...options,
      warmup: 10,
      messages: Math.min(60, options.messages),
    });
    const runs: FanoutRun[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      for (const clientCount of options.clientCounts) {
        // Reverse the turn order every round, so that no server always edits first.
        const order = round % 2 === 1 ? targets : [...targets].reverse();
        for (const run of await measureRound(order, clientCount, round, options)) {
          runs.push(run);
          const d = distribution(run.latencies);
          progress(
            `fanout round ${round} ${run.server} N=${clientCount}: p50 ${fmt(d.p50, 2)} p99 ${fmt(d.p99, 2)} max ${fmt(d.max, 1)} ms, lost ${run.lost}/${run.expected}, server CPU ${fmt(run.serverCpuMs, 0)} ms`,
          );
        }
      }
    }
    return {
      options,
      servers: targets.map(({ name, detail }) => ({ name, detail })),
      runs,
      calibration,
    };
  } finally {
    await running?.stop();
  }
}

export interface FanoutSummary {
  server: string;
  clients: number;
  dist: Distribution;
  expected: number;
  lost: number;
  connectMs: number;
  serverCpuMsPerEdit: number | null;
  serverRssBytes: number | null;
  /** Edits whose slowest delivery took more than SLOW_EDIT_MS. */
  slowEdits: number;
  edits: number;
  /** Store commit time per measured edit, and commits over 10 ms (our servers only). */
  commitMsPerEdit: number | null;
  commitsOver10ms: number | null;
}

export const SLOW_EDIT_MS = 10;

/** Pools every round of each (server, N) pair. */
export function summarizeFanout(result: FanoutResult): FanoutSummary[] {
  const out: FanoutSummary[] = [];
  for (const clients of result.options.clientCounts) {
    for (const { name } of result.servers) {
      const runs = result.runs.filter((r) => r.server === name && r.clients === clients);
      const cpu = runs.map((r) => r.serverCpuMs);
      out.push({
        server: name,
        clients,
        dist: distribution(runs.flatMap((r) => r.latencies)),
        expected: runs.reduce((s, r) => s + r.expected, 0),
        lost: runs.reduce((s, r) => s + r.lost, 0),
        connectMs: Math.max(...runs.map((r) => r.connectMs)),
        serverCpuMsPerEdit: cpu.every((c) => c !== null)
          ? cpu.reduce((s: number, c) => s + (c ?? 0), 0) / (runs.length * result.options.messages)
          : null,
        serverRssBytes: Math.max(...runs.map((r) => r.serverRssBytes ?? 0)) || null,
        slowEdits: runs.reduce((s, r) => s + r.slowestPerEdit.filter((v) => !(v <= SLOW_EDIT_MS)).length, 0),
        edits: runs.reduce((s, r) => s + r.slowestPerEdit.length, 0),
        commitMsPerEdit: runs.every((r) => r.commits)
          ? runs.reduce((s, r) => s + (r.commits?.totalMs ?? 0), 0) / (runs.length * result.options.messages)
          : null,
        commitsOver10ms: runs.every((r) => r.commits)
          ? runs.reduce((s, r) => s + (r.commits?.over10ms ?? 0), 0)
          : null,
      });
    }
  }
  return out;
}

export function fanoutMarkdown(result: FanoutResult): string {
  const summary = summarizeFanout(result);
  const main = markdownTable(
    [
      'server',
      'clients',
      'samples',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'mean ms',
      'lost',
      `edits with a delivery > ${SLOW_EDIT_MS} ms`,
      'server CPU ms / edit',
      'store commits ms / edit (> 10 ms)',
      'server RSS MiB',
    ],
    summary.map((s) => [
      s.server,
      String(s.clients),
      String(s.dist.count),
      fmt(s.dist.p50, 2),
      fmt(s.dist.p95, 2),
      fmt(s.dist.p99, 2),
      fmt(s.dist.max, 1),
      fmt(s.dist.mean, 2),
      `${s.lost} / ${s.expected}`,
      `${s.slowEdits} / ${s.edits}`,
      fmt(s.serverCpuMsPerEdit, 2),
      s.commitMsPerEdit === null ? '—' : `${fmt(s.commitMsPerEdit, 2)} (${s.commitsOver10ms})`,
      s.serverRssBytes === null ? '—' : (s.serverRssBytes / 1024 ** 2).toFixed(0),
    ]),
  );
  const byRound = markdownTable(
    [
      'server',
      'clients',
      'round',
      'p50 ms',
      'p99 ms',
      'max ms',
      'lost',
      'sockets closed',
      'all synced after ms',
    ],
    result.runs.map((r) => {
      const d = distribution(r.latencies);
      return [
        r.server,
        String(r.clients),
        String(r.round),
        fmt(d.p50, 2),
        fmt(d.p99, 2),
        fmt(d.max, 1),
        String(r.lost),
        String(r.socketCloses),
        fmt(r.connectMs, 0),
      ];
    }),
  );
  const c = result.calibration;
  const floor = `Floor of this machine: a raw \`ws\` echo between two processes, after 50 ms idle, takes p50 ${fmt(c.p50, 2)} ms / p99 ${fmt(c.p99, 2)} ms per round trip (${c.count} samples).`;
  return `${main}\n\n${floor}\n\nEach run on its own (order as run):\n\n${byRound}`;
}

/** A short run for trying the script out (BENCH_QUICK=1): figures too few to quote. */
export const QUICK_FANOUT: FanoutOptions = {
  ...DEFAULT_FANOUT,
  rounds: 1,
  warmup: 5,
  messages: 40,
  drainMs: 2_000,
};

if (process.argv[2] === '--echo-server') {
  // Child of calibrate(): echoes every frame back.
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss.on('listening', () => process.send?.((wss.address() as { port: number }).port));
  wss.on('connection', (ws) => ws.on('message', (data) => ws.send(data)));
}
