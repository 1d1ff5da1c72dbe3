// The Shanghai dates an issue is reckoned by: the day it was found and the day it was
// written off. Totals, deadlines and reports all read them here, so they agree.

import { isIsoDate, shanghaiDate } from '../core/time.ts';
import type { RowValues } from '../schema/fields.ts';
import { textOf } from '../schema/row-values.ts';

// Nearly every stored time is written in Shanghai time (`isoShanghai`); its date can be read
// off the text once the text is known valid, which keeps totals over 20k rows fast.
const SHANGHAI_TIME_RE =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?\+08:00$/;

/** `shanghaiDate`, with a fast path for date-times already written at +08:00. */
function dateOf(value: string): string | null {
  if (!SHANGHAI_TIME_RE.test(value)) return shanghaiDate(value);
  const date = value.slice(0, 10);
  // The pattern allows days 29–31 in any month; only those need the calendar.
  return Number(date.slice(8)) <= 28 || isIsoDate(date) ? date : null;
}

/** The Shanghai date of `foundAt`; null when the row has no valid one. */
export function foundOn(row: Readonly<RowValues>): string | null {
  const foundAt = textOf(row, 'foundAt');
  return foundAt === null ? null : dateOf(foundAt);
}

/**
 * The Shanghai date the issue was written off: `closedAt` of a row whose status is
 * `closed`. A reopened issue is not closed, whatever an old `closedAt` says.
 */
export function closedOn(row: Readonly<RowValues>): string | null {
  if (row.status !== 'closed') return null;
  const closedAt = textOf(row, 'closedAt');
  return closedAt === null ? null : dateOf(closedAt);
}
