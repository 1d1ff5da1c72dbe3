// Copy and paste of cell ranges as TSV, to and from real spreadsheets: what is copied is
// what the grid shows (labels, names, Shanghai times), and pasted text is read back by
// the same rules as typing.
import type { Locale, TableSchema } from '@civic-ledger/shared';
import { fieldByKey } from '@civic-ledger/shared';
import type { GridApi } from 'ag-grid-community';
import type { Lookups } from '../registry/lookups.ts';
import type { CellEdit } from './cell-edits.ts';
import { formatCell } from './cell-format.ts';
import { type Bounds, pasteTargets } from './cell-range.ts';
import type { GridRow } from './grid-row.ts';
import { MAX_READ_CELLS, type RangeController } from './range-controller.ts';
import { formatTsv, parseTsv } from './tsv.ts';

export function copyText(
  range: RangeController,
  target: Bounds,
  schema: TableSchema,
  locale: Locale,
  lookups: Lookups,
): { text: string; cells: number } {
  const cells = (target.bottom - target.top + 1) * (target.right - target.left + 1);
  if (cells > MAX_READ_CELLS) return { text: '', cells: 0 };
  const rows = range.cells(target).map((row) =>
    row.map(({ node, column }) => {
      const key = column.getColId();
      const field = fieldByKey(schema, key);
      const value = node.data?.[key];
      if (!field) return value === undefined || value === null ? '' : String(value);
      return formatCell(field, value ?? null, locale, lookups);
    }),
  );
  return { text: formatTsv(rows), cells };
}

/** The edits a paste of `text` at `target` makes (read-only cells included, to be refused). */
export function pasteEdits(
  api: GridApi<GridRow>,
  target: Bounds,
  text: string,
): { edits: CellEdit[]; area: Bounds } {
  const block = parseTsv(text);
  const width = Math.max(0, ...block.map((r) => r.length));
  if (block.length === 0 || width === 0) return { edits: [], area: target };
  const columns = api.getAllDisplayedColumns();
  const targets = pasteTargets(
    target,
    { rows: block.length, cols: width },
    { rows: api.getDisplayedRowCount(), cols: columns.length },
  );
  const edits: CellEdit[] = [];
  let bottom = target.top;
  let right = target.left;
  for (const t of targets) {
    const node = api.getDisplayedRowAtIndex(t.row);
    const column = columns[t.col];
    const data = node?.data;
    if (!data || !column || typeof data.id !== 'string') continue;
    edits.push({
      room: data.$room,
      rowId: data.id,
      key: column.getColId(),
      raw: block[t.srcRow]?.[t.srcCol] ?? '',
    });
    bottom = Math.max(bottom, t.row);
    right = Math.max(right, t.col);
  }
  return { edits, area: { top: target.top, left: target.left, bottom, right } };
}
