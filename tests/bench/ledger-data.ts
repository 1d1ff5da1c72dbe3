// Ledger rooms of a chosen size for the cold-load benchmark, built the way real rooms
// grow: rows entered through the shared table model (`insertRow`, validated against the
// ledger schema) by many clients over time, a share of them edited later (status,
// assignee: replaced values become tombstones), then a log of small single-cell edits.
// Field values come from the demo district generator, so text, ids and dates look real.
import {
  encodeRowId,
  initTable,
  insertRow,
  LEDGER_STATUSES,
  type RowValues,
  schemaForTable,
  updateRow,
} from '@civic-ledger/shared';
import { generateDemoDistrict } from '@civic-ledger/shared/demo';
import * as Y from 'yjs';

export interface LedgerRoomData {
  room: string;
  rows: number;
  /** The room as one compacted Yjs update (what `room_snapshot` holds). */
  snapshot: Uint8Array;
  /** Small updates made after the snapshot, oldest first (what `room_update` holds). */
  log: Uint8Array[];
  /** Snapshot and log merged into one state: what a single-blob store keeps. */
  merged: Uint8Array;
}

/** mulberry32: a small deterministic generator, so every run builds the same rooms. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function bytes(random: () => number, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
}

const TODAY = '2026-11-24';
/** Rows entered per transaction, and how many distinct clients entered them. */
const INSERT_BATCH = 25;
const WRITERS = 32;
/** Share of rows edited after entry, and edits per transaction. */
const EDITED_SHARE = 0.3;
const EDIT_BATCH = 10;

export function buildLedgerRoom(rowCount: number, logUpdates: number, seed = 20261124): LedgerRoomData {
  const random = prng(seed ^ rowCount);
  const templates: readonly RowValues[] = generateDemoDistrict({ seed: 20261124, today: TODAY })
    .rooms.filter((r) => r.table === 'ledger')
    .flatMap((r) => r.rows);
  const people = [
    ...new Set(
      templates.flatMap((r) => [r.assignee, r.foundBy, r.createdBy]).filter((p) => typeof p === 'string'),
    ),
  ] as string[];
  const committee = 'bench';
  const room = `ledger.${committee}`;

  const doc = new Y.Doc();
  const init = initTable(doc, schemaForTable('ledger'));
  if (!init.ok) throw new Error(`initTable: ${init.error.message.en}`);

  const ids: string[] = [];
  const start = Date.parse('2025-01-01T00:00:00Z');
  const span = Date.parse(`${TODAY}T00:00:00Z`) - start;
  const insertRows = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const template = pick(random, templates);
      const id = encodeRowId(start + Math.floor((i / rowCount) * span), bytes(random, 10));
      const inserted = insertRow(doc, {
        ...template,
        id,
        committeeId: committee,
        description: `${template.description} (${(i % 40) + 1}号)`,
      });
      if (!inserted.ok) throw new Error(`insertRow: ${inserted.error.message.en}`);
      ids.push(id);
    }
  };
  for (let from = 0, batch = 0; from < rowCount; from += INSERT_BATCH, batch++) {
    doc.clientID = 1000 + (batch % WRITERS);
    doc.transact(() => insertRows(from, Math.min(rowCount, from + INSERT_BATCH)));
  }
  const edited = Math.floor(rowCount * EDITED_SHARE);
  for (let n = 0, batch = 0; n < edited; n += EDIT_BATCH, batch++) {
    doc.clientID = 2000 + (batch % WRITERS);
    doc.transact(() => {
      for (let k = n; k < Math.min(edited, n + EDIT_BATCH); k++) {
        const updated = updateRow(doc, pick(random, ids), {
          status: pick(random, LEDGER_STATUSES).value,
          assignee: pick(random, people),
        });
        if (!updated.ok) throw new Error(`updateRow: ${updated.error.message.en}`);
      }
    });
  }
  const snapshot = Y.encodeStateAsUpdate(doc);

  // The log: single edits, each its own update, from a handful of clients still online.
  const log: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => log.push(update));
  // An edit that sets a cell to the value it had makes no update: go on until the log is full.
  for (let n = 0; log.length < logUpdates; n++) {
    doc.clientID = 3000 + (n % 16);
    const id = pick(random, ids);
    const which = random();
    const patch: Record<string, unknown> =
      which < 0.4
        ? { status: pick(random, LEDGER_STATUSES).value }
        : which < 0.7
          ? { assignee: pick(random, people) }
          : which < 0.95
            ? { rectification: `已整改，现场复查 ${n}` }
            : { description: `补充说明：${n}` };
    const updated = updateRow(doc, id, patch);
    if (!updated.ok) throw new Error(`updateRow: ${updated.error.message.en}`);
  }
  const merged = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { room, rows: rowCount, snapshot, log, merged };
}
