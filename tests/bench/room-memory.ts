// Server memory per loaded room: each server loads N rooms of the demo district's size
// (one committee's ledger as the demo seeds it, entered by a client), each kept loaded
// by one connected client; the growth of the server's resident memory (and, for ours,
// its V8 heap from /metrics) divided by N is the cost of one loaded room.
//
// `bench/run.ts` runs it and writes the figures into BENCHMARKS.md.
import { randomBytes } from 'node:crypto';
import { newRowId } from '@civic-ledger/shared';
import { generateDemoDistrict } from '@civic-ledger/shared/demo';
import * as Y from 'yjs';
import { type BenchClient, openClient } from './bench-clients.ts';
import { targetUsage } from './fanout.ts';
import { fmt, markdownTable } from './stats.ts';
import { startTargets, type Target, type TargetChoice } from './targets.ts';

export interface RoomMemoryOptions {
  rooms: number;
  /** Seconds to wait after loading, for the servers' stores and garbage collection to settle. */
  settleSeconds: number;
  servers: TargetChoice;
}

export const DEFAULT_ROOM_MEMORY: RoomMemoryOptions = {
  rooms: 300,
  settleSeconds: 5,
  servers: { layout: 'single', reference: true, hocuspocus: true, memoryStore: false },
};

export const QUICK_ROOM_MEMORY: RoomMemoryOptions = { ...DEFAULT_ROOM_MEMORY, rooms: 30, settleSeconds: 2 };

export interface RoomMemoryRun {
  server: string;
  rooms: number;
  rowsPerRoom: number;
  rssBeforeBytes: number | null;
  rssAfterBytes: number | null;
  heapBeforeBytes: number | null;
  heapAfterBytes: number | null;
  loadMs: number;
}

export interface RoomMemoryResult {
  options: RoomMemoryOptions;
  rowsPerRoom: number;
  servers: { name: string; detail: string }[];
  runs: RoomMemoryRun[];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The demo district's largest committee ledger: the rows a demo-sized room holds. */
function demoLedgerRows(): Record<string, unknown>[] {
  const district = generateDemoDistrict({ seed: 20261124, today: '2026-11-24' });
  const ledgers = district.rooms.filter((r) => r.table === 'ledger');
  const largest = ledgers.reduce((a, b) => (b.rows.length > a.rows.length ? b : a));
  return largest.rows as Record<string, unknown>[];
}

async function heapOf(target: Target): Promise<number | null> {
  if (target.metricsUrls.length === 0) return null;
  let sum = 0;
  for (const url of target.metricsUrls) {
    const text = await (await fetch(url)).text();
    const line = text.split('\n').find((l) => l.startsWith('civic_ledger_heap_used_bytes '));
    if (!line) return null;
    sum += Number(line.split(' ')[1]);
  }
  return sum;
}

async function openRoom(target: Target, rows: Record<string, unknown>[]): Promise<BenchClient> {
  const committeeId = `mem-${randomBytes(5).toString('hex')}`;
  const client = openClient(target.kind, target.wsUrls[0] ?? '', `ledger.${committeeId}`, target.params);
  client.setPresence(null);
  const started = Date.now();
  while (!client.synced()) {
    if (Date.now() - started > 60_000) throw new Error(`${target.name}: a room did not sync`);
    await sleep(10);
  }
  client.doc.transact(() => {
    const map = client.doc.getMap('rows');
    for (const values of rows) {
      const id = newRowId();
      map.set(id, new Y.Map<unknown>(Object.entries({ ...values, id, committeeId })));
    }
  });
  return client;
}

async function measure(target: Target, rows: Record<string, unknown>[], options: RoomMemoryOptions) {
  // One room first, so that code loaded on first use is not counted.
  const warm = await openRoom(target, rows);
  await sleep(options.settleSeconds * 1000);
  const before = targetUsage(target);
  const heapBefore = await heapOf(target);
  const started = performance.now();
  const clients: BenchClient[] = [];
  try {
    for (let i = 0; i < options.rooms; i += 20) {
      const batch = Math.min(20, options.rooms - i);
      clients.push(...(await Promise.all(Array.from({ length: batch }, () => openRoom(target, rows)))));
    }
    const loadMs = performance.now() - started;
    await sleep(options.settleSeconds * 1000);
    const after = targetUsage(target);
    return {
      server: target.name,
      rooms: options.rooms,
      rowsPerRoom: rows.length,
      rssBeforeBytes: before?.rssBytes ?? null,
      rssAfterBytes: after?.rssBytes ?? null,
      heapBeforeBytes: heapBefore,
      heapAfterBytes: await heapOf(target),
      loadMs,
    };
  } finally {
    for (const c of [warm, ...clients]) c.destroy();
    await sleep(500);
  }
}

export async function runRoomMemory(
  options: RoomMemoryOptions = DEFAULT_ROOM_MEMORY,
  progress: (line: string) => void = (line) => console.log(line),
): Promise<RoomMemoryResult> {
  process.setMaxListeners(Math.max(process.getMaxListeners(), 2 * options.rooms + 20));
  const rows = demoLedgerRows();
  const running = await startTargets(options.servers);
  try {
    const runs: RoomMemoryRun[] = [];
    for (const target of running.targets) {
      const run = await measure(target, rows, options);
      runs.push(run);
      progress(
        `room memory ${target.name}: ${run.rooms} rooms of ${run.rowsPerRoom} rows, RSS ${fmt(perRoomKiB(run.rssBeforeBytes, run.rssAfterBytes, run.rooms), 0)} KiB a room`,
      );
    }
    return {
      options,
      rowsPerRoom: rows.length,
      servers: running.targets.map(({ name, detail }) => ({ name, detail })),
      runs,
    };
  } finally {
    await running.stop();
  }
}

function perRoomKiB(before: number | null, after: number | null, rooms: number): number | null {
  return before === null || after === null ? null : (after - before) / rooms / 1024;
}

export function roomMemoryMarkdown(result: RoomMemoryResult): string {
  return markdownTable(
    [
      'server',
      'rooms loaded',
      'rows a room',
      'RSS MiB before → after',
      'RSS KiB a room',
      'V8 heap KiB a room',
      'loading took s',
    ],
    result.runs.map((r) => [
      r.server,
      String(r.rooms),
      String(r.rowsPerRoom),
      `${fmt((r.rssBeforeBytes ?? Number.NaN) / 1024 ** 2, 0)} → ${fmt((r.rssAfterBytes ?? Number.NaN) / 1024 ** 2, 0)}`,
      fmt(perRoomKiB(r.rssBeforeBytes, r.rssAfterBytes, r.rooms), 0),
      fmt(perRoomKiB(r.heapBeforeBytes, r.heapAfterBytes, r.rooms), 0),
      fmt(r.loadMs / 1000, 1),
    ]),
  );
}
