// The server's change rules, applied here before a local edit touches a document: the
// row as it is and as it would be become a RowChange and go through the shared
// `checkChanges` (the very function the server runs), so an edit the server would refuse
// (and answer by closing the connection) is refused here, with the same reason.
import {
  type CellValue,
  changedFields,
  checkChanges,
  type DomainError,
  domainError,
  evidencePolicy,
  getRow,
  META_MAP,
  type MetaChange,
  type Principal,
  parseRoomName,
  ROWS_MAP,
  type RowChange,
  type RowValues,
  readRoomSchema,
  roomAccess,
} from '@civic-ledger/shared';
import * as Y from 'yjs';

export interface LocalRules {
  readonly principal: Principal;
  /** The acting person's id in the people registry (recorded as `verifiedBy`), if known. */
  readonly actorId: string | null;
}

const UPDATED_AT = 'updatedAt';

export function readOnlyError(): DomainError {
  return domainError(
    'read_only',
    '只读：你的账号不能修改此表',
    'read-only: your account cannot change this table',
  );
}

/** The first rule these changes break in `room`, or null when the server will accept them. */
export function checkLocal(
  rules: LocalRules,
  room: string,
  doc: Y.Doc,
  rows: readonly RowChange[],
  meta: readonly MetaChange[] = [],
): DomainError | null {
  const parsed = parseRoomName(room);
  if (!parsed.ok) return parsed.error;
  if (roomAccess(rules.principal, parsed.value) !== 'write') return readOnlyError();
  return checkChanges(
    {
      schema: readRoomSchema(doc, parsed.value.table),
      evidence: evidencePolicy(doc.getMap(META_MAP).entries()),
      principal: rules.principal,
      room: parsed.value,
      rowsAfter: () => rowsAfter(doc, rows),
    },
    rows,
    meta,
  );
}

/** Every row of `doc` as it would be after `changes`. */
function* rowsAfter(doc: Y.Doc, changes: readonly RowChange[]): Iterable<readonly [string, RowValues]> {
  const changed = new Map(changes.map((c) => [c.rowId, c.after]));
  for (const [id, row] of doc.getMap(ROWS_MAP).entries()) {
    if (changed.has(id)) continue;
    const values = rowValues(row);
    if (values) yield [id, values];
  }
  for (const [id, after] of changed) if (after) yield [id, after];
}

/** A row as `updateRow(doc, rowId, patch)` would leave it (with its `updatedAt` stamp). */
export function plannedUpdate(
  doc: Y.Doc,
  rowId: string,
  patch: Readonly<Record<string, CellValue>>,
  nowIso: string,
): RowChange | null {
  const before = getRow(doc, rowId);
  if (!before) return null;
  const after: RowValues = { ...before };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete after[key];
    else after[key] = value;
  }
  const fields = changedFields(before, after);
  if (fields.length > 0 && !(UPDATED_AT in patch) && UPDATED_AT in before) {
    after[UPDATED_AT] = nowIso;
    if (!fields.includes(UPDATED_AT)) fields.push(UPDATED_AT);
  }
  return { rowId, before, after, fields };
}

export function plannedInsert(rowId: string, values: RowValues): RowChange {
  return { rowId, before: null, after: values, fields: changedFields(null, values) };
}

export function plannedDelete(doc: Y.Doc, rowId: string): RowChange | null {
  const before = getRow(doc, rowId);
  return before ? { rowId, before, after: null, fields: changedFields(before, null) } : null;
}

function rowValues(value: unknown): RowValues | null {
  if (!(value instanceof Y.Map)) return null;
  const out: RowValues = {};
  for (const [k, v] of value.entries()) out[k] = v as CellValue;
  return out;
}

/**
 * What `run` would change, found by running it on a scratch copy of `doc` (kept without
 * garbage collection, so undo can restore deleted values there as it would here).
 */
export function dryRun(doc: Y.Doc, run: (scratch: Y.Doc) => void): { rows: RowChange[]; meta: MetaChange[] } {
  const scratch = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
    const rowsMap = scratch.getMap(ROWS_MAP);
    const metaMap = scratch.getMap(META_MAP);
    const touched = new Set<string>();
    const metaKeys = new Set<string>();
    const onAfter = (tr: Y.Transaction) => {
      for (const [type, keys] of tr.changed) {
        if ((type as unknown) === rowsMap) {
          for (const k of keys) if (k !== null) touched.add(k);
        } else if ((type as unknown) === metaMap) {
          for (const k of keys) if (k !== null) metaKeys.add(k);
        } else if (type instanceof Y.Map && type._item?.parent === rowsMap && type._item.parentSub) {
          touched.add(type._item.parentSub);
        }
      }
    };
    scratch.on('afterTransaction', onAfter);
    run(scratch);
    scratch.off('afterTransaction', onAfter);
    const live = doc.getMap(ROWS_MAP);
    const rows: RowChange[] = [];
    for (const rowId of touched) {
      const before = rowValues(live.get(rowId));
      const after = rowValues(rowsMap.get(rowId));
      const fields = changedFields(before, after);
      if (fields.length > 0) rows.push({ rowId, before, after, fields });
    }
    const meta = [...metaKeys].map((key) => ({ key, after: metaMap.get(key) }));
    return { rows, meta };
  } finally {
    scratch.destroy();
  }
}
