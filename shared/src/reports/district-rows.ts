// The rows of a set of rooms at one moment (the district now, a snapshot, or one committee's
// part of either), and the totals they give: what exports, diffs and bulletins work on.
import type { RowValues } from '../schema/fields.ts';
import type { TableName } from '../schema/table-schema.ts';
import { computeTotals, type Totals } from './totals.ts';

/** The rows of one room at one moment. */
export interface RoomRows {
  readonly room: string;
  readonly table: TableName;
  /** Set for ledger and roster rooms. */
  readonly committeeId?: string;
  readonly rows: readonly RowValues[];
}

/** Every row of one table across the rooms, in room order. */
export function rowsOfTable(rooms: readonly RoomRows[], table: TableName): RowValues[] {
  return rooms.filter((r) => r.table === table).flatMap((r) => r.rows);
}

/** The rows of one committee's part of the district: its rooms, and its rows of the registries. */
export function committeePart(rooms: readonly RoomRows[], committeeId: string): RoomRows[] {
  return rooms.flatMap((r): RoomRows[] => {
    if (r.committeeId !== undefined) return r.committeeId === committeeId ? [r] : [];
    const own = (row: RowValues) =>
      r.table === 'committees' ? row.id === committeeId : row.committeeId === committeeId;
    return [{ ...r, rows: r.rows.filter(own) }];
  });
}

/** The totals of these rooms as they were at `at` ("today" is the Shanghai date of `at`). */
export function districtTotals(rooms: readonly RoomRows[], at: Date): Totals {
  return computeTotals({
    ledger: rowsOfTable(rooms, 'ledger'),
    roster: rowsOfTable(rooms, 'roster'),
    sites: rowsOfTable(rooms, 'sites'),
    now: at,
  });
}

/** Id → name of the rows of a registry table (committees, sites, people). */
export function namesOf(
  rooms: readonly RoomRows[],
  table: 'committees' | 'sites' | 'people',
): Map<string, string> {
  const names = new Map<string, string>();
  for (const row of rowsOfTable(rooms, table)) {
    if (typeof row.name === 'string' && row.name !== '') names.set(String(row.id), row.name);
  }
  return names;
}

/** Names for the references of exported rows, from the registries among `rooms`. */
export function refNamesOf(rooms: readonly RoomRows[]): {
  person: Map<string, string>;
  site: Map<string, string>;
  committee: Map<string, string>;
} {
  return {
    person: namesOf(rooms, 'people'),
    site: namesOf(rooms, 'sites'),
    committee: namesOf(rooms, 'committees'),
  };
}
