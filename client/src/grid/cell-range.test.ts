import { describe, expect, it } from 'vitest';
import {
  bounds,
  cellCount,
  contains,
  extendTo,
  pasteOverflow,
  pasteTargets,
  singleCell,
} from './cell-range.ts';

describe('cell range selection', () => {
  it('extending keeps the anchor and normalises in any direction', () => {
    const range = extendTo(singleCell({ row: 5, col: 3 }), { row: 2, col: 1 });
    expect(range.anchor).toEqual({ row: 5, col: 3 });
    expect(bounds(range)).toEqual({ top: 2, bottom: 5, left: 1, right: 3 });
    expect(cellCount(range)).toBe(12);
    expect(contains(range, 3, 2)).toBe(true);
    expect(contains(range, 6, 2)).toBe(false);
  });

  it('a single pasted value fills the whole selection', () => {
    const targets = pasteTargets(
      { top: 1, bottom: 2, left: 0, right: 1 },
      { rows: 1, cols: 1 },
      { rows: 10, cols: 5 },
    );
    expect(targets).toHaveLength(4);
    expect(targets.every((t) => t.srcRow === 0 && t.srcCol === 0)).toBe(true);
  });

  it('a pasted block starts at the top-left of the selection and is clipped to the grid', () => {
    const targets = pasteTargets(
      { top: 8, bottom: 8, left: 3, right: 3 },
      { rows: 3, cols: 3 },
      { rows: 10, cols: 5 },
    );
    expect(targets.map((t) => [t.row, t.col])).toEqual([
      [8, 3],
      [8, 4],
      [9, 3],
      [9, 4],
    ]);
  });
});

describe('pasting past the last row', () => {
  it('gives the block rows below the grid, clipped to its columns', () => {
    const rows = pasteOverflow(
      { top: 9, bottom: 9, left: 4, right: 4 },
      { rows: 3, cols: 4 },
      { rows: 10, cols: 6 },
    );
    expect(rows.map((r) => r.srcRow)).toEqual([1, 2]);
    expect(rows[0]?.cells).toEqual([
      { col: 4, srcCol: 0 },
      { col: 5, srcCol: 1 },
    ]);
  });

  it('adds nothing when the block fits, or for one value filling a selection', () => {
    expect(
      pasteOverflow({ top: 0, bottom: 0, left: 0, right: 0 }, { rows: 3, cols: 2 }, { rows: 10, cols: 6 }),
    ).toEqual([]);
    expect(
      pasteOverflow({ top: 9, bottom: 9, left: 0, right: 0 }, { rows: 1, cols: 1 }, { rows: 10, cols: 6 }),
    ).toEqual([]);
  });
});
