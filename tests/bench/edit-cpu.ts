// Server CPU per accepted edit, ours (SQLite, rules guard, audit trail, every update
// committed before it is confirmed) beside the reference y-websocket@2.1.0 server, in one
// run of the fan-out benchmark with only those two servers: the figure of issue #16
// (goal 1: ours ≤ 1.2× the reference). `node --import tsx bench/edit-cpu.ts [20,100,250]
// [rounds]`; BENCH_CPU_PROF_DIR=<dir> also has our server write a CPU profile there. First
// the same edit taken apart in process (edit-path.ts).
import { runEditPath } from './edit-path.ts';
import { DEFAULT_FANOUT, runFanout, summarizeFanout } from './fanout.ts';
import { fmt, markdownTable, median } from './stats.ts';

const counts = (process.argv[2] ?? '20,100,250').split(',').map(Number);
const rounds = Number(process.argv[3] ?? 2);
if (counts.some((n) => !Number.isInteger(n) || n < 2) || !Number.isInteger(rounds) || rounds < 1)
  throw new Error('usage: edit-cpu.ts <client counts, e.g. 20,100,250> <rounds>');

const path = await runEditPath();
const range = (v: number[]) => `${fmt(median(v), 3)} (${fmt(Math.min(...v), 3)}–${fmt(Math.max(...v), 3)})`;
console.log(
  `In process, ${path.edits} edits, ${path.peers} peers, CPU ms per edit, median (min–max) of ${path.reference.length} rounds:\n`,
);
console.log(
  markdownTable(
    ['path', 'CPU ms / edit'],
    [
      ['reference: Y.applyUpdate, one message for every other peer', range(path.reference)],
      ['ours, rooms in memory: checks, rules guard, audit entries, room log', range(path.memory)],
      ['ours, SQLite: the same, each edit committed (fsync) before the next', range(path.sqlite)],
    ],
  ),
);
console.log('');

const result = await runFanout({
  ...DEFAULT_FANOUT,
  clientCounts: counts,
  rounds,
  servers: { layout: 'single', reference: true, hocuspocus: false, memoryStore: false },
});
const summary = summarizeFanout(result);
const rows = counts.map((clients) => {
  const ours = summary.find((s) => s.clients === clients && s.server === 'civic-ledger');
  const ref = summary.find((s) => s.clients === clients && s.server !== 'civic-ledger');
  const a = ours?.serverCpuMsPerEdit ?? Number.NaN;
  const b = ref?.serverCpuMsPerEdit ?? Number.NaN;
  return [
    String(clients),
    fmt(a, 2),
    fmt(b, 2),
    `${fmt(a / b, 2)}×`,
    `${fmt(ours?.dist.p50 ?? Number.NaN, 2)} / ${fmt(ref?.dist.p50 ?? Number.NaN, 2)}`,
    `${ours?.lost ?? '?'} / ${ref?.lost ?? '?'}`,
  ];
});
console.log(
  markdownTable(
    [
      'clients',
      'civic-ledger CPU ms / edit',
      'y-websocket@2.1.0 CPU ms / edit',
      'ratio',
      'p50 ms (ours / ref)',
      'lost (ours / ref)',
    ],
    rows,
  ),
);
