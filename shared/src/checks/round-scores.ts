// A round's figures, per inspected committee and for the whole round: which sites were due
// (the committee's sites of a kind the round has a checklist for), which were checked
// ("checked, nothing found" counts), which were not, the items passed, failed and not
// applicable, the score (passed out of passed and failed) and the issues found, each with
// the check rows behind it, so every figure drills down to its rows.
import type { RowValues } from '../schema/fields.ts';
import { type ChecklistItem, parseCheckResults } from './checklists.ts';
import { inspectedBy, type RoundMeta } from './round.ts';

export interface RoundSite {
  readonly id: string;
  readonly committeeId: string;
  readonly kind: string;
}

export interface CommitteeRoundScore {
  /** The inspected committee. */
  readonly committeeId: string;
  /** Who checks it (itself in a self check; null in an office round). */
  readonly checker: string | null;
  readonly sitesDue: readonly string[];
  readonly sitesChecked: readonly string[];
  readonly sitesUnchecked: readonly string[];
  readonly passed: number;
  readonly failed: number;
  readonly notApplicable: number;
  /** Passed items out of passed and failed, in percent with one decimal; null when none. */
  readonly score: number | null;
  readonly issuesFound: number;
  /** The check rows counted for this committee. */
  readonly rowIds: readonly string[];
  /** The rows with at least one failed item. */
  readonly failedRowIds: readonly string[];
}

export interface RoundScores {
  readonly committees: readonly CommitteeRoundScore[];
  readonly sitesDue: number;
  readonly sitesChecked: number;
  /** Sites checked out of sites due, in percent with one decimal; null when none are due. */
  readonly coverage: number | null;
  readonly unchecked: readonly RoundSite[];
}

const percent = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10;

/** The round's figures from its check rows (`[rowId, row]`) and the district's sites. */
export function scoreRound(
  round: RoundMeta,
  checklists: ReadonlyMap<string, readonly ChecklistItem[]>,
  rows: Iterable<readonly [string, RowValues]>,
  sites: readonly RoundSite[],
): RoundScores {
  const byCommittee = new Map(
    round.committees.map((c) => [
      c,
      {
        due: sites.filter((s) => s.committeeId === c && checklists.has(s.kind)).map((s) => s.id),
        checked: new Set<string>(),
        passed: 0,
        failed: 0,
        na: 0,
        issues: 0,
        rowIds: [] as string[],
        failedRowIds: [] as string[],
      },
    ]),
  );
  for (const [rowId, row] of [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const acc = byCommittee.get(String(row.inspected));
    if (!acc) continue;
    acc.rowIds.push(rowId);
    if (typeof row.siteId === 'string' && acc.due.includes(row.siteId)) acc.checked.add(row.siteId);
    if (typeof row.issuesFound === 'number') acc.issues += row.issuesFound;
    const results = parseCheckResults(row.results, checklists.get(String(row.siteKind)) ?? []);
    if (!results.ok) continue;
    let failedHere = false;
    for (const r of results.value.values()) {
      if (r === 'pass') acc.passed++;
      else if (r === 'fail') {
        acc.failed++;
        failedHere = true;
      } else acc.na++;
    }
    if (failedHere) acc.failedRowIds.push(rowId);
  }
  const committees: CommitteeRoundScore[] = [...byCommittee].map(([committeeId, a]) => ({
    committeeId,
    checker:
      round.kind === 'office'
        ? null
        : (round.committees.find((c) => inspectedBy(round, c) === committeeId) ?? null),
    sitesDue: a.due,
    sitesChecked: a.due.filter((s) => a.checked.has(s)),
    sitesUnchecked: a.due.filter((s) => !a.checked.has(s)),
    passed: a.passed,
    failed: a.failed,
    notApplicable: a.na,
    score: percent(a.passed, a.passed + a.failed),
    issuesFound: a.issues,
    rowIds: a.rowIds,
    failedRowIds: a.failedRowIds,
  }));
  const due = committees.reduce((n, c) => n + c.sitesDue.length, 0);
  const checked = committees.reduce((n, c) => n + c.sitesChecked.length, 0);
  const uncheckedIds = new Set(committees.flatMap((c) => c.sitesUnchecked));
  return {
    committees,
    sitesDue: due,
    sitesChecked: checked,
    coverage: percent(checked, due),
    unchecked: sites.filter((s) => uncheckedIds.has(s.id)),
  };
}
