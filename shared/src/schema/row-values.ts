// Typed reads of one cell of a plain row (as `readRows` gives them): the domain rules read
// rows that may come from any client, so a value of the wrong type reads as absent.
import type { RowValues } from './fields.ts';

/** The cell as a non-empty string, else null. */
export function textOf(row: Readonly<RowValues>, key: string): string | null {
  const value = row[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The cell as a finite number, else null. */
export function numberOf(row: Readonly<RowValues>, key: string): number | null {
  const value = row[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
