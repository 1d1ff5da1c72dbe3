// Copy and paste of cell ranges as TSV, to and from real spreadsheets: what is copied is
// what the grid shows (labels, names, Shanghai times), and pasted text is read back by
// the same rules as typing.
import type { Locale, TableSchema } from '@civic-ledger/shared';
import { fieldByKey } from '@civic-ledger/shared';
import type { GridApi } from 'ag-grid-community';
import type { Lookups } from '../registry/lookups.ts';
import type { CellEdit } from './cell-edits.ts';
import { formatCell } from './cell-format.ts';
import { type Bounds, pasteOverflow, pasteTargets } from './cell-range.ts';
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

/** One row a paste adds below the last row: its cells by column key, as pasted. */
export type PastedRow = readonly { readonly key: string; readonly raw: string }[];

export interface PasteEdits {
  /** Edits of rows already there (read-only cells included, to be refused). */
  readonly edits: CellEdit[];
  /** The cells of the rows already there that the paste covers. */
  readonly area: Bounds;
  /** The block's rows that fall below the last row, to be added as new rows. */
  readonly added: PastedRow[];
}

/** What a paste of `text` at `target` does: edits of the rows there, and the rows it adds. */
export function pasteEdits(api: GridApi<GridRow>, target: Bounds, text: string): PasteEdits {
  const block = parseTsv(text);
  const width = Math.max(0, ...block.map((r) => r.length));
  if (block.length === 0 || width === 0) return { edits: [], area: target, added: [] };
  const columns = api.getAllDisplayedColumns();
  const size = { rows: block.length, cols: width };
  const grid = { rows: api.getDisplayedRowCount(), cols: columns.length };
  const targets = pasteTargets(target, size, grid);
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
  const added = pasteOverflow(target, size, grid).map((row) =>
    row.cells.flatMap(({ col, srcCol }) => {
      const column = columns[col];
      return column ? [{ key: column.getColId(), raw: block[row.srcRow]?.[srcCol] ?? '' }] : [];
    }),
  );
  return { edits, area: { top: target.top, left: target.left, bottom, right }, added };
}
