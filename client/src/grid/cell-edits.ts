// Applies cell edits from the grid (one typed cell, a pasted block, a cleared range) to
// the room documents: each value is read and validated by the shared rules, refused ones
// are reported with their reason, and the rest go in as one transaction per room with the
// local-edit origin (so one paste is one undo step).
import {
  type DomainError,
  domainError,
  fieldByKey,
  type TableSchema,
  updateRow,
  validateValue,
} from '@civic-ledger/shared';
import type * as Y from 'yjs';
import type { Lookups } from '../registry/lookups.ts';
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
): EditOutcome {
  const refused: { edit: CellEdit; error: DomainError }[] = [];
  // room → row → patch
  const patches = new Map<string, Map<string, Record<string, unknown>>>();
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
    const rows = patches.get(edit.room) ?? new Map<string, Record<string, unknown>>();
    const patch = rows.get(edit.rowId) ?? {};
    patch[edit.key] = checked.value;
    rows.set(edit.rowId, patch);
    patches.set(edit.room, rows);
  }
  let applied = 0;
  for (const [room, rows] of patches) {
    const doc = docOf(room);
    if (!doc) continue;
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
