// The ledger row a phone report becomes: the same required fields the grid's new row has,
// filled from the report, the deadline from the shared default of the category, the finder
// from the account's person, and a source a patrol may use.
import {
  defaultDeadline,
  type IssueSource,
  nowIsoShanghai,
  type Principal,
  type RowValues,
} from '@civic-ledger/shared';

export interface ReportInput {
  readonly siteId: string;
  readonly committeeId: string;
  readonly category: string;
  readonly description: string;
  readonly source: IssueSource;
  /** The account's person in the people registry, when the session names one. */
  readonly personId: string | null;
  readonly now: Date;
}

/** Sources a report may carry: a patrol's own two, or every source for the rest. */
export function reportSources(p: Principal): readonly IssueSource[] {
  if (p.role === 'patrol') return ['volunteer', 'citizen_patrol'];
  if (p.role === 'member') return ['self_check', 'volunteer', 'citizen_patrol', 'mutual_check'];
  return ['office', 'volunteer', 'citizen_patrol', 'district_inspection', 'self_check'];
}

export function reportRowValues(input: ReportInput): RowValues {
  const foundAt = nowIsoShanghai(input.now);
  const row: RowValues = {
    committeeId: input.committeeId,
    siteId: input.siteId,
    category: input.category,
    description: input.description.trim(),
    source: input.source,
    foundAt,
    status: 'open',
    recurrences: 0,
  };
  const deadline = defaultDeadline(input.category, foundAt);
  if (deadline !== null) row.deadline = deadline;
  if (input.personId !== null) {
    row.foundBy = input.personId;
    row.createdBy = input.personId;
  }
  return row;
}
