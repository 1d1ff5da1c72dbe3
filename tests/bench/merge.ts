// The offline merge: a client that made 10,000 cell edits offline in a ledger room of a
// few thousand rows reconnects and sends them as one sync step 2 (about 0.7 MB). Timed
// end to end on our server and on the reference y-websocket server (connect() until a
// second client has every edit), and taken apart in process: decode, completeness check,
// rules guard, apply (with Yjs encoding what changed for the fan-out), store append.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildRoomDoc, parseRoomName, type RowValues, setCell } from '@civic-ledger/shared';
import { generateDemoDistrict } from '@civic-ledger/shared/demo';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SqliteStore } from '../../server/src/store/sqlite/sqlite-store.ts';
import { auditEntries } from '../../server/src/sync/audit-entries.ts';
import { checkDecodedUpdate, decodeUpdate } from '../../server/src/sync/guard/update-check.ts';
import { UpdateGuard } from '../../server/src/sync/guard/update-guard.ts';
import { isRefusal } from '../../server/src/sync/refusal.ts';
import { startServerProcess } from '../support/server-process.ts';
import { startReferenceServer } from './peers.ts';
import { fmt, markdownTable, median } from './stats.ts';
import { BENCH_SERVER_ENV } from './targets.ts';

export interface MergeOptions {
  rows: number;
  edits: number;
  rounds: number;
}

export const DEFAULT_MERGE: MergeOptions = { rows: 2500, edits: 10_000, rounds: 5 };
export const QUICK_MERGE: MergeOptions = { rows: 2500, edits: 10_000, rounds: 1 };

export interface MergeResult {
  options: MergeOptions;
  updateBytes: number;
  /** End to end, per server: ms from connect() until the other client has every edit. */
  servers: { name: string; convergeMs: number[] }[];
  /** In process, ms per step, one entry per round. */
  steps: Record<'decode' | 'check' | 'guard' | 'apply' | 'append' | 'bareApply', number[]>;
}

const ADMIN = { role: 'admin' as const, committeeId: null };
const AUDITOR = { id: 'bench', username: 'bench' };
const FIELDS = ['rectification', 'description', 'recheckAt', 'deadline'] as const;

function roomRows(committeeId: string, count: number): RowValues[] {
  const demo = generateDemoDistrict({ seed: 11, today: '2026-12-03' }).rooms.find(
    (r) => r.table === 'ledger',
  );
  if (!demo || demo.rows.length === 0) throw new Error('no demo ledger');
  return Array.from({ length: count }, (_, i) => ({
    ...(demo.rows[i % demo.rows.length] as RowValues),
    id: `merge${String(i).padStart(11, '0')}`,
    committeeId,
  }));
}

/** The edits a person makes offline: every row's fields in turn, each edit its own transaction. */
function editOffline(doc: Y.Doc, edits: number): void {
  const ids = [...doc.getMap('rows').keys()].sort();
  for (let i = 0; i < edits; i++) {
    const id = ids[i % ids.length] as string;
    const field = FIELDS[Math.floor(i / ids.length) % FIELDS.length] as string;
    const value =
      field === 'recheckAt' || field === 'deadline'
        ? `2026-12-${10 + (i % 18)}`
        : `第${i}次整改：已清理楼道堆物，恢复通行`;
    const r = setCell(doc, id, field, value);
    if (!r.ok) throw new Error(`edit ${i}: ${r.error.message.en}`);
  }
}

function baseDoc(committeeId: string, rows: number): Y.Doc {
  const built = buildRoomDoc('ledger', roomRows(committeeId, rows));
  if (!built.ok) throw new Error(built.error.message.en);
  return built.value;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs)
      throw new Error(`merge bench: timed out waiting for ${what}`);
    await wait(2);
  }
}

function provider(
  wsUrl: string,
  room: string,
  doc: Y.Doc,
  params: Record<string, string>,
): WebsocketProvider {
  return new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  });
}

/** One merge on a server: seed the room, sync the merger, edit offline, reconnect, time. */
async function mergeOnce(
  wsUrl: string,
  params: Record<string, string>,
  room: string,
  base: Y.Doc,
  edits: number,
): Promise<number> {
  const receiverDoc = new Y.Doc();
  Y.applyUpdate(receiverDoc, Y.encodeStateAsUpdate(base));
  const receiver = provider(wsUrl, room, receiverDoc, params);
  await until(() => receiver.synced, 60_000, 'seeding client');
  const mergerDoc = new Y.Doc();
  const merger = provider(wsUrl, room, mergerDoc, params);
  const rows = base.getMap('rows').size;
  await until(() => merger.synced && mergerDoc.getMap('rows').size === rows, 60_000, 'merger synced');
  merger.disconnect();
  editOffline(mergerDoc, edits);
  const target = Y.getState(mergerDoc.store, mergerDoc.clientID);
  const started = performance.now();
  merger.connect();
  await until(() => Y.getState(receiverDoc.store, mergerDoc.clientID) >= target, 60_000, 'merge delivered');
  const ms = performance.now() - started;
  merger.destroy();
  receiver.destroy();
  mergerDoc.destroy();
  receiverDoc.destroy();
  return ms;
}

/** Where the time goes, in process, on the same documents. */
async function stepsOnce(o: MergeOptions, steps: MergeResult['steps']): Promise<number> {
  const committee = 'merge-steps';
  const base = baseDoc(committee, o.rows);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(base));
  editOffline(client, o.edits);
  const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(base));
  const room = parseRoomName(`ledger.${committee}`);
  if (!room.ok) throw new Error('room name');
  const live = new Y.Doc();
  Y.applyUpdate(live, Y.encodeStateAsUpdate(base));
  live.getMap('rows');
  live.getMap('meta');
  const guard = new UpdateGuard(live, room.value);
  const t0 = performance.now();
  const decoded = decodeUpdate(update);
  const t1 = performance.now();
  if (isRefusal(decoded)) throw new Error(decoded.reason);
  const check = checkDecodedUpdate(live, decoded);
  const t2 = performance.now();
  const verdict = guard.check(update, ADMIN, decoded);
  const t3 = performance.now();
  if (check || isRefusal(verdict)) throw new Error('merge bench: the update was refused');
  const captured: Uint8Array[] = [];
  live.on('update', (u: Uint8Array) => captured.push(u));
  Y.applyUpdate(live, update);
  const t4 = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'merge-bench-'));
  const store = new SqliteStore(dir);
  await store.appendUpdates('ledger.warmup', [new Uint8Array([0, 0])]);
  const t5 = performance.now();
  // With its audit entries, one a changed field, as the room hands them over.
  await store.appendUpdates(
    `ledger.${committee}`,
    captured,
    auditEntries(`ledger.${committee}`, AUDITOR, verdict),
  );
  const t6 = performance.now();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  // What the reference server does with it: apply to its document (Yjs encodes the update for its fan-out).
  const bare = new Y.Doc();
  Y.applyUpdate(bare, Y.encodeStateAsUpdate(base));
  bare.on('update', () => {});
  const t7 = performance.now();
  Y.applyUpdate(bare, update);
  const t8 = performance.now();
  steps.decode.push(t1 - t0);
  steps.check.push(t2 - t1);
  steps.guard.push(t3 - t2);
  steps.apply.push(t4 - t3);
  steps.append.push(t6 - t5);
  steps.bareApply.push(t8 - t7);
  for (const d of [base, client, live, bare]) d.destroy();
  return update.byteLength;
}

export async function runMerge(o: MergeOptions): Promise<MergeResult> {
  const steps: MergeResult['steps'] = {
    decode: [],
    check: [],
    guard: [],
    apply: [],
    append: [],
    bareApply: [],
  };
  let updateBytes = 0;
  for (let r = 0; r < o.rounds; r++) updateBytes = await stepsOnce(o, steps);

  const servers: MergeResult['servers'] = [];
  const ours = await startServerProcess({
    env: { ...BENCH_SERVER_ENV, MAX_MESSAGE_BYTES: String(16 * 1024 * 1024), MESSAGE_BURST: '100000' },
  });
  const reference = await startReferenceServer();
  try {
    const oursMs: number[] = [];
    const refMs: number[] = [];
    for (let r = 0; r < o.rounds; r++) {
      const committee = `merge-${r}`;
      const base = baseDoc(committee, o.rows);
      // Take turns, so both see the machine in the same state.
      oursMs.push(await mergeOnce(ours.wsUrl, { token: ours.token }, `ledger.${committee}`, base, o.edits));
      refMs.push(await mergeOnce(reference.wsUrl, {}, `ledger.${committee}`, base, o.edits));
      base.destroy();
    }
    servers.push(
      { name: 'civic-ledger', convergeMs: oursMs },
      { name: 'y-websocket@2.1.0', convergeMs: refMs },
    );
  } finally {
    await ours.stop();
    await reference.stop();
  }
  return { options: o, updateBytes, servers, steps };
}

const range = (values: readonly number[]) =>
  `${fmt(median(values), 0)} (${fmt(Math.min(...values), 0)}–${fmt(Math.max(...values), 0)})`;

export function mergeMarkdown(r: MergeResult): string {
  const e2e = markdownTable(
    ['server', `${r.options.edits} offline edits merged: connect() → other client has them, ms`],
    r.servers.map((s) => [s.name, range(s.convergeMs)]),
  );
  const labels: [keyof MergeResult['steps'], string][] = [
    ['decode', 'decode the update'],
    ['check', 'completeness check (everything it builds on is there)'],
    ['guard', 'rules guard (cell sets judged from the structs: rows before and after, shared rules)'],
    ['apply', 'apply to the room (Yjs also encodes what changed, for the fan-out)'],
    ['append', 'store append with the audit entries (SQLite commit, on its own thread)'],
    ['bareApply', 'for comparison: bare Y.applyUpdate, as the reference server does'],
  ];
  const steps = markdownTable(
    ['step (in process)', 'ms'],
    labels.map(([k, label]) => [label, range(r.steps[k])]),
  );
  return `One update of ${fmt(r.updateBytes / 1024, 0)} KiB (${r.options.edits} edits on ${r.options.rows} rows), median (min–max) of ${r.options.rounds} round(s).\n\n${e2e}\n\n${steps}\n`;
}
