// Reading an uploaded spreadsheet into a grid of cells for the import preview: XLSX with
// exceljs (merged cells repeat their value, formulas give their result, dates stay dates)
// and CSV as UTF-8 or GB18030 text. A file that cannot be read is an error value.
import {
  type DomainError,
  decodeText,
  domainError,
  fail,
  ok,
  parseCsv,
  type Result,
  type SheetCell,
} from '@civic-ledger/shared';
import type ExcelJS from 'exceljs';

/** exceljs is large: load it on the first spreadsheet, not at server start. */
const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

export type SheetFormat = 'xlsx' | 'csv';

export interface ReadSheet {
  readonly format: SheetFormat;
  /** Every sheet's name (one, `CSV`, for a CSV file). */
  readonly sheets: readonly string[];
  readonly sheet: string;
  readonly grid: SheetCell[][];
}

export type SheetReadErrorCode = 'import_unreadable' | 'import_no_sheet' | 'import_too_large';
type SheetReadError = DomainError<SheetReadErrorCode>;

/** Rows read at most: the preview's row limit plus room for titles, blanks and totals. */
const MAX_GRID_ROWS = 12_000;
const MAX_GRID_COLUMNS = 200;

/** XLSX files are zip archives: they start with `PK`. */
export function sniffFormat(bytes: Uint8Array, declared: string | undefined): SheetFormat {
  if (declared === 'xlsx' || declared === 'csv') return declared;
  return bytes[0] === 0x50 && bytes[1] === 0x4b ? 'xlsx' : 'csv';
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** exceljs gives dates as the sheet's wall clock in UTC fields. */
function fromDate(d: Date): SheetCell {
  if (Number.isNaN(d.getTime())) return null;
  const date = `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  const minutes = Math.min(
    1439,
    d.getUTCHours() * 60 + d.getUTCMinutes() + (d.getUTCSeconds() >= 30 ? 1 : 0),
  );
  if (minutes === 0) return { date };
  return { date, time: `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}` };
}

function fromExcel(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return fromDate(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('formula' in value || 'sharedFormula' in value) {
    return fromExcel((value as { result?: ExcelJS.CellValue }).result ?? null);
  }
  if ('error' in value) return String(value.error);
  return null;
}

/** How well a grid fits what is imported; picks the sheet when none is named. */
export type SheetScore = (grid: readonly (readonly SheetCell[])[]) => number;

function gridOf(ws: ExcelJS.Worksheet): SheetCell[][] {
  const columns = Math.min(ws.columnCount, MAX_GRID_COLUMNS);
  const grid: SheetCell[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: SheetCell[] = [];
    for (let col = 1; col <= columns; col++) cells.push(fromExcel(row.getCell(col).value));
    grid.push(cells);
  }
  return grid;
}

async function readXlsx(
  bytes: Uint8Array,
  wanted: string | undefined,
  score: SheetScore,
): Promise<Result<ReadSheet, SheetReadError>> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    return fail(
      domainError(
        'import_unreadable',
        '无法读取这个 Excel 文件',
        'this file cannot be read as an XLSX workbook',
      ),
    );
  }
  const sheets = workbook.worksheets.map((ws) => ws.name);
  const tooLarge = (ws: ExcelJS.Worksheet) => ws.rowCount > MAX_GRID_ROWS;
  if (wanted === undefined || wanted === '') {
    // No sheet named: the one that looks most like the table (a cover or notes sheet does not).
    let best: { name: string; grid: SheetCell[][]; score: number } | null = null;
    for (const ws of workbook.worksheets) {
      if (tooLarge(ws) || ws.actualRowCount === 0) continue;
      const grid = gridOf(ws);
      const s = score(grid);
      if (!best || s > best.score) best = { name: ws.name, grid, score: s };
    }
    if (!best)
      return fail(domainError('import_no_sheet', '文件中没有可读的工作表', 'the file has no readable sheet'));
    return ok({ format: 'xlsx', sheets, sheet: best.name, grid: best.grid });
  }
  const index = /^\d+$/.test(wanted) ? Number(wanted) - 1 : -1;
  const ws = workbook.worksheets.find((w) => w.name === wanted) ?? workbook.worksheets[index];
  if (!ws) {
    return fail(domainError('import_no_sheet', `没有工作表“${wanted}”`, `no sheet "${wanted}"`));
  }
  if (tooLarge(ws)) {
    return fail(
      domainError(
        'import_too_large',
        `工作表超过 ${MAX_GRID_ROWS} 行`,
        `the sheet has more than ${MAX_GRID_ROWS} rows`,
      ),
    );
  }
  return ok({ format: 'xlsx', sheets, sheet: ws.name, grid: gridOf(ws) });
}

function readCsv(bytes: Uint8Array): Result<ReadSheet, SheetReadError> {
  const parsed = parseCsv(decodeText(bytes), { maxRecords: MAX_GRID_ROWS });
  if (!parsed.ok) {
    const code = parsed.error.code === 'csv_too_large' ? 'import_too_large' : 'import_unreadable';
    return fail(domainError(code, parsed.error.message['zh-CN'], parsed.error.message.en));
  }
  return ok({
    format: 'csv',
    sheets: ['CSV'],
    sheet: 'CSV',
    grid: parsed.value.map((r) => r.slice(0, MAX_GRID_COLUMNS)),
  });
}

/** The grid of one sheet: the named (or 1-based numbered) one, else the best by `score`. */
export async function readSheetFile(
  bytes: Uint8Array,
  format: SheetFormat,
  sheet: string | undefined,
  score: SheetScore,
): Promise<Result<ReadSheet, SheetReadError>> {
  return format === 'xlsx' ? readXlsx(bytes, sheet, score) : readCsv(bytes);
}
