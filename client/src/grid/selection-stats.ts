// The status bar's figures for the selected cells: how many hold something, and the sum
// of those that are numbers (as a spreadsheet shows them).
import type { CellValue } from '@civic-ledger/shared';

export interface SelectionStats {
  readonly cells: number;
  readonly filled: number;
  readonly numbers: number;
  readonly sum: number;
}

export function selectionStats(values: readonly (CellValue | undefined)[]): SelectionStats {
  let filled = 0;
  let numbers = 0;
  let sum = 0;
  for (const v of values) {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    filled += 1;
    if (typeof v === 'number' && Number.isFinite(v)) {
      numbers += 1;
      sum += v;
    }
  }
  return { cells: values.length, filled, numbers, sum };
}
