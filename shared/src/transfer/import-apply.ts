// Writing the rows of a confirmed import into a room's document, on the client: all rows
// are checked first (all or nothing), then written as one undoable change.
//
// The server only parses, validates and previews (POST /api/import/preview); the write is
// an ordinary document change, so it syncs offline, merges like any edit and is checked
// by the server's change rules like any edit. Rows go in batches, each its own
// transaction and so its own sync message, to stay under the server's message size limit;
// the batches are written back to back, and `Y.UndoManager` captures consecutive
// transactions within its capture timeout as one stack item, so one undo removes them all.
import type * as Y from 'yjs';
import { type DomainError, fail, ok, type Result } from '../core/result.ts';
import { deadlineRulesOf } from '../rules/deadline-rule.ts';
import { missingDeadline } from '../rules/deadlines.ts';
import { type RowValues, validateRow } from '../schema/fields.ts';
import { insertRow } from '../sync/table.ts';
import { readTableSchema, type TableError } from '../sync/table-meta.ts';

/** Rows per transaction: a ledger row encodes to well under 1 KB, messages may be 1 MB. */
export const IMPORT_BATCH_ROWS = 500;

/** Stands in for the id `insertRow` makes, so a row can be judged before it has one. */
const PLACEHOLDER_ID = 'IMPORT_PENDING_ROW';

export interface ImportWriteOptions {
  /** Transaction origin: the one the client's UndoManager tracks. */
  readonly origin?: unknown;
  /** When given, the import is fenced off so it is undone alone, not with a nearby edit. */
  readonly undoManager?: Y.UndoManager;
  readonly batchSize?: number;
}

export type ImportWriteError = TableError & { readonly index?: number };

function atIndex(index: number, error: TableError): ImportWriteError {
  const e = error as DomainError;
  return {
    ...error,
    index,
    message: {
      'zh-CN': `第 ${index + 1} 条：${e.message['zh-CN']}`,
      en: `row ${index + 1}: ${e.message.en}`,
    },
  };
}

/** Ledger rows without a deadline get theirs at entry, by the ledger's rules (see `defaultDeadline`). */
function withDeadlines(doc: Y.Doc, rows: readonly Readonly<RowValues>[]): readonly Readonly<RowValues>[] {
  const rules = deadlineRulesOf(doc.getMap<unknown>('meta').entries());
  return rows.map((row) => {
    const deadline = missingDeadline(row, rules);
    return deadline === null ? row : { ...row, deadline };
  });
}

/**
 * Inserts `rows`; returns their ids. Nothing is written if any row would be refused. Ledger
 * rows that come without a deadline are given one.
 */
export function applyImportRows(
  doc: Y.Doc,
  imported: readonly Readonly<RowValues>[],
  options: ImportWriteOptions = {},
): Result<string[], ImportWriteError> {
  const schema = readTableSchema(doc);
  if (!schema.ok) return schema;
  const rows = schema.value.table === 'ledger' ? withDeadlines(doc, imported) : imported;
  const existing = doc.getMap<unknown>('rows');
  for (const [index, row] of rows.entries()) {
    const checked = validateRow(schema.value, { ...row, id: row.id ?? PLACEHOLDER_ID });
    if (!checked.ok) return fail(atIndex(index, checked.error));
    if (typeof row.id === 'string' && existing.has(row.id)) {
      return fail(
        atIndex(index, { code: 'row_exists', message: { 'zh-CN': '这一行已存在', en: 'row exists' } }),
      );
    }
  }
  const size = Math.max(1, options.batchSize ?? IMPORT_BATCH_ROWS);
  const ids: string[] = [];
  options.undoManager?.stopCapturing();
  for (let start = 0; start < rows.length; start += size) {
    let failure: ImportWriteError | null = null;
    doc.transact(() => {
      for (let i = start; i < Math.min(rows.length, start + size); i++) {
        const inserted = insertRow(doc, rows[i] ?? {}, options.origin);
        if (!inserted.ok) {
          failure = atIndex(i, inserted.error);
          return;
        }
        ids.push(String(inserted.value.id));
      }
    }, options.origin);
    // Unreachable after the checks above, short of a concurrent schema change.
    if (failure) return fail(failure);
  }
  options.undoManager?.stopCapturing();
  return ok(ids);
}
