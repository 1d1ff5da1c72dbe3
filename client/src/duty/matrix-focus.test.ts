import { describe, expect, it } from 'vitest';
import { moveFocus } from './matrix-focus.ts';

describe('keyboard moves in the coverage matrix', () => {
  const at = { row: 2, col: 3 };

  it('moves one cell with the arrows and stops at the edges', () => {
    expect(moveFocus(at, 'ArrowRight', false, 5, 4)).toEqual({ row: 2, col: 3 });
    expect(moveFocus(at, 'ArrowLeft', false, 5, 4)).toEqual({ row: 2, col: 2 });
    expect(moveFocus(at, 'ArrowUp', false, 5, 4)).toEqual({ row: 1, col: 3 });
    expect(moveFocus({ row: 4, col: 0 }, 'ArrowDown', false, 5, 4)).toEqual({ row: 4, col: 0 });
  });

  it('jumps to the ends with Ctrl, Home and End', () => {
    expect(moveFocus(at, 'ArrowUp', true, 5, 4)).toEqual({ row: 0, col: 3 });
    expect(moveFocus(at, 'Home', false, 5, 4)).toEqual({ row: 2, col: 0 });
    expect(moveFocus(at, 'End', true, 5, 4)).toEqual({ row: 4, col: 3 });
    expect(moveFocus(at, 'Home', true, 5, 4)).toEqual({ row: 0, col: 0 });
  });

  it('moves by a page and ignores other keys', () => {
    expect(moveFocus({ row: 0, col: 1 }, 'PageDown', false, 30, 4)).toEqual({ row: 10, col: 1 });
    expect(moveFocus({ row: 3, col: 1 }, 'PageUp', false, 30, 4)).toEqual({ row: 0, col: 1 });
    expect(moveFocus(at, 'a', false, 5, 4)).toBeNull();
  });
});
