// The guard's verdict: an update is applied to a scratch copy (never the live document),
// what it changed (rows, fields, meta keys) is read off the copy, and the shared change
// rules decide, with the room's schema from its name. Returns the row changes to audit, or
// the refusal.
import {
  type ActiveCheck,
  type CellValue,
  changedFields,
  checkChanges,
  checkWrittenKeys,
  evidencePolicy,
  META_MAP,
  type MetaChange,
  type Principal,
  ROWS_MAP,
  type Room,
  type RowChange,
  type RowValues,
  readRoomSchema,
  readRoundDocument,
  rowLabel,
  type TableSchema,
  todayInShanghai,
} from '@civic-ledger/shared';
import * as Y from 'yjs';
import { type Refusal, ruleRefusal } from '../refusal.ts';
import { foreignChange, malformed, type UpdatePlan } from './update-plan.ts';

export interface VerdictInput {
  /** The live document as it is before the update (read, never written). */
  live: Y.Doc;
  room: Room;
  principal: Principal;
  /** The keys the update writes under, from its plan. */
  written: UpdatePlan['written'];
  /** Who checks whom in the running rounds. */
  checks?: readonly ActiveCheck[];
}

/** Stands in for a nested Yjs type in a cell, which no field accepts. */
const NESTED_TYPE = Object.freeze({ nestedType: true }) as unknown as CellValue;

export function rowValues(value: unknown): RowValues | null | 'not-a-row' {
  if (value === undefined) return null;
  if (!(value instanceof Y.Map)) return 'not-a-row';
  const out: RowValues = {};
  // What Y.Map.entries() yields (each key's last, undeleted item), without its iterator.
  for (const [k, item] of value._map) {
    if (item.deleted) continue;
    const v: unknown = item.content.getContent()[item.length - 1];
    out[k] = v instanceof Y.AbstractType ? NESTED_TYPE : (v as CellValue);
  }
  return out;
}

interface Touched {
  /** Row id → the keys changed inside it, or null when the row itself was set or deleted. */
  rows: Map<string, Set<string> | null>;
  metaKeys: Set<string>;
  foreign: boolean;
}

/** Applies `update` to `scratch` and records which rows, fields and meta keys it touched. */
function applyAndWatch(scratch: Y.Doc, update: Uint8Array): Touched {
  const rows = scratch.getMap(ROWS_MAP);
  const meta = scratch.getMap(META_MAP);
  const touched: Touched = { rows: new Map(), metaKeys: new Set(), foreign: false };
  const onAfter = (tr: Y.Transaction) => {
    for (const [type, keys] of tr.changed) {
      if ((type as unknown) === rows) {
        for (const k of keys) if (k !== null) touched.rows.set(k, null);
      } else if ((type as unknown) === meta) {
        for (const k of keys) if (k !== null) touched.metaKeys.add(k);
      } else if (type instanceof Y.Map && type._item?.parent === rows && type._item.parentSub) {
        const id = type._item.parentSub;
        const existing = touched.rows.get(id);
        if (existing === null) continue;
        const set = existing ?? new Set<string>();
        for (const k of keys) if (k !== null) set.add(k);
        touched.rows.set(id, set);
      } else {
        touched.foreign = true;
      }
    }
  };
  scratch.on('afterTransaction', onAfter);
  try {
    Y.applyUpdate(scratch, update);
  } finally {
    scratch.off('afterTransaction', onAfter);
  }
  return touched;
}

/** Every row after the change: the live ones, with the changed ones as they became. */
function* rowsAfter(live: Y.Doc, changes: readonly RowChange[]): Iterable<readonly [string, RowValues]> {
  const changed = new Map(changes.map((c) => [c.rowId, c.after]));
  for (const [id, row] of live.getMap(ROWS_MAP).entries()) {
    if (changed.has(id)) continue;
    const values = rowValues(row);
    if (values !== null && values !== 'not-a-row') yield [id, values];
  }
  for (const [id, after] of changed) if (after) yield [id, after];
}

function checkWritten(schema: TableSchema, written: UpdatePlan['written']): Refusal | null {
  for (const rowId of written.rowKeys) {
    const err = checkWrittenKeys(schema, rowId, written.cellKeys.get(rowId) ?? []);
    if (err) return ruleRefusal(err);
  }
  for (const [rowId, keys] of written.cellKeys) {
    const err = checkWrittenKeys(schema, rowId, keys);
    if (err) return ruleRefusal(err);
  }
  return null;
}

/**
 * The values the update wrote under fields of a row that kept another value: the write
 * lost to a concurrent one (Yjs keeps one of two writes made without seeing each other).
 */
function lostWrites(
  written: UpdatePlan['written'],
  rowId: string,
  keys: ReadonlySet<string>,
  changed: readonly string[],
  after: RowValues | null,
): Record<string, CellValue> | null {
  const values = written.cellValues.get(rowId);
  if (!values || after === null) return null;
  let lost: Record<string, CellValue> | null = null;
  for (const key of keys) {
    if (changed.includes(key) || !values.has(key)) continue;
    const value = values.get(key) as CellValue;
    if (JSON.stringify(value) === JSON.stringify(after[key])) continue;
    lost = { ...(lost ?? {}), [key]: value };
  }
  return lost;
}

/** The verdict on `update`, tried on `scratch` (which it changes). */
export function verdict(scratch: Y.Doc, update: Uint8Array, input: VerdictInput): RowChange[] | Refusal {
  const touched = applyAndWatch(scratch, update);
  if (touched.foreign) return foreignChange();
  const liveRows = input.live.getMap(ROWS_MAP);
  const afterRows = scratch.getMap(ROWS_MAP);
  const changes: RowChange[] = [];
  for (const [rowId, keys] of touched.rows) {
    const before = rowValues(liveRows.get(rowId));
    const after = rowValues(afterRows.get(rowId));
    if (after === 'not-a-row') {
      const label = rowLabel(input.room.table, rowId);
      return malformed(`${label.en} is not a map`, `${label['zh-CN']}：行数据格式错误`);
    }
    const b = before === 'not-a-row' ? null : before;
    const differs = (k: string) => JSON.stringify(b?.[k]) !== JSON.stringify(after?.[k]);
    const fields = keys === null ? changedFields(b, after) : [...keys].filter(differs).sort();
    const lost = keys === null ? null : lostWrites(input.written, rowId, keys, fields, after);
    if (fields.length > 0 || (b === null) !== (after === null) || lost)
      changes.push({ rowId, before: b, after, fields, ...(lost ? { lost } : {}) });
  }
  const metaMap = scratch.getMap(META_MAP);
  const metaChanges: MetaChange[] = [...touched.metaKeys].map((key) => ({ key, after: metaMap.get(key) }));
  return judge(input, scratch, changes, metaChanges);
}

/**
 * The shared rules on what an update changes: the keys it writes, then its row and meta
 * changes. `schemaDoc` holds the meta the room's schema is read from after the update.
 */
export function judge(
  input: VerdictInput,
  schemaDoc: Y.Doc,
  changes: RowChange[],
  metaChanges: readonly MetaChange[],
): RowChange[] | Refusal {
  // The room's table comes from its name, never from what the update made meta say.
  const schema = readRoomSchema(schemaDoc, input.room.table);
  const written = checkWritten(schema, input.written);
  if (written) return written;
  // A check round's rules read the round as it stood before this update, and today's date.
  const round =
    input.room.table === 'checks' ? readRoundDocument(input.live.getMap(META_MAP).entries()) : undefined;
  const error = checkChanges(
    {
      schema,
      principal: input.principal,
      room: input.room,
      rowsAfter: () => rowsAfter(input.live, changes),
      round,
      today: todayInShanghai(),
      checks: input.checks,
      // The office's evidence rules as they are after the update, like the schema.
      evidence: evidencePolicy(schemaDoc.getMap(META_MAP).entries()),
    },
    changes,
    metaChanges,
  );
  return error ? ruleRefusal(error) : changes;
}
