// The sheets of an export: one per table (every room of the table together, ordered by
// room then row) and the totals sheet, as typed cells a writer puts in XLSX or CSV.

import type { Locale } from '../core/localized.ts';
import { districtTotals, type RoomRows } from '../reports/district-rows.ts';
import { schemaForTable } from '../schema/schema.ts';
import { TABLE_NAMES, type TableName, type TableSchema } from '../schema/table-schema.ts';
import {
  type ExportCell,
  exportColumns,
  exportRow,
  type RefNames,
  sheetName,
  TABLE_LABELS,
} from './export-format.ts';
import { TOTALS_SHEET_LABEL, TOTALS_SHEET_WIDTHS, totalsSheetRows } from './totals-sheet.ts';

export interface SheetColumn {
  readonly header: string;
  readonly width: number;
}

export interface ExportSheet {
  readonly name: string;
  /** The table it holds, `totals`, or the liaison daily report. */
  readonly content: TableName | 'totals' | 'liaison';
  readonly columns: readonly SheetColumn[];
  /** True when the first row is the column headers (frozen in XLSX). */
  readonly hasHeader: boolean;
  /** Data rows, not counting the header. */
  readonly rowCount: number;
  /** Every row to write, the header first when `hasHeader`, produced as they are written. */
  rows(): Iterable<ExportCell[]>;
}

/** Sheets are written in this order; the ledger first because managers open it first. */
const SHEET_ORDER: readonly TableName[] = ['ledger', 'roster', 'sites', 'people', 'committees'];

export interface ExportInput {
  /** The rooms to export (already limited to what the reader may see). */
  readonly rooms: readonly RoomRows[];
  /** Schemas by table with custom columns; the base schema when absent. */
  readonly schemas?: ReadonlyMap<TableName, TableSchema>;
  readonly names?: RefNames;
  /** The moment the rows show: "today" of the totals. */
  readonly at: Date;
  /** Tables to give a sheet; all by default. */
  readonly tables?: readonly TableName[];
  /** Add the totals sheet (computed over all of `rooms`). */
  readonly totals: boolean;
  readonly locale?: Locale;
}

function tableSheet(input: ExportInput, table: TableName): ExportSheet {
  const locale = input.locale ?? 'zh-CN';
  const columns = exportColumns(input.schemas?.get(table) ?? schemaForTable(table), locale);
  const rooms = input.rooms.filter((r) => r.table === table).sort((a, b) => (a.room < b.room ? -1 : 1));
  return {
    name: sheetName(TABLE_LABELS[table][locale]),
    content: table,
    columns: columns.map((c) => ({ header: c.header, width: c.width })),
    hasHeader: true,
    rowCount: rooms.reduce((n, r) => n + r.rows.length, 0),
    *rows() {
      yield columns.map((c): ExportCell => ({ type: 'text', text: c.header }));
      for (const room of rooms)
        for (const row of room.rows) yield exportRow(columns, row, input.names, locale, input.at);
    },
  };
}

function totalsSheet(input: ExportInput): ExportSheet {
  const locale = input.locale ?? 'zh-CN';
  const rows = totalsSheetRows(
    districtTotals(input.rooms, input.at),
    input.names?.committee ?? new Map(),
    locale,
  );
  return {
    name: sheetName(TOTALS_SHEET_LABEL[locale]),
    content: 'totals',
    columns: TOTALS_SHEET_WIDTHS.map((width) => ({ header: '', width })),
    hasHeader: false,
    rowCount: rows.length,
    rows: () => rows,
  };
}

/** The sheets to write, tables in the usual order, then the totals. */
export function exportSheets(input: ExportInput): ExportSheet[] {
  const wanted = input.tables ?? TABLE_NAMES;
  const sheets = SHEET_ORDER.filter((t) => wanted.includes(t)).map((t) => tableSheet(input, t));
  if (input.totals) sheets.push(totalsSheet(input));
  return sheets;
}
