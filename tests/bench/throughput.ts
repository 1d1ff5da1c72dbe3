// Sustained updates: many small rooms (500 rooms × 3 clients), one writer in each; the
// writers together send a stepped ramp of update rates (single-cell edits, round-robin
// over the rooms), and the other two clients of each room note when each edit arrives.
// For each server, alone on the machine in its turn, the highest step whose deliveries
// keep p99 ≤ 10 ms (none lost, the rate actually reached) is its sustained rate.
//
// `bench/run.ts` runs it and writes the figures into BENCHMARKS.md.
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { type BenchClient, openClient } from './bench-clients.ts';
import { ledgerRow, targetUsage } from './fanout.ts';
import { distribution, fmt, markdownTable } from './stats.ts';
import { startTargets, type Target, type TargetChoice } from './targets.ts';

export interface ThroughputOptions {
  rooms: number;
  clientsPerRoom: number;
  /** Total updates per second of each step, ascending. */
  rates: readonly number[];
  /** Seconds per step, of which the first `warmupSeconds` are not counted. */
  stepSeconds: number;
  warmupSeconds: number;
  /** A delivery not seen this long after its step ended is lost. */
  drainMs: number;
  /** Delivery p99 a step must keep to count as sustained. */
  p99LimitMs: number;
  servers: TargetChoice;
}

export const DEFAULT_THROUGHPUT: ThroughputOptions = {
  rooms: 500,
  clientsPerRoom: 3,
  rates: [100, 250, 500, 750, 1000, 1500, 2000, 3000, 4000],
  stepSeconds: 10,
  warmupSeconds: 2,
  drainMs: 2_000,
  p99LimitMs: 10,
  servers: { layout: 'single', reference: true, hocuspocus: true, memoryStore: false },
};

export const TWO_INSTANCE_THROUGHPUT: ThroughputOptions = {
  ...DEFAULT_THROUGHPUT,
  rates: [100, 250, 500, 750, 1000, 1500, 2000],
  stepSeconds: 8,
  servers: { layout: 'two-instances', reference: false, hocuspocus: true, memoryStore: false },
};

export const QUICK_THROUGHPUT: ThroughputOptions = {
  ...DEFAULT_THROUGHPUT,
  rooms: 40,
  rates: [50, 150, 400],
  stepSeconds: 3,
  warmupSeconds: 1,
};

export interface ThroughputStep {
  rate: number;
  /** Edits sent in the counted part of the step, per second. */
  achievedRate: number;
  deliveries: number;
  lost: number;
  p50: number;
  p99: number;
  max: number;
  /** CPU of the server process(es) and of the benchmark's own process, in % of one core. */
  serverCpuPercent: number | null;
  clientCpuPercent: number;
  serverRssBytes: number | null;
  passed: boolean;
}

export interface ThroughputRun {
  server: string;
  connectMs: number;
  steps: ThroughputStep[];
  /** Highest step rate that passed (0 if none); the ramp ends after two failed steps in a row. */
  sustained: number;
  socketCloses: number;
}

export interface ThroughputResult {
  options: ThroughputOptions;
  servers: { name: string; detail: string }[];
  runs: ThroughputRun[];
}

const FIELD = 'rectification';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

interface BenchRoom {
  clients: BenchClient[];
  row: Y.Map<unknown>;
}

/** Where every edit's deliveries are noted: send time, and arrival at each receiver. */
class Ledger {
  sentAt: number[] = [];
  arrivals: number[][] = [];
  note(seq: number, arrivedAt: number): void {
    const sent = this.sentAt[seq];
    if (sent === undefined) return;
    const list = this.arrivals[seq];
    if (list) list.push(arrivedAt - sent);
    else this.arrivals[seq] = [arrivedAt - sent];
  }
}

async function openRooms(target: Target, options: ThroughputOptions, ledger: Ledger): Promise<BenchRoom[]> {
  const rooms: BenchRoom[] = [];
  const batch = 25;
  for (let first = 0; first < options.rooms; first += batch) {
    const opened: { clients: BenchClient[]; committeeId: string }[] = [];
    for (let r = first; r < Math.min(options.rooms, first + batch); r++) {
      const committeeId = `tp-${randomBytes(5).toString('hex')}`;
      const clients = Array.from({ length: options.clientsPerRoom }, (_, j) =>
        openClient(
          target.kind,
          target.wsUrls[(r + j) % target.wsUrls.length] ?? '',
          `ledger.${committeeId}`,
          target.params,
        ),
      );
      // The writer's presence keeps every socket of the room busy enough not to look dead.
      for (const [j, c] of clients.entries()) c.setPresence(j === 0 ? { user: { name: 'writer' } } : null);
      opened.push({ clients, committeeId });
    }
    await waitUntil(
      () => opened.every((o) => o.clients.every((c) => c.synced())),
      120_000,
      `rooms ${first}.. of ${target.name} to sync`,
    );
    for (const { clients, committeeId } of opened) {
      const [writer, ...receivers] = clients;
      if (!writer) throw new Error('no writer');
      const values = ledgerRow(committeeId);
      const rowId = String(values.id);
      writer.doc.getMap('rows').set(rowId, new Y.Map<unknown>(Object.entries(values)));
      rooms.push({ clients, row: writer.doc.getMap('rows').get(rowId) as Y.Map<unknown> });
      for (const receiver of receivers) {
        const rows = receiver.doc.getMap('rows');
        receiver.doc.on('update', () => {
          const now = performance.now();
          const value = (rows.get(rowId) as Y.Map<unknown> | undefined)?.get(FIELD);
          if (typeof value !== 'string' || !value.startsWith('tp ')) return;
          ledger.note(Number(value.slice(3)), now);
        });
      }
    }
  }
  await waitUntil(
    () => rooms.every((r) => r.clients.every((c) => c.doc.getMap('rows').size === 1)),
    120_000,
    `rows to reach every client of ${target.name}`,
  );
  return rooms;
}

async function runStep(
  target: Target,
  rooms: BenchRoom[],
  ledger: Ledger,
  rate: number,
  options: ThroughputOptions,
): Promise<ThroughputStep> {
  const receivers = options.clientsPerRoom - 1;
  const started = performance.now();
  const countFrom = started + options.warmupSeconds * 1000;
  const ends = started + options.stepSeconds * 1000;
  let sent = 0;
  let firstCounted = -1;
  let lastCounted = -1;
  let counting = false;
  let usage0 = null as ReturnType<typeof targetUsage>;
  let cpu0 = process.cpuUsage();
  let countStarted = 0;
  while (performance.now() < ends) {
    const now = performance.now();
    if (!counting && now >= countFrom) {
      counting = true;
      usage0 = targetUsage(target);
      cpu0 = process.cpuUsage();
      countStarted = now;
      firstCounted = ledger.sentAt.length;
    }
    const due = Math.floor(((now - started) / 1000) * rate) - sent;
    for (let i = 0; i < due; i++) {
      const seq = ledger.sentAt.length;
      const room = rooms[(seq + i) % rooms.length];
      ledger.sentAt.push(performance.now());
      room?.row.set(FIELD, `tp ${seq}`);
      sent++;
    }
    if (counting) lastCounted = ledger.sentAt.length;
    await sleep(2);
  }
  const countedMs = performance.now() - countStarted;
  const usage1 = targetUsage(target);
  const cpu1 = process.cpuUsage(cpu0);
  const drainStarted = Date.now();
  const complete = () => {
    for (let seq = firstCounted; seq < lastCounted; seq++)
      if ((ledger.arrivals[seq]?.length ?? 0) < receivers) return false;
    return true;
  };
  while (!complete() && Date.now() - drainStarted < options.drainMs) await sleep(10);
  const latencies: number[] = [];
  let lost = 0;
  for (let seq = firstCounted; seq < lastCounted; seq++) {
    const got = ledger.arrivals[seq] ?? [];
    latencies.push(...got);
    lost += Math.max(0, receivers - got.length);
  }
  const d = distribution(latencies);
  const edits = Math.max(0, lastCounted - firstCounted);
  const achievedRate = edits / (countedMs / 1000);
  const serverCpuPercent = usage0 && usage1 ? ((usage1.cpuMs - usage0.cpuMs) / countedMs) * 100 : null;
  const clientCpuPercent = ((cpu1.user + cpu1.system) / 1000 / countedMs) * 100;
  // Lost deliveries count as slower than any limit.
  const p99WithLost = lost > 0 && lost >= latencies.length * 0.01 ? Number.POSITIVE_INFINITY : d.p99;
  return {
    rate,
    achievedRate,
    deliveries: latencies.length,
    lost,
    p50: d.p50,
    p99: d.p99,
    max: d.max,
    serverCpuPercent,
    clientCpuPercent,
    serverRssBytes: usage1?.rssBytes ?? null,
    passed: p99WithLost <= options.p99LimitMs && lost === 0 && achievedRate >= rate * 0.95,
  };
}

async function measureServer(
  target: Target,
  options: ThroughputOptions,
  progress: (line: string) => void,
): Promise<ThroughputRun> {
  const ledger = new Ledger();
  const connectStarted = performance.now();
  const rooms = await openRooms(target, options, ledger);
  const connectMs = performance.now() - connectStarted;
  progress(
    `throughput ${target.name}: ${rooms.length} rooms × ${options.clientsPerRoom} clients synced in ${fmt(connectMs / 1000, 1)} s`,
  );
  const steps: ThroughputStep[] = [];
  try {
    await sleep(1000);
    // An unrecorded step at the lowest rate first, so that no figure pays for warm-up.
    await runStep(target, rooms, ledger, options.rates[0] ?? 100, { ...options, stepSeconds: 3 });
    let failures = 0;
    for (const rate of options.rates) {
      const step = await runStep(target, rooms, ledger, rate, options);
      steps.push(step);
      progress(
        `throughput ${target.name} ${rate}/s: reached ${fmt(step.achievedRate, 0)}/s, p50 ${fmt(step.p50, 2)} p99 ${fmt(step.p99, 2)} max ${fmt(step.max, 1)} ms, lost ${step.lost}, server CPU ${fmt(step.serverCpuPercent, 0)} %, bench CPU ${fmt(step.clientCpuPercent, 0)} %${step.passed ? '' : ' — over the limit'}`,
      );
      // Two failed steps in a row end the ramp (one may be a hiccup of the shared machine).
      failures = step.passed ? 0 : failures + 1;
      if (failures >= 2) break;
      await sleep(500);
    }
  } catch (err) {
    // Keep the steps measured so far; the table says where the ramp stopped.
    progress(`throughput ${target.name}: stopped: ${err instanceof Error ? err.message : String(err)}`);
  }
  const socketCloses = rooms.reduce((n, r) => n + r.clients.reduce((m, c) => m + c.closes, 0), 0);
  for (const r of rooms) for (const c of r.clients) c.destroy();
  await sleep(1000);
  return {
    server: target.name,
    connectMs,
    steps,
    sustained: Math.max(0, ...steps.filter((s) => s.passed).map((s) => s.rate)),
    socketCloses,
  };
}

export async function runThroughput(
  options: ThroughputOptions = DEFAULT_THROUGHPUT,
  progress: (line: string) => void = (line) => console.log(line),
): Promise<ThroughputResult> {
  process.setMaxListeners(
    Math.max(process.getMaxListeners(), 2 * options.rooms * options.clientsPerRoom + 20),
  );
  const running = await startTargets(options.servers);
  try {
    const runs: ThroughputRun[] = [];
    // One server at a time: the others sit idle with no rooms open.
    for (const target of running.targets) runs.push(await measureServer(target, options, progress));
    return {
      options,
      servers: running.targets.map(({ name, detail }) => ({ name, detail })),
      runs,
    };
  } finally {
    await running.stop();
  }
}

export function throughputMarkdown(result: ThroughputResult): string {
  const o = result.options;
  const summary = markdownTable(
    [
      'server',
      `sustained updates/s with p99 ≤ ${o.p99LimitMs} ms`,
      'rooms × clients synced after s',
      'sockets closed',
    ],
    result.runs.map((r) => [
      r.server,
      r.sustained > 0 ? String(r.sustained) : `< ${o.rates[0]}`,
      fmt(r.connectMs / 1000, 1),
      String(r.socketCloses),
    ]),
  );
  const steps = markdownTable(
    [
      'server',
      'target /s',
      'reached /s',
      'deliveries',
      'lost',
      'p50 ms',
      'p99 ms',
      'max ms',
      'server CPU %',
      'bench process CPU %',
      'server RSS MiB',
      `p99 ≤ ${o.p99LimitMs} ms`,
    ],
    result.runs.flatMap((r) =>
      r.steps.map((s) => [
        r.server,
        String(s.rate),
        fmt(s.achievedRate, 0),
        String(s.deliveries),
        String(s.lost),
        fmt(s.p50, 2),
        fmt(s.p99, 2),
        fmt(s.max, 1),
        fmt(s.serverCpuPercent, 0),
        fmt(s.clientCpuPercent, 0),
        s.serverRssBytes === null ? '—' : (s.serverRssBytes / 1024 ** 2).toFixed(0),
        s.passed ? 'yes' : 'no',
      ]),
    ),
  );
  return `${summary}\n\nEvery step:\n\n${steps}`;
}
