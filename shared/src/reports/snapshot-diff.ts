// What changed between two states of the district (two snapshots, or a snapshot and now):
// rows added and removed, issues written off and recurred, and the fields changed per row.

import type { CellValue, RowValues } from '../schema/fields.ts';
import { numberOf, textOf } from '../schema/row-values.ts';
import type { TableName } from '../schema/table-schema.ts';
import { districtTotals, type RoomRows } from './district-rows.ts';
import type { Totals } from './totals.ts';

export interface FieldChange {
  readonly key: string;
  readonly before: CellValue;
  readonly after: CellValue;
}

/** A row present on both sides whose fields differ. */
export interface ChangedRow {
  readonly room: string;
  readonly id: string;
  readonly before: RowValues;
  readonly after: RowValues;
  readonly changes: readonly FieldChange[];
}

/** A row on one side only, or a ledger row whose status moved. */
export interface RowRef {
  readonly room: string;
  readonly id: string;
  readonly row: RowValues;
}

export interface TableDiff {
  readonly added: readonly RowRef[];
  readonly removed: readonly RowRef[];
  /** Ledger: written off in between (also when found and written off in between). */
  readonly closed: readonly RowRef[];
  /** Ledger: recurred in between (status became `reopened`, or the recurrence count rose). */
  readonly reopened: readonly RowRef[];
  readonly changed: readonly ChangedRow[];
}

export interface DiffSummary {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  /** Ledger rows only: the meeting's "found / written off / recurred". */
  readonly found: number;
  readonly closed: number;
  readonly reopened: number;
}

export interface DistrictDiff {
  readonly tables: Partial<Record<TableName, TableDiff>>;
  readonly summary: DiffSummary;
}

/**
 * `updatedAt` changes with every edit and says nothing a reader needs, so it is not
 * listed as a changed field (a row whose only change it is does not count as changed).
 */
const IGNORED_FIELDS: readonly string[] = ['updatedAt'];

function same(a: CellValue | undefined, b: CellValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return (a ?? null) === (b ?? null);
}

/** The changed fields of one row, sorted by key. */
export function fieldChanges(before: Readonly<RowValues>, after: Readonly<RowValues>): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: FieldChange[] = [];
  for (const key of keys) {
    if (IGNORED_FIELDS.includes(key) || same(before[key], after[key])) continue;
    changes.push({ key, before: before[key] ?? null, after: after[key] ?? null });
  }
  return changes;
}

function wasClosed(before: Readonly<RowValues> | null, after: Readonly<RowValues>): boolean {
  if (after.status !== 'closed') return false;
  if (before === null || before.status !== 'closed') return true;
  // Closed on both sides, but written off again in between (reopened and closed anew).
  return textOf(before, 'closedAt') !== textOf(after, 'closedAt');
}

function recurred(before: Readonly<RowValues> | null, after: Readonly<RowValues>): boolean {
  const rose = (numberOf(after, 'recurrences') ?? 0) > (before ? (numberOf(before, 'recurrences') ?? 0) : 0);
  if (rose) return true;
  return after.status === 'reopened' && before?.status !== 'reopened';
}

function byRoomAndId(a: { room: string; id: string }, b: { room: string; id: string }): number {
  return a.room !== b.room ? (a.room < b.room ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Diff of the rows of one table across any number of rooms (keyed by room and row id). */
export function diffTable(table: TableName, from: readonly RoomRows[], to: readonly RoomRows[]): TableDiff {
  const index = (rooms: readonly RoomRows[]) => {
    const map = new Map<string, RowRef>();
    for (const r of rooms) {
      if (r.table !== table) continue;
      for (const row of r.rows) {
        const id = String(row.id);
        map.set(`${r.room}\u0000${id}`, { room: r.room, id, row });
      }
    }
    return map;
  };
  const before = index(from);
  const after = index(to);
  const added: RowRef[] = [];
  const removed: RowRef[] = [];
  const closed: RowRef[] = [];
  const reopened: RowRef[] = [];
  const changed: ChangedRow[] = [];
  const ledger = table === 'ledger';
  for (const [key, now] of after) {
    const was = before.get(key);
    if (!was) added.push(now);
    else {
      const changes = fieldChanges(was.row, now.row);
      if (changes.length > 0) {
        changed.push({ room: now.room, id: now.id, before: was.row, after: now.row, changes });
      }
    }
    if (ledger && wasClosed(was?.row ?? null, now.row)) closed.push(now);
    if (ledger && recurred(was?.row ?? null, now.row)) reopened.push(now);
  }
  for (const [key, was] of before) if (!after.has(key)) removed.push(was);
  return {
    added: added.sort(byRoomAndId),
    removed: removed.sort(byRoomAndId),
    closed: closed.sort(byRoomAndId),
    reopened: reopened.sort(byRoomAndId),
    changed: changed.sort(byRoomAndId),
  };
}

/** Diff of every table present on either side, with the meeting's summary counts. */
export function diffDistrict(from: readonly RoomRows[], to: readonly RoomRows[]): DistrictDiff {
  const tables: Partial<Record<TableName, TableDiff>> = {};
  const names = [...new Set([...from, ...to].map((r) => r.table))].sort();
  for (const table of names) tables[table] = diffTable(table, from, to);
  const sum = (pick: (d: TableDiff) => number) =>
    Object.values(tables).reduce((n, d) => n + (d ? pick(d) : 0), 0);
  return {
    tables,
    summary: {
      added: sum((d) => d.added.length),
      removed: sum((d) => d.removed.length),
      changed: sum((d) => d.changed.length),
      found: tables.ledger?.added.length ?? 0,
      closed: tables.ledger?.closed.length ?? 0,
      reopened: tables.ledger?.reopened.length ?? 0,
    },
  };
}

/** One side of a comparison: the rooms and the moment they show. */
export interface DistrictState {
  readonly rooms: readonly RoomRows[];
  readonly at: Date;
}

export interface DistrictComparison extends DistrictDiff {
  /** The totals of each side, each reckoned at its own moment. */
  readonly totals: { readonly from: Totals; readonly to: Totals };
}

/** The diff of two states and the totals of each: "since yesterday: 12 found, 15 written off". */
export function compareDistrict(from: DistrictState, to: DistrictState): DistrictComparison {
  return {
    ...diffDistrict(from.rooms, to.rooms),
    totals: { from: districtTotals(from.rooms, from.at), to: districtTotals(to.rooms, to.at) },
  };
}
