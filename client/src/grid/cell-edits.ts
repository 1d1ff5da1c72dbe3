// Applies cell edits from the grid (one typed cell, a pasted block, a cleared range) to
// the room documents: each value is read and validated by the shared rules, refused ones
// are reported with their reason, and the rest go in as one transaction per room with the
// local-edit origin (so one paste is one undo step). With the account's rules, a status
// change goes through the shared workflow (`applyTransition`, which also writes the dates
// and counters it implies) and each row's change is checked as the server will check it.
// A paste past the last row adds rows in the same transaction: each made complete from
// its pasted cells and the values a pasted row starts with, and refused whole (its cells
// counted) when the rules would refuse it, never half-created.
import {
  applyTransition,
  type CellValue,
  type DomainError,
  domainError,
  fieldByKey,
  getRow,
  insertRow,
  type LedgerStatus,
  nowIsoShanghai,
  type RowValues,
  refusalForRow,
  type TableSchema,
  updateRow,
  validateValue,
} from '@civic-ledger/shared';
import type * as Y from 'yjs';
import type { Lookups } from '../registry/lookups.ts';
import { checkLocal, type LocalRules, plannedInsert, plannedUpdate } from '../table/local-rules.ts';
import { parseCellInput } from './cell-input.ts';
import { isReadOnlyField } from './column-defs.ts';
import { LOCAL_EDIT } from './undo-history.ts';

export interface CellEdit {
  readonly room: string;
  readonly rowId: string;
  readonly key: string;
  /** As typed or pasted (a string), or a value from a typed editor. */
  readonly raw: unknown;
}

/** A row a paste adds: its id (edits name it) and the values it starts with before its cells. */
export interface AddedRow {
  readonly room: string;
  readonly rowId: string;
  readonly base: Readonly<Record<string, unknown>>;
}

export interface EditOutcome {
  readonly applied: number;
  /** Rows added (a paste past the last row). */
  readonly added: number;
  readonly refused: readonly { readonly edit: CellEdit; readonly error: DomainError }[];
}

const cannotAdd = (): DomainError =>
  domainError('cannot_add_rows', '这里不能新增行', 'rows cannot be added here');

export function applyCellEdits(
  docOf: (room: string) => Y.Doc | undefined,
  schema: TableSchema,
  edits: readonly CellEdit[],
  lookups: Lookups,
  rules: LocalRules | null = null,
  now: Date = new Date(),
  addedRows: readonly AddedRow[] = [],
): EditOutcome {
  const refused: { edit: CellEdit; error: DomainError }[] = [];
  const adding = new Map(addedRows.map((r) => [r.rowId, r]));
  // room → row → patch
  const patches = new Map<string, Map<string, Record<string, CellValue>>>();
  for (const edit of edits) {
    const field = fieldByKey(schema, edit.key);
    if (!field || isReadOnlyField(schema.table, edit.key)) {
      const label = field ? field.label : { 'zh-CN': edit.key, en: edit.key };
      refused.push({
        edit,
        error: domainError('read_only', `「${label['zh-CN']}」不能修改`, `${label.en} cannot be changed`),
      });
      continue;
    }
    const checked = validateValue(field, parseCellInput(field, edit.raw, lookups));
    if (!checked.ok) {
      // A paste may span many rows: the reason names which one (an issue by its code).
      refused.push({ edit, error: refusalForRow(schema.table, edit.rowId, checked.error) });
      continue;
    }
    const rows = patches.get(edit.room) ?? new Map<string, Record<string, CellValue>>();
    const patch = rows.get(edit.rowId) ?? {};
    patch[edit.key] = checked.value;
    rows.set(edit.rowId, patch);
    patches.set(edit.room, rows);
  }
  let applied = 0;
  let added = 0;
  const refuseRow = (room: string, rowId: string, patch: Record<string, CellValue>, error: DomainError) => {
    for (const key of Object.keys(patch))
      refused.push({ edit: { room, rowId, key, raw: patch[key] }, error });
  };
  for (const [room, rows] of patches) {
    const doc = docOf(room);
    if (!doc) continue;
    // A new row starts from its base values with the pasted cells over them.
    const full = new Map<string, RowValues>();
    for (const [rowId, patch] of rows) {
      const row = adding.get(rowId);
      if (!row) continue;
      if (row.room !== room) {
        rows.delete(rowId);
        refuseRow(room, rowId, patch, cannotAdd());
        continue;
      }
      full.set(rowId, newRowValues(schema, rowId, row.base, patch));
    }
    if (rules) {
      for (const [rowId, patch] of rows) {
        const values = full.get(rowId);
        const error = values
          ? checkLocal(rules, room, doc, [plannedInsert(rowId, values)])
          : judgeRow(doc, room, rowId, patch, schema, rules, now);
        if (!error) continue;
        rows.delete(rowId);
        refuseRow(room, rowId, patch, error);
      }
    }
    if (rows.size === 0) continue;
    doc.transact(() => {
      for (const [rowId, patch] of rows) {
        const values = full.get(rowId);
        const result = values ? insertRow(doc, values, LOCAL_EDIT) : updateRow(doc, rowId, patch, LOCAL_EDIT);
        if (!result.ok) {
          refuseRow(room, rowId, patch, result.error);
          continue;
        }
        applied += Object.keys(patch).length;
        if (values) added++;
      }
    }, LOCAL_EDIT);
  }
  return { applied, added, refused };
}

/** A pasted new row as it will be stored: its base, its cells, its id and the schema's defaults. */
function newRowValues(
  schema: TableSchema,
  rowId: string,
  base: Readonly<Record<string, unknown>>,
  patch: Record<string, CellValue>,
): RowValues {
  const values: RowValues = { ...(base as RowValues), ...patch, id: rowId };
  for (const field of schema.fields)
    if (values[field.key] === undefined && field.default !== undefined) values[field.key] = field.default;
  return values;
}

/**
 * Completes a row's patch by the workflow (a status change brings its dates and counters)
 * and checks it by the server's rules; returns the reason it must not be made, if any.
 * The patch is completed in place.
 */
function judgeRow(
  doc: Y.Doc,
  room: string,
  rowId: string,
  patch: Record<string, CellValue>,
  schema: TableSchema,
  rules: LocalRules,
  now: Date,
): DomainError | null {
  if (schema.table === 'ledger' && 'status' in patch && patch.status !== null) {
    const row = getRow(doc, rowId);
    if (row && row.status !== patch.status) {
      const { status, ...rest } = patch;
      const moved = applyTransition({ ...row, ...rest }, status as LedgerStatus, {
        principal: rules.principal,
        actorId: rules.actorId,
        now,
      });
      // Named like every other refusal: the issue by its code.
      if (!moved.ok) return refusalForRow(schema.table, rowId, moved.error);
      // Fields typed in the same paste win over what the workflow fills in.
      Object.assign(patch, moved.value, rest);
    }
  }
  const change = plannedUpdate(doc, rowId, patch, nowIsoShanghai(now));
  return change ? checkLocal(rules, room, doc, [change]) : null;
}
