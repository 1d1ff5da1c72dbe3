// What a clicked number stands for, and exactly the rows (or roster cells) behind it, read
// from the same `Totals` the number came from: a drill-down always counts what it says.
import type { SlotCell, Totals } from '@civic-ledger/shared';

export type CountFigure = 'found' | 'foundToday' | 'closedToday' | 'overdue' | 'recurred';
export type RateFigure = 'resolutionRate' | 'onTimeRate';
export type CommitteeFigure = 'found' | 'closed' | 'overdue' | 'recurred';
export type CoveragePart = 'covered' | 'gaps' | 'cells';

export type DrillTarget =
  | { readonly kind: 'figure'; readonly figure: CountFigure }
  | { readonly kind: 'rate'; readonly figure: RateFigure; readonly part: 'numerator' | 'denominator' }
  | { readonly kind: 'status'; readonly status: string }
  | { readonly kind: 'committeeStatus'; readonly committeeId: string; readonly status: string }
  | { readonly kind: 'committee'; readonly committeeId: string; readonly figure: CommitteeFigure }
  | { readonly kind: 'category'; readonly value: string }
  | { readonly kind: 'source'; readonly value: string }
  | { readonly kind: 'trend'; readonly date: string; readonly series: 'found' | 'closed' }
  /** Today's roster coverage, of the district (`committeeId` null) or of one committee. */
  | { readonly kind: 'coverage'; readonly part: CoveragePart; readonly committeeId: string | null };

export type DrillResult =
  | { readonly kind: 'rows'; readonly ids: readonly string[] }
  | { readonly kind: 'cells'; readonly cells: readonly SlotCell[] };

const NONE: DrillResult = { kind: 'rows', ids: [] };

function standing(totals: Totals, committeeId: string) {
  return totals.ranking.find((s) => s.committeeId === committeeId);
}

/** The rows or cells behind a number; none when the number is no longer there (a committee removed). */
export function resolveDrill(totals: Totals, target: DrillTarget): DrillResult {
  const rows = (ids: readonly string[] | undefined): DrillResult => (ids ? { kind: 'rows', ids } : NONE);
  switch (target.kind) {
    case 'figure':
      return rows(totals[target.figure].ids);
    case 'rate':
      return rows(totals[target.figure][target.part].ids);
    case 'status':
      return rows(totals.byStatus[target.status]?.ids);
    case 'committeeStatus':
      return rows(totals.byCommitteeStatus[target.committeeId]?.[target.status]?.ids);
    case 'committee':
      return rows(standing(totals, target.committeeId)?.[target.figure].ids);
    case 'category':
      return rows(totals.byCategory[target.value]?.ids);
    case 'source':
      return rows(totals.bySource[target.value]?.ids);
    case 'trend':
      return rows(totals.trend.find((d) => d.date === target.date)?.[target.series].ids);
    case 'coverage': {
      const day =
        target.committeeId === null
          ? totals.rosterCoverage
          : standing(totals, target.committeeId)?.rosterCoverage;
      if (!day) return { kind: 'cells', cells: [] };
      const cells =
        target.part === 'covered'
          ? day.coveredCells
          : target.part === 'gaps'
            ? day.gaps
            : [...day.coveredCells, ...day.gaps];
      return { kind: 'cells', cells };
    }
  }
}

export function drillCount(result: DrillResult): number {
  return result.kind === 'rows' ? result.ids.length : result.cells.length;
}

/** A stable key of a target (for React keys, test ids and "is this the one open"). */
export function drillKey(target: DrillTarget): string {
  return Object.values(target)
    .map((v) => String(v))
    .join(':');
}
