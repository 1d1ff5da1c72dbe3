// Rights over an issue that depend on where it came from and what it went through: an
// issue reported from outside the committee is the office's to delete, its source the
// office's to change, and its recurrence count moves only with a reopen (回头看发现回潮).
import { type DomainError, domainError } from '../core/result.ts';
import type { RowValues } from '../schema/fields.ts';
import { ISSUE_SOURCES, type IssueSource } from '../schema/ledger-schema.ts';
import { numberOf } from '../schema/row-values.ts';
import { isOffice, type Principal } from './access.ts';

/**
 * Sources outside the committee itself: the district's inspectors, the office, citizen
 * patrols, the third-party assessment, another committee's mutual check and the 12345
 * hotline. The office counts these against the committee, so the committee may not make
 * one disappear. A committee's own check and its volunteers are its own findings.
 */
export const OUTSIDE_SOURCES: readonly IssueSource[] = [
  'district_inspection',
  'office',
  'citizen_patrol',
  'third_party',
  'mutual_check',
  'hotline_12345',
];

export function isOutsideSource(value: unknown): boolean {
  return typeof value === 'string' && (OUTSIDE_SOURCES as readonly string[]).includes(value);
}

function sourceLabel(value: unknown): { zh: string; en: string } {
  const option = ISSUE_SOURCES.find((s) => s.value === value);
  return { zh: option?.label['zh-CN'] ?? String(value), en: option?.label.en ?? String(value) };
}

export type IssueRightCode =
  | 'delete_office_only'
  | 'source_office_only'
  | 'recurrences_by_reopen'
  | 'patrol_report_only';

/** What a patrol may change on an issue it found: its photos, with the row's update stamp. */
const PATROL_ADDS: readonly string[] = ['photos', 'updatedAt'];

/** Where a patrol's reports may come from. */
export const PATROL_SOURCES: readonly IssueSource[] = ['volunteer', 'citizen_patrol'];

function patrolRefusal(zh: string, en: string): DomainError<IssueRightCode> {
  return domainError(
    'patrol_report_only',
    `巡查志愿者只能上报新问题：${zh}`,
    `a patrol only reports new issues: ${en}`,
  );
}

/**
 * What a patrol may write: a new issue, open, reported by volunteers or citizen patrols,
 * found by itself when its account names its person; and, on an issue it found, photos.
 * Nothing else, in no other table.
 */
export function checkPatrolChange(
  p: Principal,
  table: string,
  before: RowValues | null,
  after: RowValues | null,
  fields: readonly string[],
): DomainError<IssueRightCode> | null {
  if (p.role !== 'patrol') return null;
  if (table !== 'ledger') return patrolRefusal('不能修改此表', 'no changes to this table');
  if (after === null) return patrolRefusal('不能删除问题', 'no deletes');
  const self = p.personId ?? null;
  if (before === null) {
    if (after.status !== 'open') return patrolRefusal('状态须为“待整改”', 'the status must be open');
    if (!PATROL_SOURCES.includes(after.source as IssueSource))
      return patrolRefusal('来源须为志愿者或市民巡访团', 'the source must be volunteers or citizen patrols');
    if (self !== null && after.foundBy !== self)
      return patrolRefusal('发现人须为本人', 'the finder must be the patrol itself');
    return null;
  }
  if (self === null || before.foundBy !== self)
    return patrolRefusal('只能给自己发现的问题添加照片', 'photos only on issues it found');
  if (fields.some((f) => !PATROL_ADDS.includes(f)))
    return patrolRefusal('已上报的问题只能添加照片', 'only photos may be added to a reported issue');
  return null;
}

/**
 * Whether a patrol may send a photo for this row (POST /api/photos): only for an issue it
 * found, as the change rules let it add photos only there. Null for every other role.
 */
export function checkPatrolPhoto(p: Principal, row: RowValues): DomainError<IssueRightCode> | null {
  if (p.role !== 'patrol') return null;
  const self = p.personId ?? null;
  if (self !== null && row.foundBy === self) return null;
  return patrolRefusal('只能给自己发现的问题上传照片', 'photos only for issues it found');
}

/** Who may delete this issue: the office always; a committee an open issue it found itself. */
export function checkIssueDelete(p: Principal, before: RowValues): DomainError<IssueRightCode> | null {
  if (isOffice(p)) return null;
  if (before.status === 'closed' || before.status === 'reopened') {
    return domainError(
      'delete_office_only',
      '已销账或回潮的问题只能由街道删除',
      'only the office may delete a closed or recurred issue',
    );
  }
  if (isOutsideSource(before.source)) {
    const label = sourceLabel(before.source);
    return domainError(
      'delete_office_only',
      `来源为“${label.zh}”的问题只能由街道删除`,
      `only the office may delete an issue reported by ${label.en}`,
    );
  }
  return null;
}

/** A committee may not relabel an issue reported from outside (and then delete it). */
export function checkSourceChange(
  p: Principal,
  before: RowValues | null,
): DomainError<IssueRightCode> | null {
  if (before === null || isOffice(p) || !isOutsideSource(before.source)) return null;
  const label = sourceLabel(before.source);
  return domainError(
    'source_office_only',
    `来源为“${label.zh}”的问题，来源只能由街道更改`,
    `only the office may change the source of an issue reported by ${label.en}`,
  );
}

const RECURRENCES = 'recurrences';

/**
 * The recurrence count only grows, by one, with the office's reopen (closed → reopened).
 * A new issue starts at 0, except that the office may register history (imports) with its count.
 */
export function checkRecurrences(
  p: Principal,
  before: RowValues | null,
  after: RowValues,
): DomainError<IssueRightCode> | null {
  const now = numberOf(after, RECURRENCES) ?? 0;
  if (before === null) {
    if (now === 0 || isOffice(p)) return null;
  } else {
    const was = numberOf(before, RECURRENCES) ?? 0;
    if (now === was) return null;
    if (before.status === 'closed' && after.status === 'reopened' && now === was + 1) return null;
  }
  return domainError(
    'recurrences_by_reopen',
    '回潮次数只在街道重新打开（回潮）时加一',
    'the recurrence count only grows by one when the office reopens the issue',
  );
}
