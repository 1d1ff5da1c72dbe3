// The row object the grid holds: a table row's values plus the room it lives in (a view
// may show several rooms, e.g. every committee's ledger for the office).
import type { Locale, RowValues } from '@civic-ledger/shared';
import type { Presence } from '../presence/presence-map.ts';
import type { Lookups } from '../registry/lookups.ts';

export type GridRow = RowValues & { readonly $room: string };

export function gridRow(values: RowValues, room: string): GridRow {
  return { ...values, $room: room };
}

/**
 * What every grid callback reads through `params.context`. One object per grid, updated in
 * place (then the grid's cells are refreshed), so column definitions never need rebuilding.
 */
export interface GridContext {
  locale: Locale;
  lookups: Lookups;
  presence: Presence;
}
