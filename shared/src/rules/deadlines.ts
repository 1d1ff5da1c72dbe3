// Deadlines and re-checks by issue category, reckoned in Asia/Shanghai: when an issue is
// due, when it is overdue, whether it was written off in time, and when 回头看 is due.

import { addDays, isIsoDate, shanghaiDate, todayInShanghai } from '../core/time.ts';
import type { RowValues } from '../schema/fields.ts';
import type { IssueCategory, LedgerStatus } from '../schema/ledger-schema.ts';
import { textOf } from '../schema/row-values.ts';
import { closedOn } from './issue-dates.ts';

export interface CategoryTiming {
  /** Days after the day found by which it must be rectified; 0 is the same day. */
  readonly deadlineDays: number;
  /** Days after the write-off of the re-check (回头看). */
  readonly recheckDays: number;
}

/**
 * | category              | deadline   | re-check after write-off |
 * |-----------------------|------------|--------------------------|
 * | street_rubbish        | same day   | 3 days                   |
 * | greenbelt_rubbish     | same day   | 3 days                   |
 * | bikes_disorder        | same day   | 3 days                   |
 * | stairwell_clutter     | 1 day      | 7 days                   |
 * | flying_wire_charging  | 1 day      | 7 days                   |
 * | publicity_lacking     | 3 days     | 14 days                  |
 * | glass_damage          | 3 days     | 14 days                  |
 * | greenery_damage       | 5 days     | 14 days                  |
 * | road_damage           | 7 days     | 14 days                  |
 * | wall_damage           | 7 days     | 14 days                  |
 *
 * Rubbish and bikes are cleared the day they are found (发现问题不隔夜) and come back
 * fastest; clutter and flying wires need a notice to residents first; repairs need a
 * contractor. Broken glass is a hazard, so it is the quickest repair.
 */
export const CATEGORY_TIMING: Readonly<Record<IssueCategory, CategoryTiming>> = {
  street_rubbish: { deadlineDays: 0, recheckDays: 3 },
  greenbelt_rubbish: { deadlineDays: 0, recheckDays: 3 },
  bikes_disorder: { deadlineDays: 0, recheckDays: 3 },
  stairwell_clutter: { deadlineDays: 1, recheckDays: 7 },
  flying_wire_charging: { deadlineDays: 1, recheckDays: 7 },
  publicity_lacking: { deadlineDays: 3, recheckDays: 14 },
  glass_damage: { deadlineDays: 3, recheckDays: 14 },
  greenery_damage: { deadlineDays: 5, recheckDays: 14 },
  road_damage: { deadlineDays: 7, recheckDays: 14 },
  wall_damage: { deadlineDays: 7, recheckDays: 14 },
};

/** Statuses in which the committee still owes the fix, so a passed deadline makes it overdue. */
export const UNRESOLVED_STATUSES: readonly LedgerStatus[] = ['open', 'in_progress', 'reopened'];

function timingOf(category: unknown): CategoryTiming | null {
  return typeof category === 'string' && Object.hasOwn(CATEGORY_TIMING, category)
    ? CATEGORY_TIMING[category as IssueCategory]
    : null;
}

/**
 * The default deadline (`YYYY-MM-DD`) of an issue of `category` found at `foundAt` (a
 * date-time with offset or a Shanghai date). Null for a category without a default or
 * an unreadable `foundAt`.
 */
export function defaultDeadline(category: unknown, foundAt: string): string | null {
  const timing = timingOf(category);
  const found = shanghaiDate(foundAt);
  return timing && found ? addDays(found, timing.deadlineDays) : null;
}

/** The re-check date of an issue of `category` written off at `closedAt`; null as above. */
export function recheckDate(category: unknown, closedAt: string): string | null {
  const timing = timingOf(category);
  const closed = shanghaiDate(closedAt);
  return timing && closed ? addDays(closed, timing.recheckDays) : null;
}

function deadlineOf(row: Readonly<RowValues>): string | null {
  const deadline = textOf(row, 'deadline');
  return deadline !== null && isIsoDate(deadline) ? deadline : null;
}

/**
 * Overdue: still with the committee (open, in progress or recurred) after the end of its
 * deadline day in Shanghai. A rectified issue awaiting the office's check is not overdue;
 * an issue without a deadline never is.
 */
export function isOverdue(row: Readonly<RowValues>, now: Date): boolean {
  return isOverdueOn(row, todayInShanghai(now));
}

/** `isOverdue` on a given Shanghai date, for callers that judge many rows on one day. */
export function isOverdueOn(row: Readonly<RowValues>, today: string): boolean {
  if (!UNRESOLVED_STATUSES.includes(row.status as LedgerStatus)) return false;
  const deadline = deadlineOf(row);
  return deadline !== null && today > deadline;
}

/**
 * Written off in time: closed, on or before its deadline day (Shanghai). A closed issue
 * without a deadline had nothing to miss and counts as in time.
 */
export function isClosedOnTime(row: Readonly<RowValues>): boolean {
  const closed = closedOn(row);
  if (closed === null) return false;
  const deadline = deadlineOf(row);
  return deadline === null || closed <= deadline;
}

/**
 * The re-check list: closed issues whose `recheckAt` has come (on or before today in
 * Shanghai), earliest first. A re-check that passes clears `recheckAt` (see
 * `passRecheck`); one that finds the problem back reopens the issue.
 */
export function dueForRecheck(rows: readonly Readonly<RowValues>[], now: Date): Readonly<RowValues>[] {
  const today = todayInShanghai(now);
  const due: { row: Readonly<RowValues>; at: string }[] = [];
  for (const row of rows) {
    if (row.status !== 'closed') continue;
    const at = textOf(row, 'recheckAt');
    if (at !== null && isIsoDate(at) && at <= today) due.push({ row, at });
  }
  due.sort((a, b) => (a.at !== b.at ? (a.at < b.at ? -1 : 1) : String(a.row.id) < String(b.row.id) ? -1 : 1));
  return due.map((d) => d.row);
}
