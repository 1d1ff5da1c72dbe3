// Runs the server benchmarks and writes their figures into BENCHMARKS.md at the repository
// root (`corepack pnpm bench`, every part). Options (after `--`):
//   --parts fanout,throughput,memory,cold-load,redis,merge,client-size   only these parts
//   --quick                                              a short trial run (also BENCH_QUICK=1)
// A run with --parts or --quick writes bench-results/BENCHMARKS.partial.md (or .quick.md)
// instead, so that BENCHMARKS.md always holds one whole run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestPostgres } from '../support/embedded-postgres.ts';
import {
  clientSizeMarkdown,
  DEFAULT_CLIENT_SIZE,
  QUICK_CLIENT_SIZE,
  runClientSize,
  writeClientSizeSection,
} from './client-size.ts';
import {
  type ColdLoadResult,
  coldLoadMarkdown,
  DEFAULT_COLD_LOAD,
  QUICK_COLD_LOAD,
  runColdLoad,
} from './cold-load.ts';
import {
  DEFAULT_FANOUT,
  type FanoutResult,
  fanoutMarkdown,
  QUICK_FANOUT,
  runFanout,
  SLOW_EDIT_MS,
  summarizeFanout,
  TWO_INSTANCE_FANOUT,
} from './fanout.ts';
import { DEFAULT_MERGE, type MergeResult, mergeMarkdown, QUICK_MERGE, runMerge } from './merge.ts';
import {
  DEFAULT_ROOM_MEMORY,
  QUICK_ROOM_MEMORY,
  type RoomMemoryResult,
  roomMemoryMarkdown,
  runRoomMemory,
} from './room-memory.ts';
import { fmt, machineInfo, median, mib } from './stats.ts';
import {
  DEFAULT_THROUGHPUT,
  QUICK_THROUGHPUT,
  runThroughput,
  type ThroughputResult,
  TWO_INSTANCE_THROUGHPUT,
  throughputMarkdown,
} from './throughput.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PARTS = ['fanout', 'throughput', 'memory', 'cold-load', 'redis', 'merge', 'client-size'] as const;
type Part = (typeof PARTS)[number];

function parseArgs(argv: readonly string[]): { quick: boolean; parts: Part[]; partial: boolean } {
  let quick = Boolean(process.env.BENCH_QUICK);
  let parts: Part[] = [...PARTS];
  let partial = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') quick = true;
    else if (arg === '--parts' || arg?.startsWith('--parts=')) {
      const list = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (argv[++i] ?? '');
      const wanted = list.split(',').filter(Boolean);
      const unknown = wanted.filter((p) => !(PARTS as readonly string[]).includes(p));
      if (unknown.length > 0)
        throw new Error(`unknown part(s) ${unknown.join(', ')}; parts: ${PARTS.join(', ')}`);
      parts = wanted as Part[];
      partial = true;
    } else if (arg !== '--')
      throw new Error(`unknown option ${arg}; use --parts ${PARTS.join(',')} and/or --quick`);
  }
  return { quick, parts, partial };
}

const { quick, parts, partial } = parseArgs(process.argv.slice(2));

function git(args: string[]): string {
  try {
    return execFileSync('git', args, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return '';
  }
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
}

function ratio(a: number, b: number): string {
  return `${fmt(a / b, 2)}×`;
}

function fanoutReading(result: FanoutResult, oursName = 'civic-ledger', ...peers: string[]): string[] {
  const summary = summarizeFanout(result);
  const names = peers.length > 0 ? peers : ['y-websocket@2.1.0', 'Hocuspocus 4.7'];
  const lines: string[] = [];
  for (const clients of result.options.clientCounts) {
    const ours = summary.find((s) => s.clients === clients && s.server === oursName);
    if (!ours) continue;
    const others = names
      .map((name) => summary.find((s) => s.clients === clients && s.server === name))
      .filter((x) => x !== undefined);
    const memory = summary.find((s) => s.clients === clients && s.server.includes('in memory'));
    let line =
      `- ${clients} clients: ours p50 ${fmt(ours.dist.p50, 2)} / p99 ${fmt(ours.dist.p99, 2)} ms, ${ours.slowEdits} of ${ours.edits} edits with a delivery over ${SLOW_EDIT_MS} ms, ` +
      `${fmt(ours.serverCpuMsPerEdit, 2)} ms of server CPU per edit`;
    for (const o of others) {
      line += `; ${o.server} p50 ${fmt(o.dist.p50, 2)} (${ratio(ours.dist.p50, o.dist.p50)}) / p99 ${fmt(o.dist.p99, 2)} ms (${ratio(ours.dist.p99, o.dist.p99)}), ${o.slowEdits} slow, ${fmt(o.serverCpuMsPerEdit, 2)} ms CPU`;
    }
    line += '.';
    if (memory) {
      line += ` With rooms in memory our server spends ${fmt(memory.serverCpuMsPerEdit, 2)} ms of CPU per edit (p50 ${fmt(memory.dist.p50, 2)}, p99 ${fmt(memory.dist.p99, 2)} ms).`;
    }
    lines.push(line);
  }
  const lost = summary.reduce((s, x) => s + x.lost, 0);
  lines.push(
    lost === 0
      ? '- No delivery was lost on any server.'
      : `- ${lost} deliveries were lost in all (see the table): worth a look.`,
  );
  return lines;
}

function coldLoadReading(result: ColdLoadResult): string[] {
  const lines: string[] = [];
  const med = (
    rows: number,
    variant: string,
    mode: string,
    pick: 'loadMs' | 'settledMs' | 'heapBytes' | 'compactWriteMs' | 'encodeMs',
  ) => {
    const f = result.inProcess.find((x) => x.rows === rows && x.variant === variant && x.mode === mode);
    return f ? median(f.results.map((r) => r[pick])) : Number.NaN;
  };
  for (const rows of result.options.sizes) {
    const ours = med(rows, 'snapshot', 'ours', 'loadMs');
    const apply = med(rows, 'snapshot', 'apply', 'loadMs');
    const hocus = med(rows, 'snapshot', 'hocuspocus', 'loadMs');
    const heap = med(rows, 'snapshot', 'ours', 'heapBytes');
    const logLoad = med(rows, 'snapshot+log', 'ours', 'loadMs');
    const logApply = med(rows, 'snapshot+log', 'apply', 'loadMs');
    const logHocus = med(rows, 'snapshot+log', 'hocuspocus', 'loadMs');
    const compactWrite = med(rows, 'snapshot+log', 'ours', 'compactWriteMs');
    const encode = med(rows, 'snapshot', 'ours', 'encodeMs');
    const logEntries = result.datasets.find(
      (d) => d.rows === rows && d.variant === 'snapshot+log',
    )?.logEntries;
    lines.push(
      `- ${rows} rows from a snapshot: ${fmt(ours, 0)} ms, against ${fmt(apply, 0)} ms for bare \`Y.applyUpdate\` (${ratio(ours, apply)}) and ${fmt(hocus, 0)} ms for Hocuspocus (${ratio(ours, hocus)}); ` +
        `the loaded room holds ${mib(heap, 0)} MiB of heap, ${fmt(heap / rows / 1024, 1)} KiB a row; encoding it whole takes ${fmt(encode, 0)} ms. ` +
        `With ${logEntries ?? '?'} updates in the log: ${fmt(logLoad, 0)} ms (bare apply ${fmt(logApply, 0)} ms, Hocuspocus with the merged blob ${fmt(logHocus, 0)} ms), ` +
        `which includes the compaction that such a log sets off at once (its SQLite write: ${fmt(compactWrite, 0)} ms).`,
    );
    for (const variant of ['snapshot', 'snapshot+log']) {
      const ourE2e = result.endToEnd.find(
        (f) => f.rows === rows && f.variant === variant && f.server === 'civic-ledger',
      );
      const hocE2e = result.endToEnd.find(
        (f) => f.rows === rows && f.variant === variant && f.server === 'hocuspocus',
      );
      if (!ourE2e || !hocE2e) continue;
      lines.push(
        `- ${rows} rows (${variant}), end to end: the first client is synced after ${fmt(median(ourE2e.coldMs), 0)} ms (Hocuspocus ${fmt(median(hocE2e.coldMs), 0)} ms), ` +
          `a second one after ${fmt(median(ourE2e.warmMs), 0)} ms (Hocuspocus ${fmt(median(hocE2e.warmMs), 0)} ms); ` +
          `the first edit reaches the other client after ${fmt(median(ourE2e.firstEditMs), 0)} ms (Hocuspocus ${fmt(median(hocE2e.firstEditMs), 0)} ms), ` +
          `and our server's RSS goes from ${mib(median(ourE2e.rssLoadedBytes), 0)} to ${mib(median(ourE2e.rssEditedBytes), 0)} MiB with it.`,
      );
    }
  }
  return lines;
}

function throughputReading(result: ThroughputResult): string[] {
  const lines = result.runs.map((r) => {
    const last = r.steps.at(-1);
    const stop =
      last && !last.passed
        ? ` (at ${last.rate}/s: p99 ${fmt(last.p99, 1)} ms, ${last.lost} lost, ${fmt(last.achievedRate, 0)}/s reached, server CPU ${fmt(last.serverCpuPercent, 0)} %, benchmark process ${fmt(last.clientCpuPercent, 0)} %)`
        : ' (the highest step tried)';
    return `- ${r.server}: ${r.sustained > 0 ? `${r.sustained} updates/s` : `under ${result.options.rates[0]} updates/s`} with p99 ≤ ${result.options.p99LimitMs} ms${stop}.`;
  });
  return lines;
}

function memoryReading(result: RoomMemoryResult): string[] {
  return result.runs.map((r) => {
    const rss =
      r.rssAfterBytes !== null && r.rssBeforeBytes !== null
        ? (r.rssAfterBytes - r.rssBeforeBytes) / r.rooms / 1024
        : Number.NaN;
    const heap =
      r.heapAfterBytes !== null && r.heapBeforeBytes !== null
        ? (r.heapAfterBytes - r.heapBeforeBytes) / r.rooms / 1024
        : Number.NaN;
    return `- ${r.server}: ${fmt(rss, 0)} KiB of RSS a loaded room${Number.isFinite(heap) ? ` (${fmt(heap, 0)} KiB of V8 heap)` : ''}.`;
  });
}

const started = Date.now();
const machine = machineInfo();
const head = git(['rev-parse', '--short', 'HEAD']);
const dirty = git(['status', '--porcelain', '--', 'server', 'shared']) !== '';
const loads: string[] = [`before ${loadAverage()}`];
const has = (part: Part) => parts.includes(part);
const after = (part: string) => loads.push(`after ${part} ${loadAverage()}`);

// The two-instance part needs a PostgreSQL: TEST_DATABASE_URL, or one from npm for this run.
const postgres =
  has('redis') && !process.env.TEST_DATABASE_URL ? await startTestPostgres({ durable: true }) : null;
if (postgres) process.env.TEST_DATABASE_URL = postgres.url;

const fanout = has('fanout') ? await runFanout(quick ? QUICK_FANOUT : DEFAULT_FANOUT) : null;
if (fanout) after('fan-out');
const throughput = has('throughput')
  ? await runThroughput(quick ? QUICK_THROUGHPUT : DEFAULT_THROUGHPUT)
  : null;
if (throughput) after('sustained rate');
const memory = has('memory') ? await runRoomMemory(quick ? QUICK_ROOM_MEMORY : DEFAULT_ROOM_MEMORY) : null;
if (memory) after('memory');
const coldLoad = has('cold-load') ? await runColdLoad(quick ? QUICK_COLD_LOAD : DEFAULT_COLD_LOAD) : null;
if (coldLoad) after('cold load');
const redisFanout = has('redis')
  ? await runFanout(
      quick
        ? {
            ...TWO_INSTANCE_FANOUT,
            ...QUICK_FANOUT,
            clientCounts: [20],
            servers: TWO_INSTANCE_FANOUT.servers,
          }
        : TWO_INSTANCE_FANOUT,
    )
  : null;
const redisThroughput = has('redis')
  ? await runThroughput(
      quick ? { ...QUICK_THROUGHPUT, servers: TWO_INSTANCE_THROUGHPUT.servers } : TWO_INSTANCE_THROUGHPUT,
    )
  : null;
if (redisThroughput) after('two instances');
await postgres?.stop();
const merge: MergeResult | null = has('merge') ? await runMerge(quick ? QUICK_MERGE : DEFAULT_MERGE) : null;
if (merge) after('merge');
// The browser client's size and time to interactive, before and after: a section of its own.
const clientSize = has('client-size')
  ? await runClientSize(quick ? QUICK_CLIENT_SIZE : DEFAULT_CLIENT_SIZE)
  : null;
if (clientSize) after('client size');
const minutes = (Date.now() - started) / 60_000;

const fanoutMethod = (
  f: FanoutResult,
) => `For each server, one room of N clients (the official \`y-websocket\` client over
the \`ws\` package with \`disableBc: true\`; for Hocuspocus its own \`@hocuspocus/provider\`;
presence only for the writer: clients started at the same moment would renew their
awareness together every 15 s, a burst of N² messages that real clients never make); the
rooms of all servers are open at the same time. Once all clients are synced, one client
per room adds a ledger row, then sets one cell of it ${f.options.rate} times a second, the value
carrying \`performance.now()\` at sending. The writers take turns in blocks of ${f.options.blockEdits} edits
(${f.options.blockEdits / f.options.rate} s), so that only one room is busy at a time (all clients share one process) and
every server sees the same machine in the same stretch of time; the order of turns is
reversed every round. Every other client notes when the change reaches its document (its
\`update\` event). Latency is over every (edit, receiver) pair; the first ${f.options.warmup} edits of a
round are not counted, nor is one short unrecorded round before the first. ${f.options.rounds} rounds per
N, of ${f.options.messages} measured edits per server each, in fresh rooms; the table pools them. A delivery
not seen ${f.options.drainMs / 1000} s after the last edit is lost. Server CPU is user + system time of the
server process(es) while its own room was busy with measured edits (/proc, 10 ms ticks).

Servers:

${f.servers.map((x) => `- **${x.name}**: ${x.detail}`).join('\n')}

${fanoutMarkdown(f)}`;

const blocks: string[] = [];
if (fanout) {
  blocks.push(`## Fan-out latency

${fanoutMethod(fanout)}

All receivers live in one Node process on the same ${machine.cpus} CPUs as the servers, so a
figure includes the time that process takes to go through up to ${Math.max(...fanout.options.clientCounts) - 1} sockets
before it reaches the last one: with 100 or more clients that, not the server, sets most of the p50.`);
}
if (throughput) {
  const o = throughput.options;
  blocks.push(`## Sustained updates: ${o.rooms} rooms × ${o.clientsPerRoom} clients

${o.rooms} rooms of ${o.clientsPerRoom} clients each (same clients as above; the first client of a room
writes, with presence; the others only receive). One server at a time, alone with its
rooms: once all are synced, the writers together send single-cell edits at a stepped rate
(${o.rates.join(', ')} updates/s; round-robin over the rooms, so each room gets 1/${o.rooms} of it),
${o.stepSeconds} s per step of which the first ${o.warmupSeconds} s are not counted. A step passes when the p99 of
its deliveries (edit sent → change in a receiver's document) is at most ${o.p99LimitMs} ms, none is
lost (${o.drainMs / 1000} s of grace after the step) and the benchmark really sent at least 95 % of the
rate; the ramp stops at the first step that fails. Server CPU is that of the server
process(es) over the counted part of the step; the benchmark's own process (all
${o.rooms * o.clientsPerRoom} clients) shares the same ${machine.cpus} CPUs, and its CPU is shown beside.

${throughput.servers.map((x) => `- **${x.name}**: ${x.detail}`).join('\n')}

${throughputMarkdown(throughput)}`);
}
if (memory) {
  blocks.push(`## Server memory per loaded room

Each server loads ${memory.options.rooms} rooms of the demo district's size (${memory.rowsPerRoom} ledger rows: the largest
committee ledger the demo seeds, entered through a client), each kept loaded by one
connected client (without one the reference server and Hocuspocus unload a room, and ours
after \`ROOM_IDLE_MS\`). After one warm-up room, the growth of the server process's resident
memory (from /proc) and, for ours, of its V8 heap (from \`/metrics\`), ${memory.options.settleSeconds} s after the last
room was loaded, divided by the number of rooms. It includes each room's one connection.

${memory.servers.map((x) => `- **${x.name}**: ${x.detail}`).join('\n')}

${roomMemoryMarkdown(memory)}`);
}
if (coldLoad) {
  blocks.push(`## Cold load of a ledger room from SQLite

Ledger rooms of ${coldLoad.options.sizes.join(' and ')} rows (\`tests/bench/ledger-data.ts\`): rows
entered with the shared table model (\`insertRow\`, validated by the ledger schema) from
demo-district values, 25 rows per transaction by 32 different clients; then 30 % of the
rows edited (status, assignee) by other clients, as a room fills over months. Stored
through the server's \`SqliteStore\` as one snapshot, or as that snapshot plus a log of
${coldLoad.options.logUpdates} single-cell updates (16 clients). The SQLite files were just written,
so they are in the OS page cache: this is the cost of a room cold in the process, not of a
cold disk.

Peers: **Hocuspocus 4.7** (\`@hocuspocus/server\` + \`@hocuspocus/extension-sqlite\`, which
declare Node 22 and run on Node 20) keeps one blob per document, so it is given the same
content as one merged state (for the log variant: snapshot and log merged). The reference
y-websocket server has no SQLite store; its place is taken by the lower bound: bare
\`Y.applyUpdate\` of exactly the bytes our store holds, into a fresh \`Y.Doc\`, in the same
kind of process. Every measurement starts from a fresh copy of the store (a load may
compact the log into the snapshot).

${coldLoadMarkdown(coldLoad)}`);
}
if (redisFanout || redisThroughput) {
  const parts2: string[] = [
    `## Two instances over Redis

Two processes of each server, sharing their store and one private \`redis-server\`; the
clients of every room are split between the two instances (client i of a room connects to
instance i mod 2; the writer and half the receivers on one, the other half on the other),
so every edit reaches half its receivers through Redis. The reference y-websocket server
has no way to run as several instances sharing rooms (its rooms live in one process's
memory), so it has no place here; y-redis, its scaling companion, cannot be installed on
this machine.`,
  ];
  if (redisFanout)
    parts2.push(`### Fan-out, clients split across the two instances

${fanoutMethod(redisFanout)}`);
  if (redisThroughput) {
    const o = redisThroughput.options;
    parts2.push(`### Sustained updates, ${o.rooms} rooms × ${o.clientsPerRoom} clients across the two instances

As above (${o.stepSeconds} s steps of ${o.rates.join(', ')} updates/s), each room's clients split between the instances.

${redisThroughput.servers.map((x) => `- **${x.name}**: ${x.detail}`).join('\n')}

${throughputMarkdown(redisThroughput)}`);
  }
  blocks.push(parts2.join('\n\n'));
}

if (merge) {
  blocks.push(`## Offline merge: ${merge.options.edits} edits in one update

A client syncs a ledger room of ${merge.options.rows} rows (demo-district values), goes offline, makes
${merge.options.edits} cell edits (\`setCell\`, one transaction each: every row's rectification, description,
re-check date and deadline in turn) and reconnects; its sync step 2 carries them all. Timed from
\`provider.connect()\` until a second client in the room has every edit, on our server and on the
reference y-websocket server (in memory, no checks), taking turns, each round in a fresh room. Then
the same update is taken apart in process on our server's own functions.

${mergeMarkdown(merge)}`);
}

const reading: string[] = [];
if (merge) {
  const ours = merge.servers.find((x) => x.name === 'civic-ledger');
  const ref = merge.servers.find((x) => x.name === 'y-websocket@2.1.0');
  if (ours && ref)
    reading.push(
      'Offline merge:',
      '',
      `- ${merge.options.edits} edits (${fmt(merge.updateBytes / 1024, 0)} KiB) converge in ${fmt(median(ours.convergeMs), 0)} ms on ours and ${fmt(median(ref.convergeMs), 0)} ms on the reference server (${ratio(median(ours.convergeMs), median(ref.convergeMs))}); the rules guard takes ${fmt(median(merge.steps.guard), 0)} ms of it in process.`,
      '',
    );
}
if (fanout) reading.push('Fan-out:', '', ...fanoutReading(fanout), '');
if (throughput)
  reading.push(
    `Sustained updates (${throughput.options.rooms} rooms × ${throughput.options.clientsPerRoom} clients):`,
    '',
    ...throughputReading(throughput),
    '',
  );
if (memory) reading.push('Memory per loaded room:', '', ...memoryReading(memory), '');
if (coldLoad) reading.push('Cold load:', '', ...coldLoadReading(coldLoad), '');
if (redisFanout)
  reading.push(
    'Two instances over Redis, fan-out:',
    '',
    ...fanoutReading(redisFanout, 'civic-ledger × 2', 'Hocuspocus 4.7 × 2'),
    '',
  );
if (redisThroughput)
  reading.push('Two instances over Redis, sustained updates:', '', ...throughputReading(redisThroughput), '');

const section = `<!-- server-bench:start -->
Sections up to the next marker are written by \`corepack pnpm bench\` (\`tests/bench/run.ts\`,
server side: fan-out, sustained updates, memory per room, cold load, two instances over
Redis, offline merge); run it again to refresh them. Other sections keep their own scripts' figures.${quick ? '\n\n**Quick trial run (--quick): too few samples to quote.**' : ''}

## Machine and run

| | |
|---|---|
| date | ${machine.date} |
| CPUs (\`nproc\`) | ${machine.cpus} × ${machine.cpuModel} |
| memory | ${machine.memoryGiB} GiB |
| Node | ${machine.node} |
| OS | ${machine.platform} |
| code | ${head || 'no commit'}${dirty ? ' with uncommitted changes in server/ or shared/' : ''} |
| parts | ${parts.join(', ')} |
| load average (1 / 5 / 15 min) | ${loads.join('; ')} |
| duration | ${fmt(minutes, 1)} min |

Every server runs in its own process on 127.0.0.1; the clients run in the benchmark's
process. A load average well above the CPU count means other work shared the machine:
the figures of such a run are noisier (in the fan-out the servers were interleaved so that
they share it alike).

${blocks.join('\n\n')}

## Reading

${reading.join('\n')}
What the figures include, and what not:

- **Persistence.** Our server appends every accepted batch of updates to SQLite together
  with its audit entries and commits them in one transaction (WAL, \`synchronous=FULL\`),
  just after the update has been sent to the other clients. The commits run on a thread of
  their own, so the fsync never holds the event loop, and batches of several rooms that
  arrive during one commit go into the next one together (one fsync for all of them). A
  confirmation (\`[100, id]\`) is answered only after that commit. The reference
  server keeps rooms in memory only; Hocuspocus stores a document 2 s after its last
  change. The "store commits" column is the time from handing a batch to the store until
  it is committed (waiting for the thread included), from the server's own \`/metrics\`
  histogram. The "rooms in memory" rows run
  the same server code with rooms and audit trail kept in memory, to show the share of
  persistence.
- **The update guard.** Our server decodes and checks every update (structure, then the
  change rules) before applying it. An update that only sets or deletes fields of existing
  rows (nearly every edit) is judged from its decoded structs (\`server/src/sync/guard/cell-sets.ts\`);
  any other is tried on a scratch document that holds only the rows it reaches
  (\`server/src/sync/guard/update-guard.ts\`), so its cost follows the size of the edit, not of
  the room; that is in our CPU per edit whether or not the store is in memory.
- **Cold load.** \`RoomManager.acquire\` reads the snapshot and the log in one SQLite
  transaction and applies them in one Yjs transaction: nearly all of its time is
  \`Y.applyUpdate\` itself, hence close to the lower bound. A room whose log is at least
  \`COMPACT_AFTER_UPDATES\` (500) long is compacted as soon as it is loaded
  (\`Y.encodeStateAsUpdate\` of the whole room on the event loop, in a microtask that runs
  before the waiting connections are served, then one SQLite write on the commit thread).
- **End to end** adds the WebSocket handshake, encoding the whole room as sync step 2 on
  the server, sending it, and applying it in the client: the second client's figure is
  that part alone. The first edit after the load is checked like any other (no copy of
  the room is made).
- **100k rows end to end** is one server start per server, with two copies of the room
  (about 1 GB each) in the benchmark's own process under Node's default 4 GB heap limit:
  garbage collection there and the load of the machine weigh on these figures more than on
  any other. Read them as orders of magnitude.
- **One machine.** The benchmark's clients and the servers share ${machine.cpus} CPUs: at high
  rates the clients' own process (its CPU is in the sustained-rate table) limits what any
  server can show; the sustained rates are a floor for each server, comparable with one
  another, not a capacity figure for a dedicated server.
<!-- server-bench:end -->`;

/** Replaces our marked section of `file`, leaving every other section (e.g. the browser client's) alone. */
function writeSection(file: string, text: string): void {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const marked = /<!-- server-bench:start -->[\s\S]*<!-- server-bench:end -->/;
  let next: string;
  if (marked.test(current)) next = current.replace(marked, () => text);
  else if (current.startsWith('# ')) {
    const eol = current.indexOf('\n');
    const title = eol < 0 ? current : current.slice(0, eol);
    const rest = eol < 0 ? '' : current.slice(eol + 1).trim();
    next = `${title}\n\n${text}\n${rest ? `\n${rest}\n` : ''}`;
  } else next = `# Benchmarks\n\n${text}\n${current.trim() ? `\n${current.trim()}\n` : ''}`;
  fs.writeFileSync(file, next);
}

const target = quick
  ? path.join(ROOT, 'bench-results', 'BENCHMARKS.quick.md')
  : partial
    ? path.join(ROOT, 'bench-results', 'BENCHMARKS.partial.md')
    : path.join(ROOT, 'BENCHMARKS.md');
fs.mkdirSync(path.dirname(target), { recursive: true });
writeSection(target, section);
if (clientSize) writeClientSizeSection(target, clientSizeMarkdown(clientSize));
fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
fs.writeFileSync(
  path.join(
    ROOT,
    'bench-results',
    quick ? 'latest.quick.json' : partial ? 'latest.partial.json' : 'latest.json',
  ),
  JSON.stringify(
    { machine, parts, fanout, throughput, memory, coldLoad, redisFanout, redisThroughput, merge, clientSize },
    (_key, value) => (typeof value === 'function' ? undefined : value),
    1,
  ),
);
console.log(`\nwrote ${path.relative(process.cwd(), target)} (${fmt(minutes, 1)} min)`);
process.exit(0);
