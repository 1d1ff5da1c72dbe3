// Cold load: how long a ledger room of 10k or 100k rows takes to come out of SQLite, and
// how much memory it holds once loaded; (a) in a fresh process, RoomManager.acquire over
// the server's SqliteStore, beside Hocuspocus 4 with its SQLite extension and plain
// Y.applyUpdate of the same bytes (the lower bound); (b) end to end, from a new client
// connecting to a freshly started server until it is synced.
//
// Run alone: `node --import tsx bench/cold-load.ts` (from tests/); `bench/run.ts` runs it
// and writes the figures into BENCHMARKS.md.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SqliteStore } from '@civic-ledger/server';
import { updateRow } from '@civic-ledger/shared';
import { schema as hocuspocusSchema, upsertQuery as hocuspocusUpsert } from '@hocuspocus/extension-sqlite';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startServerProcess, tempDataDir } from '../support/server-process.ts';
import type { ChildRequest, ChildResult } from './cold-load-child.ts';
import { buildLedgerRoom, type LedgerRoomData } from './ledger-data.ts';
import { killOnExit, startHocuspocusServer } from './peers.ts';
import { fmt, markdownTable, median, mib, processUsage } from './stats.ts';

export interface ColdLoadOptions {
  sizes: readonly number[];
  /** Small updates in the log variant's room_update. */
  logUpdates: number;
  /** Fresh processes per (size, variant, mode) for the in-process figures, by size. */
  repeats: (rows: number) => number;
  /** Server starts per (size, variant, server) for the end-to-end figures, by size. */
  e2eRepeats: (rows: number) => number;
  /** Which stored forms the end-to-end figures are taken for, by size. */
  e2eVariants: (rows: number) => readonly Variant[];
}

// A 100k-row room takes tens of seconds per load on a small machine: fewer repeats there.
export const DEFAULT_COLD_LOAD: ColdLoadOptions = {
  sizes: [10_000, 100_000],
  logUpdates: 2_000,
  repeats: (rows) => (rows <= 20_000 ? 3 : 2),
  e2eRepeats: (rows) => (rows <= 20_000 ? 2 : 1),
  // A room that went idle is compacted on unload, so a cold room is usually a snapshot.
  e2eVariants: (rows) => (rows <= 20_000 ? ['snapshot', 'snapshot+log'] : ['snapshot']),
};
export const QUICK_COLD_LOAD: ColdLoadOptions = {
  sizes: [2_000],
  logUpdates: 600,
  repeats: () => 1,
  e2eRepeats: () => 1,
  e2eVariants: () => ['snapshot', 'snapshot+log'],
};

export type Variant = 'snapshot' | 'snapshot+log';
export type Mode = ChildRequest['mode'];

export interface DatasetInfo {
  rows: number;
  variant: Variant;
  snapshotBytes: number;
  logEntries: number;
  logBytes: number;
  mergedBytes: number;
}

export interface InProcessFigure {
  rows: number;
  variant: Variant;
  mode: Mode;
  results: ChildResult[];
}

export interface EndToEndFigure {
  rows: number;
  variant: Variant;
  server: 'civic-ledger' | 'hocuspocus';
  /** First client: connect until synced (includes loading the room). */
  coldMs: number[];
  /** Second client, room already loaded: connect until synced. */
  warmMs: number[];
  /** Then the first edit of the loaded room: one cell set on the first client until the second has it. */
  firstEditMs: number[];
  /** Resident memory of the server process with the room loaded, and after that first edit. */
  rssLoadedBytes: number[];
  rssEditedBytes: number[];
  /** Rows the first client holds once synced. */
  rowsSeen: number[];
}

export interface ColdLoadResult {
  options: ColdLoadOptions;
  datasets: DatasetInfo[];
  inProcess: InProcessFigure[];
  endToEnd: EndToEndFigure[];
  buildMs: Record<number, number>;
}

const WARMUP_ROOM = 'ledger.warmup';
const CHILD = path.join(import.meta.dirname, 'cold-load-child.ts');

interface Prepared {
  info: DatasetInfo;
  room: string;
  /** Pristine stores, copied before every measurement (a load may compact the log). */
  oursDir: string;
  hocuspocusFile: string;
}

async function writeOurs(dir: string, data: LedgerRoomData, warmup: LedgerRoomData, withLog: boolean) {
  const store = new SqliteStore(dir);
  await store.compact(WARMUP_ROOM, warmup.snapshot, 0);
  await store.compact(data.room, data.snapshot, 0);
  if (withLog) await store.appendUpdates(data.room, data.log);
  await store.close();
}

function writeHocuspocus(file: string, data: LedgerRoomData, warmup: LedgerRoomData, withLog: boolean) {
  const db = new Database(file);
  try {
    db.exec(hocuspocusSchema);
    const upsert = db.prepare(hocuspocusUpsert);
    upsert.run({ name: WARMUP_ROOM, data: Buffer.from(warmup.snapshot) });
    // Hocuspocus keeps one blob per document: the snapshot, or snapshot and log merged.
    upsert.run({ name: data.room, data: Buffer.from(withLog ? data.merged : data.snapshot) });
  } finally {
    db.close();
  }
}

function copyOurs(pristine: string): string {
  const dir = tempDataDir('civic-ledger-bench-load-');
  for (const name of fs.readdirSync(pristine))
    fs.copyFileSync(path.join(pristine, name), path.join(dir, name));
  return dir;
}

function runChild(request: ChildRequest): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = killOnExit(
      spawn(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, JSON.stringify(request)], {
        cwd: path.join(import.meta.dirname, '..'),
        env: { ...process.env, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      err += c;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('{"mode"'));
      if (code === 0 && line) resolve(JSON.parse(line) as ChildResult);
      else reject(new Error(`cold-load child ${request.mode} exited with ${code}:\n${err}\n${out}`));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface SyncedClient {
  ms: number;
  doc: Y.Doc;
  close(): void;
}

function whenSynced(room: string, subscribe: (done: () => void) => void, started: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${room} did not sync`)), 300_000);
    subscribe(() => {
      clearTimeout(timer);
      resolve(performance.now() - started);
    });
  });
}

/** Connect until synced, with the official y-websocket client. */
async function ySync(wsUrl: string, room: string, token: string): Promise<SyncedClient> {
  const doc = new Y.Doc();
  const started = performance.now();
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  });
  const close = () => {
    provider.destroy();
    doc.destroy();
  };
  try {
    const ms = await whenSynced(
      room,
      (done) =>
        provider.on('sync', (synced: boolean) => {
          if (synced) done();
        }),
      started,
    );
    return { ms, doc, close };
  } catch (err) {
    close();
    throw err;
  }
}

/** Connect until synced, with Hocuspocus's own provider (it speaks its own framing). */
async function hocuspocusSync(wsUrl: string, room: string): Promise<SyncedClient> {
  const doc = new Y.Doc();
  const started = performance.now();
  const socket = new HocuspocusProviderWebsocket({ url: wsUrl, WebSocketPolyfill: WebSocket });
  let provider: HocuspocusProvider | null = null;
  const close = () => {
    provider?.destroy();
    socket.destroy();
    doc.destroy();
  };
  try {
    const ms = await whenSynced(
      room,
      (done) => {
        provider = new HocuspocusProvider({
          websocketProvider: socket,
          name: room,
          document: doc,
          onSynced: done,
        });
        provider.attach(); // a provider given its socket does not attach by itself
      },
      started,
    );
    return { ms, doc, close };
  } catch (err) {
    close();
    throw err;
  }
}

/** One cell edited on `from` (through the shared table model) until `to` has it, in ms. */
async function firstEdit(from: Y.Doc, to: Y.Doc): Promise<number> {
  const rows = to.getMap('rows') as Y.Map<Y.Map<unknown>>;
  const rowId = [...rows.keys()][Math.floor(rows.size / 2)];
  if (!rowId) throw new Error('no row to edit');
  const value = `现场复查已完成 ${Date.now()}`;
  const seen = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the first edit did not arrive')), 300_000);
    const check = () => {
      if (rows.get(rowId)?.get('rectification') === value) {
        clearTimeout(timer);
        to.off('update', check);
        resolve(performance.now());
      }
    };
    to.on('update', check);
  });
  const started = performance.now();
  const updated = updateRow(from, rowId, { rectification: value });
  if (!updated.ok) throw new Error(`updateRow: ${updated.error.message.en}`);
  return (await seen) - started;
}

async function measureClients(
  figure: EndToEndFigure,
  pid: number,
  connect: () => Promise<SyncedClient>,
): Promise<void> {
  const first = await connect();
  let second: SyncedClient | null = null;
  try {
    figure.coldMs.push(first.ms);
    figure.rowsSeen.push(first.doc.getMap('rows').size);
    second = await connect();
    figure.warmMs.push(second.ms);
    figure.rssLoadedBytes.push(processUsage(pid)?.rssBytes ?? Number.NaN);
    figure.firstEditMs.push(await firstEdit(first.doc, second.doc));
    figure.rssEditedBytes.push(processUsage(pid)?.rssBytes ?? Number.NaN);
  } finally {
    first.close();
    second?.close();
  }
}

async function endToEnd(prepared: Prepared, server: EndToEndFigure['server'], figure: EndToEndFigure) {
  if (server === 'civic-ledger') {
    const dataDir = copyOurs(prepared.oursDir);
    const proc = await startServerProcess({ dataDir });
    killOnExit(proc.child);
    try {
      await measureClients(figure, proc.child.pid ?? 0, () => ySync(proc.wsUrl, prepared.room, proc.token));
    } finally {
      await proc.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    return;
  }
  const dir = tempDataDir('civic-ledger-bench-hocuspocus-');
  const file = path.join(dir, 'hocuspocus.db');
  fs.copyFileSync(prepared.hocuspocusFile, file);
  const proc = await startHocuspocusServer(file);
  try {
    await measureClients(figure, proc.child.pid ?? 0, () => hocuspocusSync(proc.wsUrl, prepared.room));
  } finally {
    await proc.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds a room and writes its stores; the room's bytes are let go once written. */
async function prepareStores(
  rows: number,
  logUpdates: number,
  warmup: LedgerRoomData,
  pristineRoot: string,
  result: ColdLoadResult,
  progress: (line: string) => void,
): Promise<Prepared[]> {
  const built = performance.now();
  const data = buildLedgerRoom(rows, logUpdates);
  result.buildMs[rows] = performance.now() - built;
  progress(
    `cold-load: built ${rows} rows in ${fmt(result.buildMs[rows] / 1000, 1)} s: snapshot ${mib(data.snapshot.byteLength)} MiB, log ${data.log.length} updates`,
  );
  const prepared: Prepared[] = [];
  for (const variant of ['snapshot', 'snapshot+log'] as const) {
    const withLog = variant === 'snapshot+log';
    const oursDir = path.join(pristineRoot, `ours-${rows}-${withLog ? 'log' : 'snap'}`);
    await writeOurs(oursDir, data, warmup, withLog);
    const hocuspocusFile = path.join(pristineRoot, `hocuspocus-${rows}-${withLog ? 'log' : 'snap'}.db`);
    writeHocuspocus(hocuspocusFile, data, warmup, withLog);
    const info: DatasetInfo = {
      rows,
      variant,
      snapshotBytes: data.snapshot.byteLength,
      logEntries: withLog ? data.log.length : 0,
      logBytes: withLog ? data.log.reduce((s, u) => s + u.byteLength, 0) : 0,
      mergedBytes: withLog ? data.merged.byteLength : data.snapshot.byteLength,
    };
    result.datasets.push(info);
    prepared.push({ info, room: data.room, oursDir, hocuspocusFile });
  }
  return prepared;
}

export async function runColdLoad(
  options: ColdLoadOptions = DEFAULT_COLD_LOAD,
  progress: (line: string) => void = (line) => console.log(line),
): Promise<ColdLoadResult> {
  const pristineRoot = tempDataDir('civic-ledger-bench-pristine-');
  const result: ColdLoadResult = { options, datasets: [], inProcess: [], endToEnd: [], buildMs: {} };
  try {
    const warmup = buildLedgerRoom(200, 0, 7);
    for (const rows of options.sizes) {
      const prepared = await prepareStores(rows, options.logUpdates, warmup, pristineRoot, result, progress);

      // (a) in a fresh process each time; modes interleaved so they share machine state.
      for (const p of prepared) {
        const figures = (['ours', 'hocuspocus', 'apply'] as const).map(
          (mode): InProcessFigure => ({ rows, variant: p.info.variant, mode, results: [] }),
        );
        for (let i = 0; i < options.repeats(rows); i++) {
          for (const figure of figures) {
            const dataDir = figure.mode === 'hocuspocus' ? null : copyOurs(p.oursDir);
            try {
              const r = await runChild({
                mode: figure.mode,
                location: dataDir ?? p.hocuspocusFile,
                room: p.room,
                warmupRoom: WARMUP_ROOM,
              });
              if (r.rows !== rows) throw new Error(`${figure.mode} loaded ${r.rows} rows, expected ${rows}`);
              figure.results.push(r);
            } finally {
              if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
            }
          }
        }
        for (const f of figures) {
          progress(
            `cold-load ${rows} ${p.info.variant} ${f.mode}: load ${fmt(median(f.results.map((r) => r.loadMs)), 0)} ms, settled ${fmt(median(f.results.map((r) => r.settledMs)), 0)} ms, heap +${mib(median(f.results.map((r) => r.heapBytes)))} MiB`,
          );
        }
        result.inProcess.push(...figures);
      }

      // (b) end to end, alternating servers.
      for (const p of prepared.filter((x) => options.e2eVariants(rows).includes(x.info.variant))) {
        const figures = (['civic-ledger', 'hocuspocus'] as const).map(
          (server): EndToEndFigure => ({
            rows,
            variant: p.info.variant,
            server,
            coldMs: [],
            warmMs: [],
            firstEditMs: [],
            rssLoadedBytes: [],
            rssEditedBytes: [],
            rowsSeen: [],
          }),
        );
        for (let i = 0; i < options.e2eRepeats(rows); i++) {
          const order = i % 2 === 0 ? figures : [...figures].reverse();
          for (const figure of order) {
            await endToEnd(p, figure.server, figure);
            await sleep(200);
          }
        }
        for (const f of figures) {
          if (f.rowsSeen.some((n) => n !== rows)) throw new Error(`${f.server} synced ${f.rowsSeen} rows`);
          progress(
            `cold-load e2e ${rows} ${p.info.variant} ${f.server}: first client synced in ${fmt(median(f.coldMs), 0)} ms, second ${fmt(median(f.warmMs), 0)} ms, first edit ${fmt(median(f.firstEditMs), 0)} ms, server RSS ${mib(median(f.rssLoadedBytes), 0)} → ${mib(median(f.rssEditedBytes), 0)} MiB`,
          );
        }
        result.endToEnd.push(...figures);
      }
    }
    return result;
  } finally {
    fs.rmSync(pristineRoot, { recursive: true, force: true });
  }
}

const MODE_LABEL: Record<Mode, string> = {
  ours: 'civic-ledger `RoomManager.acquire`',
  hocuspocus: 'Hocuspocus 4.7 `openDirectConnection` (extension-sqlite)',
  apply: 'lower bound: `Y.applyUpdate` of the same bytes',
};

function range(values: readonly number[], digits = 0): string {
  if (values.length === 0) return '—';
  const m = median(values);
  if (values.length === 1) return fmt(m, digits);
  return `${fmt(m, digits)} (${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)})`;
}

function repeatsText(result: ColdLoadResult, repeats: (rows: number) => number): string {
  return result.options.sizes.map((rows) => `${repeats(rows)} (${rows} rows)`).join(' / ');
}

export function coldLoadMarkdown(result: ColdLoadResult): string {
  const datasets = markdownTable(
    ['rows', 'variant', 'snapshot MiB', 'log entries', 'log KiB', 'one merged blob MiB', 'built in s'],
    result.datasets.map((d) => [
      String(d.rows),
      d.variant,
      mib(d.snapshotBytes),
      String(d.logEntries),
      fmt(d.logBytes / 1024, 0),
      mib(d.mergedBytes),
      fmt((result.buildMs[d.rows] ?? Number.NaN) / 1000, 1),
    ]),
  );
  const inProcess = markdownTable(
    [
      'rows',
      'stored as',
      'loader',
      'load ms',
      'until settled ms',
      'compaction write ms',
      'encode whole room ms',
      'heap MiB',
      'external MiB',
      'RSS MiB',
    ],
    result.inProcess.map((f) => [
      String(f.rows),
      f.variant,
      MODE_LABEL[f.mode],
      range(f.results.map((r) => r.loadMs)),
      f.mode === 'ours' ? range(f.results.map((r) => r.settledMs)) : '—',
      f.mode === 'ours' ? range(f.results.map((r) => r.compactWriteMs)) : '—',
      f.mode === 'ours' ? range(f.results.map((r) => r.encodeMs)) : '—',
      mib(median(f.results.map((r) => r.heapBytes)), 0),
      mib(median(f.results.map((r) => r.externalBytes)), 1),
      mib(median(f.results.map((r) => r.rssBytes)), 0),
    ]),
  );
  const e2e = markdownTable(
    [
      'rows',
      'stored as',
      'server',
      'first client synced ms',
      'second client synced ms',
      'first edit delivered ms',
      'server RSS MiB loaded → after the edit',
    ],
    result.endToEnd.map((f) => [
      String(f.rows),
      f.variant,
      f.server === 'civic-ledger'
        ? 'civic-ledger (y-websocket client)'
        : 'Hocuspocus 4.7 + SQLite (its own provider)',
      range(f.coldMs),
      range(f.warmMs),
      range(f.firstEditMs),
      `${mib(median(f.rssLoadedBytes), 0)} → ${mib(median(f.rssEditedBytes), 0)}`,
    ]),
  );
  return [
    'Rooms:',
    '',
    datasets,
    '',
    `(a) In a fresh process (\`node --expose-gc\`), after loading a 200-row warm-up room; median of ${repeatsText(result, result.options.repeats)} processes (min–max). Memory is the growth of \`process.memoryUsage()\` across the load, after forced GC, with the room held. "Until settled" waits for the work the load sets off (our compaction of a log of 500 or more updates, which runs before the first connection is served); "compaction write" is the SQLite part of it; "encode whole room" is one \`Y.encodeStateAsUpdate\` of the loaded room, the work of the compaction's snapshot and of every first sync answer.`,
    '',
    inProcess,
    '',
    `(b) End to end: start the server on a copy of the store, then time a new client from creating its provider until it reports synced; then a second client while the room is loaded; then one cell edited on the first client (\`updateRow\`, as the app does) until the second client has it. Median of ${repeatsText(result, result.options.e2eRepeats)} server starts (min–max).`,
    '',
    e2e,
  ].join('\n');
}

if (import.meta.filename === process.argv[1]) {
  const result = await runColdLoad(process.env.BENCH_QUICK ? QUICK_COLD_LOAD : DEFAULT_COLD_LOAD);
  console.log(`\n${coldLoadMarkdown(result)}`);
}
