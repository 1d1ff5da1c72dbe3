// Deadlines and re-checks by issue category, reckoned in Asia/Shanghai: when an issue is
// due, when it is overdue, whether it was written off in time, and when 回头看 is due.

import { addDays, isIsoDate, shanghaiDate, todayInShanghai } from '../core/time.ts';
import type { RowValues } from '../schema/fields.ts';
import type { IssueCategory, LedgerStatus } from '../schema/ledger-schema.ts';
import { textOf } from '../schema/row-values.ts';
import { type DeadlineRule, type DeadlineRules, deadlineByRule } from './deadline-rule.ts';
import { closedOn } from './issue-dates.ts';

export interface CategoryTiming {
  /** The default rule for the deadline at entry; the office may set its own in the ledger's meta. */
  readonly deadline: DeadlineRule;
  /** Days after the write-off of the re-check (回头看). */
  readonly recheckDays: number;
}

/**
 * | category              | deadline at entry               | re-check after write-off |
 * |-----------------------|---------------------------------|--------------------------|
 * | street_rubbish        | 不隔夜: by 24:00 of the next day | 3 days                   |
 * | greenbelt_rubbish     | 不隔夜                           | 3 days                   |
 * | bikes_disorder        | 不隔夜                           | 3 days                   |
 * | stairwell_clutter     | 1 working day                   | 7 days                   |
 * | flying_wire_charging  | 1 working day                   | 7 days                   |
 * | publicity_lacking     | 3 working days                  | 14 days                  |
 * | glass_damage          | 3 working days                  | 14 days                  |
 * | greenery_damage       | 5 working days                  | 14 days                  |
 * | road_damage           | 7 working days                  | 14 days                  |
 * | wall_damage           | 7 working days                  | 14 days                  |
 *
 * Rubbish and bikes are cleared before the night is out (发现问题不隔夜): found any time
 * of a day, due by the end of the next one, weekends included. Clutter and flying wires
 * need a notice to residents first; repairs need a contractor, who works on working days.
 * Broken glass is a hazard, so it is the quickest repair.
 */
const OVERNIGHT: DeadlineRule = { kind: 'overnight' };
const workingDays = (days: number): DeadlineRule => ({ kind: 'working_days', days });

export const CATEGORY_TIMING: Readonly<Record<IssueCategory, CategoryTiming>> = {
  street_rubbish: { deadline: OVERNIGHT, recheckDays: 3 },
  greenbelt_rubbish: { deadline: OVERNIGHT, recheckDays: 3 },
  bikes_disorder: { deadline: OVERNIGHT, recheckDays: 3 },
  stairwell_clutter: { deadline: workingDays(1), recheckDays: 7 },
  flying_wire_charging: { deadline: workingDays(1), recheckDays: 7 },
  publicity_lacking: { deadline: workingDays(3), recheckDays: 14 },
  glass_damage: { deadline: workingDays(3), recheckDays: 14 },
  greenery_damage: { deadline: workingDays(5), recheckDays: 14 },
  road_damage: { deadline: workingDays(7), recheckDays: 14 },
  wall_damage: { deadline: workingDays(7), recheckDays: 14 },
};

/** Statuses in which the committee still owes the fix, so a passed deadline makes it overdue. */
export const UNRESOLVED_STATUSES: readonly LedgerStatus[] = ['open', 'in_progress', 'reopened'];

function timingOf(category: unknown): CategoryTiming | null {
  return typeof category === 'string' && Object.hasOwn(CATEGORY_TIMING, category)
    ? CATEGORY_TIMING[category as IssueCategory]
    : null;
}

/**
 * The deadline at entry (`YYYY-MM-DD`, due by 24:00 Shanghai of that day) of an issue of
 * `category` found at `foundAt` (a date-time with offset or a Shanghai date): the office's
 * rule for the category from the ledger's meta (`rules`, see `deadlineRulesOf`) or else the
 * default in `CATEGORY_TIMING`. The one function every path that writes a row uses: the
 * grid's new row, imports, the server's fill and a reopened issue. Null for an unknown
 * category or an unreadable `foundAt`.
 */
export function defaultDeadline(
  category: unknown,
  foundAt: unknown,
  rules: DeadlineRules = {},
): string | null {
  const timing = timingOf(category);
  if (!timing || typeof foundAt !== 'string') return null;
  const rule = rules[category as IssueCategory] ?? timing.deadline;
  return deadlineByRule(rule, foundAt);
}

/**
 * The deadline a row written without one gets at entry (`defaultDeadline` of its category and
 * `foundAt`), or null when it has one already or none can be reckoned. Imports and the
 * server's fill both go through it.
 */
export function missingDeadline(row: Readonly<RowValues>, rules: DeadlineRules = {}): string | null {
  if (row.deadline !== undefined && row.deadline !== null && row.deadline !== '') return null;
  return defaultDeadline(row.category, row.foundAt, rules);
}

/** The re-check date of an issue of `category` written off at `closedAt`; null as above. */
export function recheckDate(category: unknown, closedAt: string): string | null {
  const timing = timingOf(category);
  const closed = shanghaiDate(closedAt);
  return timing && closed ? addDays(closed, timing.recheckDays) : null;
}

/** The row's deadline when it holds a real date. */
export function deadlineOf(row: Readonly<RowValues>): string | null {
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
