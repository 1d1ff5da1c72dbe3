// Who is on duty when: the roster statuses that staff a shift and the overlapping-hours test,
// one rule for the coverage matrix (cover, double bookings) and the gap form (who is busy).
import type { RowValues } from '../schema/fields.ts';
import type { RosterStatus } from '../schema/roster-schema.ts';
import { textOf } from '../schema/row-values.ts';

/** Hours of one day, `HH:MM` to `HH:MM`: zero-padded, so they compare as text. */
interface Hours {
  readonly start: string;
  readonly end: string;
}

/** A shift in any other status (absent, cancelled…) puts nobody on duty. */
const STAFFING: readonly RosterStatus[] = ['scheduled', 'checked_in'];

/** Whether a roster row in this status puts its person on duty. */
export function isStaffing(status: unknown): boolean {
  return STAFFING.includes(status as RosterStatus);
}

/** Whether two spans of a day overlap; one ending as the other starts does not. */
export function hoursOverlap(a: Hours, b: Hours): boolean {
  return a.start < b.end && a.end > b.start;
}

/**
 * The people the roster puts on duty on `date` for hours overlapping `slot`: giving any of
 * them the slot too would book them twice.
 */
export function busyPeople(roster: readonly Readonly<RowValues>[], date: string, slot: Hours): Set<string> {
  const busy = new Set<string>();
  for (const row of roster) {
    const person = textOf(row, 'person');
    const start = textOf(row, 'start');
    const end = textOf(row, 'end');
    if (person === null || start === null || end === null || row.date !== date) continue;
    if (isStaffing(row.status) && hoursOverlap({ start, end }, slot)) busy.add(person);
  }
  return busy;
}
