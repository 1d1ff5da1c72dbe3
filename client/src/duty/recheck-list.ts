// The re-check list (回头看) and the overdue list, by the shared deadline rules: closed
// issues whose re-check has come, and issues still with the committee after their deadline.
import {
  daysBetween,
  dueForRecheck,
  isOverdueOn,
  type RowValues,
  textOf,
  todayInShanghai,
} from '@civic-ledger/shared';

export interface RecheckItem {
  readonly row: Readonly<RowValues>;
  readonly recheckAt: string;
  /** Days since the re-check fell due; 0 when it is due today. */
  readonly daysPast: number;
}

export interface OverdueItem {
  readonly row: Readonly<RowValues>;
  readonly deadline: string;
  /** Whole Shanghai days past the deadline day (1 the day after). */
  readonly daysOverdue: number;
}

export interface RecheckLists {
  readonly today: string;
  /** Earliest re-check first. */
  readonly recheck: readonly RecheckItem[];
  /** Longest overdue first. */
  readonly overdue: readonly OverdueItem[];
}

export function recheckLists(ledger: readonly Readonly<RowValues>[], now: Date): RecheckLists {
  const today = todayInShanghai(now);
  const recheck = dueForRecheck(ledger, now).map((row) => {
    const recheckAt = textOf(row, 'recheckAt') ?? today;
    return { row, recheckAt, daysPast: daysBetween(recheckAt, today) };
  });
  const overdue: OverdueItem[] = [];
  for (const row of ledger) {
    if (!isOverdueOn(row, today)) continue;
    const deadline = textOf(row, 'deadline') ?? today;
    overdue.push({ row, deadline, daysOverdue: daysBetween(deadline, today) });
  }
  overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || (String(a.row.id) < String(b.row.id) ? -1 : 1));
  return { today, recheck, overdue };
}
