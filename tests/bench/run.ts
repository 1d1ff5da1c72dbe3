// Runs every benchmark and writes the figures into BENCHMARKS.md at the repository root
// (`corepack pnpm bench`). BENCH_QUICK=1 makes a short trial run whose figures go to
// bench-results/BENCHMARKS.quick.md instead (too few samples to quote).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
} from './fanout.ts';
import { fmt, machineInfo, median, mib } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const quick = Boolean(process.env.BENCH_QUICK);

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

function fanoutReading(result: FanoutResult): string[] {
  const summary = summarizeFanout(result);
  const lines: string[] = [];
  for (const clients of result.options.clientCounts) {
    const ours = summary.find((s) => s.clients === clients && s.server === 'civic-ledger');
    const ref = summary.find((s) => s.clients === clients && s.server === 'y-websocket@2.1.0');
    const memory = summary.find((s) => s.clients === clients && s.server.includes('in memory'));
    if (!ours || !ref) continue;
    let line =
      `- ${clients} clients: p50 ${fmt(ours.dist.p50, 2)} ms against ${fmt(ref.dist.p50, 2)} ms for the reference server (${ratio(ours.dist.p50, ref.dist.p50)}), ` +
      `p99 ${fmt(ours.dist.p99, 2)} against ${fmt(ref.dist.p99, 2)} ms (${ratio(ours.dist.p99, ref.dist.p99)}); ` +
      `edits with a delivery over ${SLOW_EDIT_MS} ms: ${ours.slowEdits} against ${ref.slowEdits} of ${ours.edits}; ` +
      `server CPU per edit ${fmt(ours.serverCpuMsPerEdit, 2)} against ${fmt(ref.serverCpuMsPerEdit, 2)} ms.`;
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

const started = Date.now();
const machine = machineInfo();
const head = git(['rev-parse', '--short', 'HEAD']);
const dirty = git(['status', '--porcelain', '--', 'server', 'shared']) !== '';
const loadBefore = loadAverage();

const fanout = await runFanout(quick ? QUICK_FANOUT : DEFAULT_FANOUT);
const loadMiddle = loadAverage();
const coldLoad = await runColdLoad(quick ? QUICK_COLD_LOAD : DEFAULT_COLD_LOAD);
const loadAfter = loadAverage();
const minutes = (Date.now() - started) / 60_000;

const section = `<!-- server-bench:start -->
Sections up to the next marker are written by \`corepack pnpm bench\` (\`tests/bench/run.ts\`,
server side: fan-out and cold load); run it again to refresh them. Other sections keep
their own scripts' figures.${quick ? '\n\n**Quick trial run (BENCH_QUICK=1): too few samples to quote.**' : ''}

## Machine and run

| | |
|---|---|
| date | ${machine.date} |
| CPUs (\`nproc\`) | ${machine.cpus} × ${machine.cpuModel} |
| memory | ${machine.memoryGiB} GiB |
| Node | ${machine.node} |
| OS | ${machine.platform} |
| code | ${head || 'no commit'}${dirty ? ' with uncommitted changes in server/ or shared/' : ''} |
| load average (1 / 5 / 15 min) | before ${loadBefore}; between the parts ${loadMiddle}; after ${loadAfter} |
| duration | ${fmt(minutes, 1)} min |

Every server runs in its own process on 127.0.0.1; the clients run in the benchmark's
process. A load average well above the CPU count means other work shared the machine:
the figures of such a run are noisier (the servers were interleaved so that they share it alike).

## Fan-out latency

For each server, one room of N official \`y-websocket\` clients (\`WebsocketProvider\` over
the \`ws\` package, \`disableBc: true\`; presence only for the writer: clients started at the
same moment would renew their awareness together every 15 s, a burst of N² messages that
real clients never make); the rooms of all servers
are open at the same time. Once all clients are synced, one client per room adds a ledger
row, then sets one cell of it ${fanout.options.rate} times a second, the value carrying
\`performance.now()\` at sending. The writers take turns in blocks of ${fanout.options.blockEdits} edits
(${fanout.options.blockEdits / fanout.options.rate} s), so that only one room is busy at a time (all clients share one process) and
every server sees the same machine in the same stretch of time; the order of turns is
reversed every round. Every other client notes when the
change reaches its document (its \`update\` event). Latency is over every (edit, receiver)
pair; the first ${fanout.options.warmup} edits of a round are not counted, nor is one short
unrecorded round before the first. ${fanout.options.rounds} rounds per N, of ${fanout.options.messages}
measured edits per server each, in fresh rooms; the table pools them. A delivery not seen
${fanout.options.drainMs / 1000} s after the last edit is lost. Server CPU is user + system time of
the server process while its own room was busy with measured edits (/proc, 10 ms ticks).

Servers:

${fanout.servers.map((s) => `- **${s.name}**: ${s.detail}`).join('\n')}

${fanoutMarkdown(fanout)}

All receivers live in one Node process on the same ${machine.cpus} CPUs as the server, so a
figure includes the time that process takes to go through up to ${Math.max(...fanout.options.clientCounts) - 1} sockets
before it reaches the last one: with 100 clients that, not the server, sets most of the p50.

## Cold load of a ledger room from SQLite

Ledger rooms of ${coldLoad.options.sizes.join(' and ')} rows (\`tests/bench/ledger-data.ts\`): rows
entered with the shared table model (\`insertRow\`, validated by the ledger schema) from
demo-district values, ${25} rows per transaction by 32 different clients; then 30 % of the
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

${coldLoadMarkdown(coldLoad)}

## Reading

Fan-out:

${fanoutReading(fanout).join('\n')}

Cold load:

${coldLoadReading(coldLoad).join('\n')}

What the figures include, and what not:

- **Fan-out and persistence.** Our server appends every accepted update to SQLite and
  commits it (WAL, \`synchronous=FULL\`), then commits its audit entries in a second
  transaction: two fsyncs per batch, on the event loop, just after the update has been
  sent to the other clients. The reference server keeps rooms in memory only. The commits
  do not delay the edit they store, but they hold the event loop while the disk syncs,
  which delays whatever arrives meanwhile; the "store commits" column is that time, read
  from the server's own \`/metrics\` histogram. The "rooms in memory" rows run the same
  server code with rooms and audit trail kept in memory, to show the share of persistence.
- **Fan-out and the update guard.** Our server also decodes and checks every update
  (structure, then the change rules on a scratch copy of the room) before applying it;
  that is in our CPU per edit whether or not the store is in memory.
- **Cold load.** \`RoomManager.acquire\` reads the snapshot and the log in one SQLite
  transaction and applies them in one Yjs transaction: nearly all of its time is
  \`Y.applyUpdate\` itself, hence close to the lower bound. A room whose log is at least
  \`COMPACT_AFTER_UPDATES\` (500) long is compacted as soon as it is loaded
  (\`Y.encodeStateAsUpdate\` of the whole room and one SQLite write, on the event loop,
  in a microtask that runs before the waiting connections are served).
- **End to end** adds the WebSocket handshake, encoding the whole room as sync step 2 on
  the server, sending it, and applying it in the client: the second client's figure is
  that part alone.
- **First edit.** Our server checks a writer's update against the change rules on a
  scratch copy of the room (\`server/src/update-guard.ts\`), made on the first write after
  the room is loaded: a whole encode and apply of the room, on the event loop, and a
  second copy of the room in memory for as long as it stays loaded. Hocuspocus applies
  the update and fans it out.
- **100k rows end to end** is one server start per server, with two copies of the room
  (about 1 GB each) in the benchmark's own process under Node's default 4 GB heap limit:
  garbage collection there and the load of the machine weigh on these figures more than on
  any other. Read them as orders of magnitude (between two runs on this machine,
  Hocuspocus delivered the first edit of a 100k-row room after 0.08 s in one and 87 s in
  the other; ours took 15 s and 28 s).
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
  : path.join(ROOT, 'BENCHMARKS.md');
fs.mkdirSync(path.dirname(target), { recursive: true });
writeSection(target, section);
fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
fs.writeFileSync(
  path.join(ROOT, 'bench-results', quick ? 'latest.quick.json' : 'latest.json'),
  JSON.stringify({ machine, fanout, coldLoad: { ...coldLoad, options: { ...coldLoad.options } } }, null, 1),
);
console.log(`\nwrote ${path.relative(process.cwd(), target)} (${fmt(minutes, 1)} min)`);
process.exit(0);
