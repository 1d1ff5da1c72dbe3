// The weekly bulletin (每周通报) as data: the week's figures, the committee ranking, the
// overdue and recurred issues, and what changed since the last bulletin. The server prints
// it as HTML; a client could lay out the same data.

import { issueCode } from '../core/ids.ts';
import { daysBetween, isoShanghai, shanghaiDate } from '../core/time.ts';
import type { RowValues } from '../schema/fields.ts';
import { ISSUE_CATEGORIES, LEDGER_STATUSES } from '../schema/ledger-schema.ts';
import { numberOf, textOf } from '../schema/row-values.ts';
import { districtTotals, namesOf, type RoomRows } from './district-rows.ts';
import { compareDistrict, type DiffSummary, type DistrictState } from './snapshot-diff.ts';
import type { Totals } from './totals.ts';

export interface BulletinSide extends DistrictState {
  /** What the reader calls this state: a snapshot's label, or "now". */
  readonly label: string;
}

export interface BulletinIssue {
  readonly id: string;
  /** The short code read out at meetings (`0302-7KQ9`). */
  readonly code: string;
  readonly committee: string;
  readonly site: string;
  readonly category: string;
  readonly description: string;
  readonly status: string;
  /** Shanghai date found. */
  readonly foundOn: string | null;
  readonly deadline: string | null;
  /** Whole days past the deadline at the bulletin's moment (overdue list). */
  readonly daysOverdue: number | null;
  readonly recurrences: number;
}

export interface BulletinStanding {
  readonly rank: number;
  readonly committee: string;
  readonly found: number;
  readonly closed: number;
  readonly resolutionRate: number | null;
  readonly onTimeRate: number | null;
  readonly overdue: number;
  readonly recurred: number;
}

export interface BulletinChange {
  readonly since: { readonly label: string; readonly at: string };
  readonly summary: DiffSummary;
  /** Per committee: found, written off and recurred in between, busiest first. */
  readonly byCommittee: readonly {
    readonly committee: string;
    readonly found: number;
    readonly closed: number;
    readonly reopened: number;
  }[];
  readonly resolutionRate: { readonly from: number | null; readonly to: number | null };
}

export interface WeeklyBulletin {
  /** Shanghai date-time of the state it describes. */
  readonly at: string;
  readonly label: string;
  readonly totals: Totals;
  readonly ranking: readonly BulletinStanding[];
  readonly overdue: readonly BulletinIssue[];
  readonly recurred: readonly BulletinIssue[];
  /** Null when there is no earlier state to compare with. */
  readonly change: BulletinChange | null;
}

function labelOf(options: readonly { value: string; label: { 'zh-CN': string } }[], value: unknown): string {
  return options.find((o) => o.value === value)?.label['zh-CN'] ?? String(value ?? '');
}

/** Everything needed to describe issues in words: rows by id, and the registries' names. */
function describer(rooms: readonly RoomRows[], at: Date) {
  const committees = namesOf(rooms, 'committees');
  const sites = namesOf(rooms, 'sites');
  const byId = new Map<string, RowValues>();
  for (const r of rooms) if (r.table === 'ledger') for (const row of r.rows) byId.set(String(row.id), row);
  const today = shanghaiDate(isoShanghai(at)) ?? '';
  return {
    committee: (id: string) => committees.get(id) ?? id,
    issue(id: string): BulletinIssue | null {
      const row = byId.get(id);
      if (!row) return null;
      const deadline = textOf(row, 'deadline');
      const committeeId = textOf(row, 'committeeId') ?? '';
      const siteId = textOf(row, 'siteId') ?? '';
      const foundAt = textOf(row, 'foundAt');
      return {
        id,
        code: issueCode(id),
        committee: committees.get(committeeId) ?? committeeId,
        site: sites.get(siteId) ?? siteId,
        category: labelOf(ISSUE_CATEGORIES, row.category),
        description: textOf(row, 'description') ?? '',
        status: labelOf(LEDGER_STATUSES, row.status),
        foundOn: foundAt ? shanghaiDate(foundAt) : null,
        deadline,
        daysOverdue: deadline && today > deadline ? daysBetween(deadline, today) : null,
        recurrences: numberOf(row, 'recurrences') ?? 0,
      };
    },
  };
}

function present<T>(items: readonly (T | null)[]): T[] {
  return items.filter((item): item is T => item !== null);
}

/** The bulletin of `current`, compared with `previous` (the last bulletin's state) when given. */
export function buildBulletin(current: BulletinSide, previous: BulletinSide | null): WeeklyBulletin {
  const totals = districtTotals(current.rooms, current.at);
  const words = describer(current.rooms, current.at);
  const overdue = present(totals.overdue.ids.map((id) => words.issue(id))).sort(
    (a, b) => (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0) || (a.id < b.id ? -1 : 1),
  );
  const recurred = present(totals.recurred.ids.map((id) => words.issue(id))).sort(
    (a, b) => b.recurrences - a.recurrences || (a.id < b.id ? -1 : 1),
  );
  const ranking = totals.ranking.map((s) => ({
    rank: s.rank,
    committee: words.committee(s.committeeId),
    found: s.found.count,
    closed: s.closed.count,
    resolutionRate: s.resolutionRate.rate,
    onTimeRate: s.onTimeRate.rate,
    overdue: s.overdue.count,
    recurred: s.recurred.count,
  }));
  let change: BulletinChange | null = null;
  if (previous) {
    const compared = compareDistrict(previous, current);
    const ledger = compared.tables.ledger;
    const per = new Map<string, { found: number; closed: number; reopened: number }>();
    const bump = (rows: readonly { row: RowValues }[] | undefined, key: 'found' | 'closed' | 'reopened') => {
      for (const { row } of rows ?? []) {
        const id = textOf(row, 'committeeId') ?? '';
        const entry = per.get(id) ?? { found: 0, closed: 0, reopened: 0 };
        entry[key]++;
        per.set(id, entry);
      }
    };
    bump(ledger?.added, 'found');
    bump(ledger?.closed, 'closed');
    bump(ledger?.reopened, 'reopened');
    change = {
      since: { label: previous.label, at: isoShanghai(previous.at) },
      summary: compared.summary,
      byCommittee: [...per.entries()]
        .map(([id, c]) => ({ committee: words.committee(id), ...c }))
        .sort(
          (a, b) =>
            b.found + b.closed + b.reopened - (a.found + a.closed + a.reopened) ||
            (a.committee < b.committee ? -1 : 1),
        ),
      resolutionRate: {
        from: compared.totals.from.resolutionRate.rate,
        to: compared.totals.to.resolutionRate.rate,
      },
    };
  }
  return { at: isoShanghai(current.at), label: current.label, totals, ranking, overdue, recurred, change };
}
