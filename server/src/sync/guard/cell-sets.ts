// The guard's fast path for what nearly every update is: a few Y.Map.set (or deletes) on
// fields of existing rows. Such an update is judged from its decoded structs alone: the row
// and field of each new item come from the live item it follows (its origin) or the row
// it names as parent, its value from its content; the rows before and after are read off
// the live document. Anything else (new or deleted rows, meta, concurrent sets that Yjs
// would order among themselves, several clients, unusual content) returns null and is
// judged on a scratch copy. Both paths end in the same judgement (`judge` in verdict.ts),
// and a property test holds them to the same verdict on random updates.
import {
  type ActiveCheck,
  type CellValue,
  type Principal,
  ROWS_MAP,
  type Room,
  type RowChange,
} from '@civic-ledger/shared';
import * as Y from 'yjs';
import type { Refusal } from '../refusal.ts';
import type { Struct } from './struct-place.ts';
import type { DecodedUpdate } from './update-check.ts';
import { isCellValue, type UpdatePlan } from './update-plan.ts';
import { judge, rowValues } from './verdict.ts';

/** A row's map in the live document, with the item that holds it. */
interface LiveRow {
  id: string;
  map: Y.Map<unknown>;
}

/** What the update does to one field of one row: its new items in order. */
interface CellWrite {
  row: LiveRow;
  key: string;
  /** The items, each following the one before it (the first follows the live entry). */
  chain: Y.Item[];
}

const NOT_FAST = null;

/** The live row whose map is `type`, or null when `type` is no live, undeleted row. */
function liveRowOf(type: unknown, rowsRoot: unknown): LiveRow | null {
  if (!(type instanceof Y.Map)) return null;
  const item = type._item;
  if (item === null || item.deleted || item.parent !== rowsRoot || typeof item.parentSub !== 'string')
    return null;
  // The row must be the key's current entry (a replaced row is deleted, checked above).
  return { id: item.parentSub, map: type };
}

/** Equal as the scratch path compares them (by their JSON), strings without serialising. */
function sameValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

const lastClock = (s: Struct) => s.id.clock + s.length - 1;

/** A content a cell may hold as its final value, or as an overwritten step before it. */
function fitsCell(item: Y.Item, final: boolean): boolean {
  const c = item.content;
  if (c instanceof Y.ContentDeleted) return !final;
  return c instanceof Y.ContentAny && c.arr.length === 1 && isCellValue(c.arr[0]);
}

/**
 * The verdict on `decoded` when it only sets or deletes fields of existing rows, or null
 * when it is anything else (then the scratch copy decides). `decoded` must have passed
 * `checkDecodedUpdate` against `live`.
 */
export function judgeCellSets(
  live: Y.Doc,
  room: Room,
  principal: Principal,
  decoded: DecodedUpdate,
  checks?: readonly ActiveCheck[],
): RowChange[] | Refusal | null {
  const rowsRoot = live.share.get(ROWS_MAP);
  if (!(rowsRoot instanceof Y.Map)) return NOT_FAST;
  const store = live.store;
  // Field writes in the order Yjs integrates them (one client: clock order).
  const writes = new Map<Y.Map<unknown>, Map<string, CellWrite>>();
  const order: CellWrite[] = [];
  const byLastId = new Map<number, CellWrite>();
  let client: number | null = null;
  let nextClock = -1;
  for (const s of decoded.structs as readonly Struct[]) {
    const state = Y.getState(store, s.id.client);
    if (s.id.clock + s.length <= state) continue; // known: Yjs skips it
    if (!(s instanceof Y.Item) || s.id.clock < state) return NOT_FAST;
    if (client === null) client = s.id.client;
    else if (client !== s.id.client || s.id.clock < nextClock) return NOT_FAST;
    nextClock = s.id.clock + s.length;
    if (s.rightOrigin !== null || s.length !== 1) return NOT_FAST;
    let write: CellWrite | undefined;
    if (s.origin !== null) {
      if (s.origin.client === client && s.origin.clock >= state) {
        // Follows an earlier item of this update: the next step of the same field.
        write = byLastId.get(s.origin.clock);
        if (!write) return NOT_FAST;
        byLastId.delete(s.origin.clock); // a second item after the same one is a contest
        write.chain.push(s);
      } else {
        if (s.origin.clock >= Y.getState(store, s.origin.client)) return NOT_FAST;
        const left = Y.getItem(store, s.origin);
        if (!(left instanceof Y.Item) || lastClock(left) !== s.origin.clock) return NOT_FAST;
        const row = liveRowOf(left.parent, rowsRoot);
        const key = left.parentSub;
        // Only after the field's current entry is the new item placed without a contest.
        if (row === null || key === null || row.map._map.get(key) !== left) return NOT_FAST;
        write = { row, key, chain: [s] };
      }
    } else {
      const parent = s.parent as unknown;
      if (!(parent instanceof Y.ID) || typeof s.parentSub !== 'string') return NOT_FAST;
      if (parent.clock >= Y.getState(store, parent.client)) return NOT_FAST;
      const holder = Y.getItem(store, parent);
      if (!(holder instanceof Y.Item) || !(holder.content instanceof Y.ContentType)) return NOT_FAST;
      const row = liveRowOf(holder.content.type, rowsRoot);
      // A first value for the field: with one already there, Yjs orders the two by client.
      if (row === null || row.map._map.has(s.parentSub)) return NOT_FAST;
      write = { row, key: s.parentSub, chain: [s] };
    }
    const fields = writes.get(write.row.map) ?? new Map<string, CellWrite>();
    const same = fields.get(write.key);
    if (same !== undefined && same !== write) return NOT_FAST; // two chains for one field
    if (same === undefined) {
      fields.set(write.key, write);
      writes.set(write.row.map, fields);
      order.push(write);
    }
    byLastId.set(lastClock(s), write);
  }
  // Clocks of the steps a later step of the same field overwrites.
  const overwritten = new Set<number>();
  for (const write of order) {
    const last = write.chain.length - 1;
    for (let i = 0; i <= last; i++) {
      const step = write.chain[i]!;
      if (!fitsCell(step, i === last)) return NOT_FAST;
      if (i < last) overwritten.add(step.id.clock);
    }
  }

  // Deletes: of a live field's current value, or of an overwritten step of this update.
  const deletedKeys: { row: LiveRow; key: string }[] = [];
  for (const [dsClient, ranges] of decoded.ds.clients) {
    const state = Y.getState(store, dsClient);
    const list = store.clients.get(dsClient);
    for (const r of ranges) {
      const liveEnd = Math.min(r.clock + r.len, state);
      if (r.clock + r.len > state) {
        // Items of this update: only steps that a later step overwrites anyway.
        if (dsClient !== client) return NOT_FAST;
        for (let clock = Math.max(r.clock, state); clock < r.clock + r.len; clock++)
          if (!overwritten.has(clock)) return NOT_FAST;
      }
      if (r.clock >= liveEnd || !list) continue;
      for (let i = Y.findIndexSS(list, r.clock); i < list.length && list[i]!.id.clock < liveEnd; i++) {
        const s = list[i]!;
        if (s.deleted) continue;
        if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentAny)) return NOT_FAST;
        const row = liveRowOf(s.parent, rowsRoot);
        if (row === null || s.parentSub === null || row.map._map.get(s.parentSub) !== s) return NOT_FAST;
        deletedKeys.push({ row, key: s.parentSub });
      }
    }
  }

  // The rows as they are and as they become, touched in the order Yjs touches them.
  const touched = new Map<
    Y.Map<unknown>,
    { id: string; keys: Set<string>; after: Map<string, CellValue | undefined> }
  >();
  const touch = (row: LiveRow, key: string, value: CellValue | undefined) => {
    let t = touched.get(row.map);
    if (!t) {
      t = { id: row.id, keys: new Set(), after: new Map() };
      touched.set(row.map, t);
    }
    t.keys.add(key);
    t.after.set(key, value);
  };
  for (const write of order) {
    const last = write.chain[write.chain.length - 1]!;
    touch(write.row, write.key, (last.content as Y.ContentAny).arr[0] as CellValue);
  }
  for (const { row, key } of deletedKeys) {
    if (writes.get(row.map)?.has(key)) {
      touch(row, key, touched.get(row.map)!.after.get(key));
    } else touch(row, key, undefined);
  }

  // No value here lost to a concurrent write: each follows its field's current value.
  const written: UpdatePlan['written'] = { rowKeys: new Set(), cellKeys: new Map(), cellValues: new Map() };
  for (const write of order) {
    const keys = written.cellKeys.get(write.row.id) ?? new Set<string>();
    keys.add(write.key);
    written.cellKeys.set(write.row.id, keys);
  }
  const changes: RowChange[] = [];
  for (const t of touched.values()) {
    const before = rowValues(rowsRoot.get(t.id));
    if (before === null || before === 'not-a-row') return NOT_FAST;
    const after = { ...before };
    for (const [key, value] of t.after) {
      if (value === undefined) delete after[key];
      else after[key] = value;
    }
    const fields = [...t.keys].filter((k) => !sameValue(before[k], after[k])).sort();
    if (fields.length > 0) changes.push({ rowId: t.id, before, after, fields });
  }
  return judge({ live, room, principal, written, checks }, live, changes, []);
}
