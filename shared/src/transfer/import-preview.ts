// The preview of an import: every data row of a sheet read through the column mapping,
// each value validated for its field and each row checked against the same change rules
// the server applies, giving the rows to write and the rejected rows with their reasons.

import type { LocalizedText } from '../core/localized.ts';
import { type DomainError, domainError, fail, ok, type Result } from '../core/result.ts';
import type { Principal } from '../rules/access.ts';
import { checkChanges, rowLabel } from '../rules/change-rules.ts';
import { type FieldDef, fieldByKey, type RowValues, validateValue } from '../schema/fields.ts';
import type { TableName, TableSchema } from '../schema/table-schema.ts';
import type { Room } from '../sync/rooms.ts';
import { importableFields, isImportable, missingRequiredFields } from './import-fields.ts';
import { type ColumnMapping, findHeaderRow, guessMapping, headerTexts } from './import-mapping.ts';
import { cellText, type ImportLookups, readCell, type SheetCell } from './import-values.ts';

export interface ImportRequest {
  /** The sheet's cells, row by row from its first row (blank rows included). */
  readonly grid: readonly (readonly SheetCell[])[];
  /** The effective schema of the target room (custom columns included). */
  readonly schema: TableSchema;
  readonly room: Room;
  /** Who imports: rows they could not write through the grid are rejected here too. */
  readonly principal: Principal;
  readonly lookups?: ImportLookups;
  /** 1-based row of the headers; found when absent. */
  readonly headerRow?: number;
  /** The mapping the person confirmed; guessed when absent. */
  readonly mapping?: readonly { readonly column: number; readonly field: string | null }[];
  /** Values for fields no column feeds, or whose cell is empty (e.g. one source for the sheet). */
  readonly fixed?: Readonly<Record<string, SheetCell>>;
  /** Ids already in the room (tables whose ids come from the sheet, such as committees). */
  readonly existingIds?: ReadonlySet<string>;
  readonly maxRows?: number;
}

export interface ImportProblem {
  readonly field: string | null;
  /** 0-based column, null for a fixed value or a whole-row rule. */
  readonly column: number | null;
  readonly header: string | null;
  readonly value: string;
  readonly code: string;
  readonly message: LocalizedText;
}

export interface ImportedRow {
  /** 1-based row number in the sheet, as the spreadsheet shows it. */
  readonly line: number;
  /** The row to insert; without an `id`, one is made when it is written. */
  readonly values: RowValues;
}

export interface RejectedRow {
  readonly line: number;
  readonly cells: readonly string[];
  readonly problems: readonly ImportProblem[];
}

export interface ImportPreview {
  readonly table: TableName;
  readonly room: string;
  /** 1-based. */
  readonly headerRow: number;
  readonly columns: readonly ColumnMapping[];
  /** Required fields that neither a column nor a fixed value nor a default supplies. */
  readonly missingRequired: readonly { readonly key: string; readonly label: LocalizedText }[];
  readonly rows: readonly ImportedRow[];
  readonly rejected: readonly RejectedRow[];
  readonly skipped: { readonly blank: number; readonly repeatedHeader: number; readonly totals: number };
}

export type ImportErrorCode =
  | 'import_empty'
  | 'import_too_many_rows'
  | 'import_bad_mapping'
  | 'import_bad_header_row';
export type ImportError = DomainError<ImportErrorCode>;

export const DEFAULT_MAX_IMPORT_ROWS = 10_000;
/** Any valid row id: stands in for the id `insertRow` makes, for the rule check. */
const PLACEHOLDER_ID = 'IMPORT_PREVIEW_ROW';
const TOTAL_ROW = /^(合计|总计|小计|共计)/;

function badMapping(zh: string, en: string): { ok: false; error: ImportError } {
  return fail(domainError('import_bad_mapping', `列对应有误：${zh}`, `bad column mapping: ${en}`));
}

function resolveMapping(
  headers: readonly string[],
  req: ImportRequest,
): Result<ColumnMapping[], ImportError> {
  if (!req.mapping) return ok(guessMapping(headers, req.schema));
  const seen = new Set<string>();
  const out: ColumnMapping[] = [];
  for (const m of req.mapping) {
    if (!Number.isInteger(m.column) || m.column < 0) return badMapping('列号无效', 'invalid column');
    if (m.field !== null) {
      if (!fieldByKey(req.schema, m.field)) return badMapping(`没有字段 ${m.field}`, `no field ${m.field}`);
      if (seen.has(m.field))
        return badMapping(`字段 ${m.field} 对应了多列`, `field ${m.field} is mapped twice`);
      seen.add(m.field);
    }
    out.push({ column: m.column, header: headers[m.column] ?? '', field: m.field });
  }
  return ok(out.sort((a, b) => a.column - b.column));
}

function problem(
  field: FieldDef | null,
  column: number | null,
  header: string | null,
  value: string,
  error: DomainError,
): ImportProblem {
  return { field: field?.key ?? null, column, header, value, code: error.code, message: error.message };
}

/** The field a change-rule error is about, when its code says so. */
function ruleField(code: string): string | null {
  if (code.startsWith('transition_')) return 'status';
  if (code === 'wrong_committee') return 'committeeId';
  if (code === 'recurrences_by_reopen') return 'recurrences';
  return null;
}

/** Read, validate and check every data row of the sheet. Nothing is written. */
export function previewImport(req: ImportRequest): Result<ImportPreview, ImportError> {
  const { grid, schema, room } = req;
  if (grid.length === 0) return fail(domainError('import_empty', '文件中没有数据', 'the file holds no data'));
  const headerIndex = req.headerRow !== undefined ? req.headerRow - 1 : findHeaderRow(grid, schema);
  if (!Number.isInteger(headerIndex) || headerIndex < 0 || headerIndex >= grid.length) {
    return fail(domainError('import_bad_header_row', '表头行号无效', 'invalid header row'));
  }
  const headers = headerTexts(grid[headerIndex] ?? []);
  const mapped = resolveMapping(headers, req);
  if (!mapped.ok) return mapped;
  const columns = mapped.value;
  const committeeId = room.committeeId ?? null;
  const fed = new Set(columns.flatMap((c) => (c.field ? [c.field] : [])));
  for (const key of Object.keys(req.fixed ?? {})) fed.add(key);
  const missingRequired = missingRequiredFields(
    importableFields(schema),
    (key) => fed.has(key),
    committeeId,
  ).map((f) => ({ key: f.key, label: f.label }));

  const rows: ImportedRow[] = [];
  const rejected: RejectedRow[] = [];
  const skipped = { blank: 0, repeatedHeader: 0, totals: 0 };
  const seenIds = new Set<string>();
  const maxRows = req.maxRows ?? DEFAULT_MAX_IMPORT_ROWS;
  const headerKey = headers.join('\u0000');
  for (let index = headerIndex + 1; index < grid.length; index++) {
    const cells = (grid[index] ?? []).map(cellText);
    if (cells.every((t) => t === '')) {
      skipped.blank++;
      continue;
    }
    if (cells.join('\u0000') === headerKey) {
      skipped.repeatedHeader++;
      continue;
    }
    if (TOTAL_ROW.test(cells.find((t) => t !== '') ?? '')) {
      skipped.totals++;
      continue;
    }
    if (rows.length + rejected.length >= maxRows) {
      return fail(
        domainError(
          'import_too_many_rows',
          `一次最多导入 ${maxRows} 行`,
          `at most ${maxRows} rows per import`,
        ),
      );
    }
    const line = index + 1;
    const result = readRow(req, columns, grid[index] ?? [], committeeId, seenIds);
    if (result.problems.length === 0) rows.push({ line, values: result.values });
    else rejected.push({ line, cells, problems: result.problems });
  }
  return ok({
    table: schema.table,
    room: room.name,
    headerRow: headerIndex + 1,
    columns,
    missingRequired,
    rows,
    rejected,
    skipped,
  });
}

function readRow(
  req: ImportRequest,
  columns: readonly ColumnMapping[],
  row: readonly SheetCell[],
  committeeId: string | null,
  seenIds: Set<string>,
): { values: RowValues; problems: ImportProblem[] } {
  const { schema } = req;
  const values: RowValues = {};
  const problems: ImportProblem[] = [];
  const judged = new Set<string>();
  const take = (field: FieldDef, cell: SheetCell, column: number | null, header: string | null) => {
    const read = readCell(field, cell, req.lookups, committeeId);
    if (!read.ok) {
      judged.add(field.key);
      problems.push(problem(field, column, header, cellText(cell), read.error));
      return;
    }
    if (read.value === null) return;
    judged.add(field.key);
    const valid = validateValue(field, read.value);
    if (!valid.ok) problems.push(problem(field, column, header, cellText(cell), valid.error));
    else if (valid.value !== null) values[field.key] = valid.value;
  };
  for (const c of columns) {
    const field = c.field ? fieldByKey(schema, c.field) : undefined;
    if (field) take(field, row[c.column] ?? null, c.column, c.header);
  }
  for (const [key, cell] of Object.entries(req.fixed ?? {})) {
    const field = fieldByKey(schema, key);
    if (field && !judged.has(key)) take(field, cell, null, null);
  }
  if (committeeId !== null && schema.fields.some((f) => f.key === 'committeeId')) {
    if (values.committeeId === undefined && !judged.has('committeeId')) values.committeeId = committeeId;
    else if (values.committeeId !== undefined && values.committeeId !== committeeId) {
      const column = columns.find((c) => c.field === 'committeeId');
      problems.push({
        field: 'committeeId',
        column: column?.column ?? null,
        header: column?.header ?? null,
        value: String(values.committeeId),
        ...domainError(
          'wrong_committee',
          `「居民区」应为本居民区（${committeeId}）`,
          `Committee: must be this room's committee (${committeeId})`,
        ),
      });
    }
  }
  for (const field of schema.fields) {
    if (values[field.key] !== undefined || judged.has(field.key)) continue;
    if (field.default !== undefined && field.default !== null) values[field.key] = field.default;
    else if (field.required && isImportable(schema, field.key)) {
      const error = validateValue(field, null);
      if (!error.ok) problems.push(problem(field, null, null, '', error.error));
    }
  }
  const id = typeof values.id === 'string' ? values.id : null;
  if (id !== null && (seenIds.has(id) || req.existingIds?.has(id))) {
    problems.push({
      field: 'id',
      column: columns.find((c) => c.field === 'id')?.column ?? null,
      header: columns.find((c) => c.field === 'id')?.header ?? null,
      value: id,
      ...domainError('row_exists', `编号重复：${id}`, `duplicate id: ${id}`),
    });
  }
  if (id !== null) seenIds.add(id);
  if (problems.length > 0) return { values, problems };
  // The same rules the server applies to the update that writes the row.
  const rowId = id ?? PLACEHOLDER_ID;
  const after: RowValues = { ...values, id: rowId };
  const broken = checkChanges(
    { schema, principal: req.principal, room: req.room },
    [{ rowId, before: null, after, fields: Object.keys(after) }],
    [],
  );
  if (broken) {
    const key = ruleField(broken.code);
    // The rules name the row (an issue by its code); the report names it by its line, so drop that.
    const label = rowLabel(schema.table, rowId);
    const unprefix = (text: string, prefix: string) =>
      text.startsWith(prefix) ? text.slice(prefix.length) : text;
    const column = key ? columns.find((c) => c.field === key) : undefined;
    problems.push({
      field: key,
      column: column?.column ?? null,
      header: column?.header ?? null,
      value: key ? String(values[key] ?? '') : '',
      code: broken.code,
      message: {
        'zh-CN': unprefix(broken.message['zh-CN'], `${label['zh-CN']}：`),
        en: unprefix(broken.message.en, `${label.en}: `),
      },
    });
  }
  return { values, problems };
}
