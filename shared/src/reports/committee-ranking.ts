// The committee ranking on the meeting board: each committee's figures side by side and
// in order, best first, each figure drilling down to its rows or cells.
import type { DayCoverage } from './day-coverage.ts';
import type { Ratio, Tally } from './tally.ts';

export interface CommitteeStanding {
  /** 1 for the best; committees with equal figures still get distinct ranks, by id. */
  readonly rank: number;
  readonly committeeId: string;
  readonly found: Tally;
  readonly closed: Tally;
  readonly overdue: Tally;
  readonly recurred: Tally;
  /** closed / found. */
  readonly resolutionRate: Ratio;
  /** closed on time / closed. */
  readonly onTimeRate: Ratio;
  /** Today's coverage of the committee's sites. */
  readonly rosterCoverage: DayCoverage;
}

function higherFirst(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

/**
 * Best first: higher resolution rate, then higher on-time rate, then fewer overdue, then
 * fewer recurred, then higher roster coverage; a committee with nothing to rate (no
 * issues) comes after those with a rate. Ties fall back to the committee id.
 */
export function rankCommittees(standings: readonly Omit<CommitteeStanding, 'rank'>[]): CommitteeStanding[] {
  return [...standings]
    .sort(
      (a, b) =>
        higherFirst(a.resolutionRate.rate, b.resolutionRate.rate) ||
        higherFirst(a.onTimeRate.rate, b.onTimeRate.rate) ||
        a.overdue.count - b.overdue.count ||
        a.recurred.count - b.recurred.count ||
        higherFirst(a.rosterCoverage.rate, b.rosterCoverage.rate) ||
        (a.committeeId < b.committeeId ? -1 : a.committeeId > b.committeeId ? 1 : 0),
    )
    .map((s, i) => ({ rank: i + 1, ...s }));
}
