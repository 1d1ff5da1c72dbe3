// Keyboard moves in the coverage matrix, as in a spreadsheet: arrows by one cell, Home /
// End to the ends of the row (with Ctrl: of the whole matrix), PageUp / PageDown by a page.

export interface CellPos {
  readonly row: number;
  readonly col: number;
}

const PAGE_ROWS = 10;

function clamp(n: number, max: number): number {
  return Math.min(Math.max(n, 0), Math.max(max, 0));
}

/** Where a key moves the focus in a rows × cols matrix; null for keys that do not move it. */
export function moveFocus(
  pos: CellPos,
  key: string,
  ctrl: boolean,
  rows: number,
  cols: number,
): CellPos | null {
  const lastRow = rows - 1;
  const lastCol = cols - 1;
  switch (key) {
    case 'ArrowUp':
      return { row: clamp(ctrl ? 0 : pos.row - 1, lastRow), col: pos.col };
    case 'ArrowDown':
      return { row: clamp(ctrl ? lastRow : pos.row + 1, lastRow), col: pos.col };
    case 'ArrowLeft':
      return { row: pos.row, col: clamp(ctrl ? 0 : pos.col - 1, lastCol) };
    case 'ArrowRight':
      return { row: pos.row, col: clamp(ctrl ? lastCol : pos.col + 1, lastCol) };
    case 'Home':
      return { row: ctrl ? 0 : pos.row, col: 0 };
    case 'End':
      return { row: ctrl ? clamp(lastRow, lastRow) : pos.row, col: clamp(lastCol, lastCol) };
    case 'PageUp':
      return { row: clamp(pos.row - PAGE_ROWS, lastRow), col: pos.col };
    case 'PageDown':
      return { row: clamp(pos.row + PAGE_ROWS, lastRow), col: pos.col };
    default:
      return null;
  }
}
