// A rectangular selection of cells in the grid's displayed order, from the cell where it
// started (anchor) to the cell it was extended to (focus): shift+click, shift+arrows, drag.

export interface CellPos {
  /** Displayed row index (after sort and filter). */
  readonly row: number;
  /** Index among the displayed columns. */
  readonly col: number;
}

export interface CellRange {
  readonly anchor: CellPos;
  readonly focus: CellPos;
}

export interface Bounds {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

export function singleCell(pos: CellPos): CellRange {
  return { anchor: pos, focus: pos };
}

export function extendTo(range: CellRange | null, pos: CellPos): CellRange {
  return { anchor: range?.anchor ?? pos, focus: pos };
}

export function bounds(range: CellRange): Bounds {
  return {
    top: Math.min(range.anchor.row, range.focus.row),
    bottom: Math.max(range.anchor.row, range.focus.row),
    left: Math.min(range.anchor.col, range.focus.col),
    right: Math.max(range.anchor.col, range.focus.col),
  };
}

export function contains(range: CellRange | null, row: number, col: number): boolean {
  if (!range) return false;
  const b = bounds(range);
  return row >= b.top && row <= b.bottom && col >= b.left && col <= b.right;
}

export function cellCount(range: CellRange): number {
  const b = bounds(range);
  return (b.bottom - b.top + 1) * (b.right - b.left + 1);
}

/**
 * Where pasted rows × columns land. A single value pasted over a selection fills it; a
 * block is pasted from the selection's top-left corner, clipped to the grid.
 */
export function pasteTargets(
  selection: Bounds,
  block: { rows: number; cols: number },
  grid: { rows: number; cols: number },
): { row: number; col: number; srcRow: number; srcCol: number }[] {
  const fill = block.rows === 1 && block.cols === 1;
  const rows = fill ? selection.bottom - selection.top + 1 : block.rows;
  const cols = fill ? selection.right - selection.left + 1 : block.cols;
  const out: { row: number; col: number; srcRow: number; srcCol: number }[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const row = selection.top + r;
      const col = selection.left + c;
      if (row >= grid.rows || col >= grid.cols) continue;
      out.push({ row, col, srcRow: fill ? 0 : r, srcCol: fill ? 0 : c });
    }
  }
  return out;
}

/**
 * The rows of a pasted block that fall below the grid's last row, as a spreadsheet adds
 * them: for each, the block row it comes from and its cells by column (clipped to the
 * grid's columns). A single value filling a selection never adds rows.
 */
export function pasteOverflow(
  selection: Bounds,
  block: { rows: number; cols: number },
  grid: { rows: number; cols: number },
): { srcRow: number; cells: { col: number; srcCol: number }[] }[] {
  if (block.rows === 1 && block.cols === 1) return [];
  const out: { srcRow: number; cells: { col: number; srcCol: number }[] }[] = [];
  for (let r = 0; r < block.rows; r++) {
    if (selection.top + r < grid.rows) continue;
    const cells: { col: number; srcCol: number }[] = [];
    for (let c = 0; c < block.cols && selection.left + c < grid.cols; c++)
      cells.push({ col: selection.left + c, srcCol: c });
    out.push({ srcRow: r, cells });
  }
  return out;
}
