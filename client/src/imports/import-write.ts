// Writing a confirmed import: the accepted rows get their ids here, are tried on a scratch
// copy and judged by the server's own rules (`checkLocal`, as every grid edit is), then go
// into the room's document in ONE transaction with the grid's local-edit origin, so the
// grid's undo takes the whole import back in one step. Any refusal writes nothing.
import {
  applyImportRows,
  type DomainError,
  domainError,
  fail,
  initTable,
  newRowId,
  ok,
  type Result,
  type RowValues,
  readTableSchema,
  schemaForTable,
  type TableName,
} from '@civic-ledger/shared';
import type * as Y from 'yjs';
import { LOCAL_EDIT } from '../grid/undo-history.ts';
import { checkLocal, dryRun, type LocalRules } from '../table/local-rules.ts';

/**
 * Largest change one import may make. One transaction is one sync message, and the server
 * closes a connection over MAX_MESSAGE_BYTES (1 MiB by default); keep clear of it.
 */
const MAX_IMPORT_UPDATE_BYTES = 900 * 1024;

export interface ImportWrite {
  readonly room: string;
  readonly table: TableName;
  readonly doc: Y.Doc;
  /** The rows the preview accepted, as it gave them. */
  readonly rows: readonly RowValues[];
  readonly rules: LocalRules;
  readonly maxUpdateBytes?: number;
}

/** The rows with the ids they will have; rows that bring their own (committees) keep it. */
function withIds(rows: readonly RowValues[]): RowValues[] {
  return rows.map((row) =>
    typeof row.id === 'string' && row.id !== '' ? { ...row } : { ...row, id: newRowId() },
  );
}

/** Writes the rows in the document `doc`; returns how many, or why none was written. */
export function writeImport(w: ImportWrite): Result<{ readonly ids: string[] }, DomainError> {
  if (w.rows.length === 0) return fail(domainError('import_nothing', '没有可导入的行', 'no rows to import'));
  const rows = withIds(w.rows);
  const write = (doc: Y.Doc) => {
    let result: ReturnType<typeof applyImportRows> | null = null;
    doc.transact(() => {
      if (!readTableSchema(doc).ok) initTable(doc, schemaForTable(w.table), LOCAL_EDIT);
      result = applyImportRows(doc, rows, { origin: LOCAL_EDIT, batchSize: rows.length });
    }, LOCAL_EDIT);
    return result as ReturnType<typeof applyImportRows> | null;
  };

  // A rehearsal on a scratch copy: what would change, how large the change is, and
  // whether the table model takes every row.
  let rehearsal: ReturnType<typeof applyImportRows> | null = null;
  let bytes = 0;
  const changes = dryRun(w.doc, (scratch) => {
    scratch.on('update', (update: Uint8Array) => {
      bytes += update.byteLength;
    });
    rehearsal = write(scratch);
  });
  const tried = rehearsal as ReturnType<typeof applyImportRows> | null;
  if (!tried) return fail(domainError('import_failed', '导入失败', 'the import failed'));
  if (!tried.ok) return fail(tried.error);
  const refused = checkLocal(w.rules, w.room, w.doc, changes.rows, changes.meta);
  if (refused) return fail(refused);
  const limit = w.maxUpdateBytes ?? MAX_IMPORT_UPDATE_BYTES;
  if (bytes > limit) {
    const fit = Math.max(1, Math.floor((rows.length * limit) / bytes));
    return fail(
      domainError(
        'import_too_many_rows',
        `一次导入的数据过大（${rows.length} 行），请把文件拆成每份不超过 ${fit} 行后分别导入`,
        `this import is too large to write at once (${rows.length} rows): split the file into parts of at most ${fit} rows`,
      ),
    );
  }
  const written = write(w.doc);
  if (!written) return fail(domainError('import_failed', '导入失败', 'the import failed'));
  return written.ok ? ok({ ids: written.value }) : fail(written.error);
}
