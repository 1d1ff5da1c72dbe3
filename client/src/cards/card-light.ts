// The deadline light of a ledger card: red when the issue is overdue (the shared rule),
// green while it is unresolved and within its deadline, none when nothing is due.
import { isOverdueOn, type LedgerStatus, type RowValues, UNRESOLVED_STATUSES } from '@civic-ledger/shared';

export type CardLight = 'red' | 'green' | 'none';

export function cardLight(row: Readonly<RowValues>, today: string): CardLight {
  if (isOverdueOn(row, today)) return 'red';
  const unresolved = UNRESOLVED_STATUSES.includes(row.status as LedgerStatus);
  return unresolved && typeof row.deadline === 'string' ? 'green' : 'none';
}

/** Cards in the order a phone wants them: overdue first, then by deadline, then newest. */
export function cardOrder(rows: readonly Readonly<RowValues>[], today: string): Readonly<RowValues>[] {
  const rank = (r: Readonly<RowValues>) => ({ red: 0, green: 1, none: 2 })[cardLight(r, today)];
  const deadline = (r: Readonly<RowValues>) => (typeof r.deadline === 'string' ? r.deadline : '9999-12-31');
  return [...rows].sort(
    (a, b) =>
      rank(a) - rank(b) || deadline(a).localeCompare(deadline(b)) || String(b.id).localeCompare(String(a.id)),
  );
}
