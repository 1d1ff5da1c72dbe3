// The deadline light of an open issue, the same in the grid, the dashboard and the exports:
// green while in time, yellow once 75 % of the time from finding to the deadline's end
// (24:00 Shanghai) has gone, red once the deadline has passed.

import { parseIsoDateTime } from '../core/time.ts';
import type { RowValues } from '../schema/fields.ts';
import type { LedgerStatus } from '../schema/ledger-schema.ts';
import { textOf } from '../schema/row-values.ts';
import { deadlineEndMs } from './deadline-rule.ts';
import { deadlineOf, UNRESOLVED_STATUSES } from './deadlines.ts';

export type DeadlineLight = 'green' | 'yellow' | 'red';

/** The share of the time allowed after which the light turns yellow. */
export const YELLOW_SHARE = 0.75;

export const DEADLINE_LIGHT_LABELS: Readonly<Record<DeadlineLight, { 'zh-CN': string; en: string }>> = {
  green: { 'zh-CN': '绿灯（时限内）', en: 'Green (in time)' },
  yellow: { 'zh-CN': '黄灯（临近时限）', en: 'Yellow (deadline near)' },
  red: { 'zh-CN': '红灯（已超期）', en: 'Red (overdue)' },
};

/**
 * The light of `row` at `now`; null when it has none: not with the committee (rectified,
 * closed, parked) or without a deadline. Red exactly when `isOverdue` says so. Without a
 * readable `foundAt` the start is unknown, so it stays green until red.
 */
export function deadlineLight(row: Readonly<RowValues>, now: Date): DeadlineLight | null {
  if (!UNRESOLVED_STATUSES.includes(row.status as LedgerStatus)) return null;
  const deadline = deadlineOf(row);
  if (deadline === null) return null;
  const end = deadlineEndMs(deadline);
  const at = now.getTime();
  if (at >= end) return 'red';
  const foundAt = textOf(row, 'foundAt');
  const start = foundAt === null ? null : parseIsoDateTime(foundAt);
  if (start === null || start >= end) return 'green';
  return (at - start) / (end - start) >= YELLOW_SHARE ? 'yellow' : 'green';
}

/**
 * The hours a red issue has been overdue at `now` (0 when it is not red), for escalation:
 * red for more than a day is listed for the office's leaders.
 */
export function overdueHours(row: Readonly<RowValues>, now: Date): number {
  if (deadlineLight(row, now) !== 'red') return 0;
  const deadline = deadlineOf(row);
  return deadline === null ? 0 : (now.getTime() - deadlineEndMs(deadline)) / 3_600_000;
}

/** Red for more than a day: escalated to the office's leaders. */
export function isEscalated(row: Readonly<RowValues>, now: Date): boolean {
  return overdueHours(row, now) > 24;
}
