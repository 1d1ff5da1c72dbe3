// The liaison daily report (联络员日报) ready to show: the shared `liaisonDailyReport`
// for one day, each issue id resolved to its ledger row, with the day's totals.
import { type LiaisonDay, liaisonDailyReport, type RowValues } from '@civic-ledger/shared';

export interface LiaisonEntry extends LiaisonDay {
  readonly foundRows: readonly Readonly<RowValues>[];
  readonly resolvedRows: readonly Readonly<RowValues>[];
  readonly unresolvedRows: readonly Readonly<RowValues>[];
}

export interface LiaisonReportView {
  readonly date: string;
  readonly entries: readonly LiaisonEntry[];
  /** Distinct issues found by any liaison that day. */
  readonly found: number;
  /** Distinct issues liaisons wrote off themselves that day. */
  readonly resolved: number;
  /** Distinct issues liaisons found that are still open at the end of the day. */
  readonly unresolved: number;
}

export function liaisonReportView(
  ledger: readonly Readonly<RowValues>[],
  people: readonly Readonly<RowValues>[],
  date: string,
): LiaisonReportView {
  const byId = new Map(ledger.map((row) => [String(row.id), row]));
  const rowsOf = (ids: readonly string[]) =>
    ids.map((id) => byId.get(id)).filter((row): row is Readonly<RowValues> => row !== undefined);
  const entries = liaisonDailyReport(ledger, people, date).map((day) => ({
    ...day,
    foundRows: rowsOf(day.found),
    resolvedRows: rowsOf(day.resolved),
    unresolvedRows: rowsOf(day.unresolved),
  }));
  return {
    date,
    entries,
    found: new Set(entries.flatMap((e) => e.found)).size,
    resolved: new Set(entries.flatMap((e) => e.resolved)).size,
    unresolved: new Set(entries.flatMap((e) => e.unresolved)).size,
  };
}
