import { describe, expect, it } from 'vitest';
import { selectionStats } from './selection-stats.ts';

describe('selection figures', () => {
  it('counts filled cells and sums only the numbers', () => {
    expect(selectionStats([1, 2.5, 'x', null, undefined, '', [], ['a'], 0])).toEqual({
      cells: 9,
      filled: 5,
      numbers: 3,
      sum: 3.5,
    });
  });
});
