// The grid's cell-range selection (AG Grid Community has none): shift+click, drag and
// shift+arrows extend it from an anchor; cells in it are painted through a class rule.
import type { Column, GridApi, IRowNode } from 'ag-grid-community';
import {
  type Bounds,
  bounds,
  type CellPos,
  type CellRange,
  contains,
  extendTo,
  singleCell,
} from './cell-range.ts';
import type { GridRow } from './grid-row.ts';

/** Largest selection read cell by cell (copy, sum); beyond it the status bar shows the count only. */
export const MAX_READ_CELLS = 200_000;

export class RangeController {
  private range: CellRange | null = null;
  private dragging = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly api: GridApi<GridRow>) {}

  get current(): CellRange | null {
    return this.range;
  }

  colIndex(colId: string): number {
    return this.api.getAllDisplayedColumns().findIndex((c) => c.getColId() === colId);
  }

  position(rowIndex: number | null, colId: string): CellPos | null {
    const col = this.colIndex(colId);
    return rowIndex === null || rowIndex < 0 || col < 0 ? null : { row: rowIndex, col };
  }

  select(pos: CellPos | null, extend: boolean): void {
    if (!pos) return;
    this.set(extend ? extendTo(this.range, pos) : singleCell(pos));
  }

  startDrag(pos: CellPos | null, extend: boolean): void {
    this.select(pos, extend);
    this.dragging = true;
  }

  dragOver(pos: CellPos | null): void {
    if (this.dragging && pos) this.set(extendTo(this.range, pos));
  }

  endDrag(): void {
    this.dragging = false;
  }

  contains(rowIndex: number | null, colId: string): boolean {
    if (!this.range || rowIndex === null) return false;
    // A single cell is shown by the grid's own focus ring.
    const b = bounds(this.range);
    if (b.top === b.bottom && b.left === b.right) return false;
    return contains(this.range, rowIndex, this.colIndex(colId));
  }

  /** The selection, or the focused cell when nothing is selected. */
  targetBounds(): Bounds | null {
    if (this.range) return bounds(this.range);
    const focused = this.api.getFocusedCell();
    if (!focused) return null;
    const pos = this.position(focused.rowIndex, focused.column.getColId());
    return pos ? bounds(singleCell(pos)) : null;
  }

  /** The cells of `b`, row by row, as grid nodes and columns (rows and columns that exist). */
  cells(b: Bounds): { node: IRowNode<GridRow>; column: Column }[][] {
    const columns = this.api.getAllDisplayedColumns();
    const out: { node: IRowNode<GridRow>; column: Column }[][] = [];
    const last = Math.min(b.bottom, this.api.getDisplayedRowCount() - 1);
    for (let r = b.top; r <= last; r++) {
      const node = this.api.getDisplayedRowAtIndex(r);
      if (!node) continue;
      const row: { node: IRowNode<GridRow>; column: Column }[] = [];
      for (let c = b.left; c <= b.right && c < columns.length; c++) {
        const column = columns[c];
        if (column) row.push({ node, column });
      }
      out.push(row);
    }
    return out;
  }

  clear(): void {
    this.set(null);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(range: CellRange | null): void {
    this.range = range;
    // Re-evaluates the class rule of the rendered cells only.
    if (!this.api.isDestroyed()) this.api.refreshCells();
    for (const l of this.listeners) l();
  }
}
