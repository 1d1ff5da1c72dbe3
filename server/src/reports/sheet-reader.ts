// Reading an uploaded spreadsheet into a grid of cells for the import preview: XLSX part by
// part with its limits checked as it is read (xlsx-reader.ts), CSV as UTF-8 or GB18030 text
// with the same row and cell bounds. A file that cannot be read, or passes a limit, is an
// error value. Runs in the import worker (import-worker.ts), never on the event loop.
import { decodeText, fail, ok, parseCsv, type Result, type SheetCell } from '@civic-ledger/shared';
import {
  cellTooLong,
  isRowLimit,
  SHEET_LIMITS,
  type SheetLimits,
  type SheetReadError,
  tooManyRows,
} from './sheet-limits.ts';
import { type SheetRef, XlsxWorkbook } from './xlsx-reader.ts';

export type SheetFormat = 'xlsx' | 'csv';

export interface ReadSheet {
  readonly format: SheetFormat;
  /** Every sheet's name (one, `CSV`, for a CSV file). */
  readonly sheets: readonly string[];
  readonly sheet: string;
  readonly grid: SheetCell[][];
}

/** XLSX files are zip archives: they start with `PK`. */
export function sniffFormat(bytes: Uint8Array, declared: string | undefined): SheetFormat {
  if (declared === 'xlsx' || declared === 'csv') return declared;
  return bytes[0] === 0x50 && bytes[1] === 0x4b ? 'xlsx' : 'csv';
}

/** How well a grid fits what is imported; picks the sheet when none is named. */
export type SheetScore = (grid: readonly (readonly SheetCell[])[]) => number;

function hasContent(grid: readonly (readonly SheetCell[])[]): boolean {
  return grid.some((row) => row.some((cell) => cell !== null && cell !== ''));
}

async function readXlsx(
  bytes: Uint8Array,
  wanted: string | undefined,
  score: SheetScore,
  limits: SheetLimits,
): Promise<Result<ReadSheet, SheetReadError>> {
  const opened = await XlsxWorkbook.open(bytes, limits);
  if (!opened.ok) return opened;
  const workbook = opened.value;
  const sheets = workbook.sheets.map((s) => s.name);
  if (wanted === undefined || wanted === '') {
    // No sheet named: the one that looks most like the table (a cover or notes sheet does
    // not). A sheet over the row limit is passed over; if nothing else is left, that is the answer.
    let best: { name: string; grid: SheetCell[][]; score: number } | null = null;
    let refusal: SheetReadError | null = null;
    for (const ref of workbook.sheets) {
      const read = await workbook.readSheet(ref);
      if (!read.ok) {
        if (isRowLimit(read.error, limits)) {
          refusal = read.error;
          continue;
        }
        return read;
      }
      if (!hasContent(read.value)) continue;
      const s = score(read.value);
      if (!best || s > best.score) best = { name: ref.name, grid: read.value, score: s };
    }
    if (best) return ok({ format: 'xlsx', sheets, sheet: best.name, grid: best.grid });
    return fail(
      refusal ?? {
        code: 'import_no_sheet',
        message: { 'zh-CN': '文件中没有可读的工作表', en: 'the file has no readable sheet' },
      },
    );
  }
  const index = /^\d+$/.test(wanted) ? Number(wanted) - 1 : -1;
  const ref: SheetRef | undefined = workbook.sheets.find((s) => s.name === wanted) ?? workbook.sheets[index];
  if (!ref) {
    return fail({
      code: 'import_no_sheet',
      message: { 'zh-CN': `没有工作表“${wanted}”`, en: `no sheet "${wanted}"` },
    });
  }
  const read = await workbook.readSheet(ref);
  if (!read.ok) return read;
  return ok({ format: 'xlsx', sheets, sheet: ref.name, grid: read.value });
}

function readCsv(bytes: Uint8Array, limits: SheetLimits): Result<ReadSheet, SheetReadError> {
  const parsed = parseCsv(decodeText(bytes), { maxRecords: limits.maxRows });
  if (!parsed.ok) {
    if (parsed.error.code === 'csv_too_large') return fail(tooManyRows(limits));
    return fail({ code: 'import_unreadable', message: parsed.error.message });
  }
  const grid: SheetCell[][] = [];
  for (const record of parsed.value) {
    const row = record.slice(0, limits.maxColumns);
    if (row.some((cell) => cell.length > limits.maxCellChars)) return fail(cellTooLong(limits, 'CSV'));
    grid.push(row);
  }
  return ok({ format: 'csv', sheets: ['CSV'], sheet: 'CSV', grid });
}

/** The grid of one sheet: the named (or 1-based numbered) one, else the best by `score`. */
export async function readSheetFile(
  bytes: Uint8Array,
  format: SheetFormat,
  sheet: string | undefined,
  score: SheetScore,
  limits: SheetLimits = SHEET_LIMITS,
): Promise<Result<ReadSheet, SheetReadError>> {
  return format === 'xlsx' ? readXlsx(bytes, sheet, score, limits) : readCsv(bytes, limits);
}
