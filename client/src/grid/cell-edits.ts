// Applies cell edits from the grid (one typed cell, a pasted block, a cleared range) to
// the room documents: each value is read and validated by the shared rules, refused ones
// are reported with their reason, and the rest go in as one transaction per room with the
// local-edit origin (so one paste is one undo step). With the account's rules, a status
// change goes through the shared workflow (`applyTransition`, which also writes the dates
// and counters it implies) and each row's change is checked as the server will check it.
import {
  applyTransition,
  type CellValue,
  type DomainError,
  domainError,
  fieldByKey,
  getRow,
  type LedgerStatus,
  nowIsoShanghai,
  type TableSchema,
  updateRow,
  validateValue,
} from '@civic-ledger/shared';
import type * as Y from 'yjs';
import type { Lookups } from '../registry/lookups.ts';
import { checkLocal, type LocalRules, plannedUpdate } from '../table/local-rules.ts';
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

export interface EditOutcome {
  readonly applied: number;
  readonly refused: readonly { readonly edit: CellEdit; readonly error: DomainError }[];
}

export function applyCellEdits(
  docOf: (room: string) => Y.Doc | undefined,
  schema: TableSchema,
  edits: readonly CellEdit[],
  lookups: Lookups,
  rules: LocalRules | null = null,
  now: Date = new Date(),
): EditOutcome {
  const refused: { edit: CellEdit; error: DomainError }[] = [];
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
      refused.push({ edit, error: checked.error });
      continue;
    }
    const rows = patches.get(edit.room) ?? new Map<string, Record<string, CellValue>>();
    const patch = rows.get(edit.rowId) ?? {};
    patch[edit.key] = checked.value;
    rows.set(edit.rowId, patch);
    patches.set(edit.room, rows);
  }
  let applied = 0;
  for (const [room, rows] of patches) {
    const doc = docOf(room);
    if (!doc) continue;
    if (rules) {
      for (const [rowId, patch] of rows) {
        const error = judgeRow(doc, room, rowId, patch, schema, rules, now);
        if (!error) continue;
        rows.delete(rowId);
        for (const key of Object.keys(patch))
          refused.push({ edit: { room, rowId, key, raw: patch[key] }, error });
      }
    }
    if (rows.size === 0) continue;
    doc.transact(() => {
      for (const [rowId, patch] of rows) {
        const result = updateRow(doc, rowId, patch, LOCAL_EDIT);
        if (result.ok) applied += Object.keys(patch).length;
        else
          for (const key of Object.keys(patch))
            refused.push({ edit: { room, rowId, key, raw: patch[key] }, error: result.error });
      }
    }, LOCAL_EDIT);
  }
  return { applied, refused };
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
      if (!moved.ok) return moved.error;
      // Fields typed in the same paste win over what the workflow fills in.
      Object.assign(patch, moved.value, rest);
    }
  }
  const change = plannedUpdate(doc, rowId, patch, nowIsoShanghai(now));
  return change ? checkLocal(rules, room, doc, [change]) : null;
}
