// What may be written in a check round's room. The office sets the round (its meta and
// checklists) and may correct any row; a committee member writes only its own committee's
// checks, of the committee its committee checks in this round, within the round's dates,
// with results that follow the round's checklist for the site's kind.
import { type DomainError, domainError } from '../core/result.ts';
import { shanghaiDate } from '../core/time.ts';
import { isOffice, type Principal } from '../rules/access.ts';
import type { RowValues } from '../schema/fields.ts';
import { parseCheckResults } from './checklists.ts';
import { inspectedBy, isRoundActive, type RoundDocument } from './round.ts';

export type CheckRowCode =
  | 'check_round_unset'
  | 'check_not_yours'
  | 'check_outside_round'
  | 'check_delete_office_only';

function notYours(zh: string, en: string): DomainError<CheckRowCode> {
  return domainError('check_not_yours', zh, en);
}

/**
 * Null when this change of one check row is allowed; otherwise why not. `today` (Shanghai,
 * `YYYY-MM-DD`) is given by the server, which refuses members' writes outside the round.
 */
export function checkCheckRow(
  p: Principal,
  doc: RoundDocument | undefined,
  before: RowValues | null,
  after: RowValues | null,
  today?: string,
): DomainError | null {
  const round = doc?.round ?? null;
  if (after !== null && round !== null) {
    const results = checkResults(doc as RoundDocument, after);
    if (results) return results;
  }
  if (isOffice(p)) return null;
  if (round === null) {
    return domainError(
      'check_round_unset',
      '街道尚未设置本轮检查',
      'the office has not set up this round yet',
    );
  }
  if (after === null) {
    return domainError(
      'check_delete_office_only',
      '检查记录只能由街道删除',
      'only the office may delete a check record',
    );
  }
  const own = p.committeeId;
  if (p.role !== 'member' || own === null)
    return notYours('只有参与居委可以填写检查记录', 'only committees taking part write checks');
  if (after.checker !== own || (before !== null && before.checker !== own)) {
    return notYours('只能填写本居委的检查记录', "only your own committee's checks");
  }
  const target = inspectedBy(round, own);
  if (target === null)
    return notYours('本居委不在本轮检查之列', 'your committee does not check in this round');
  if (after.inspected !== target) {
    return notYours(`本轮本居委检查的是“${target}”`, `in this round your committee checks "${target}"`);
  }
  const day = typeof after.checkedAt === 'string' ? shanghaiDate(after.checkedAt) : null;
  if (day === null || !isRoundActive(round, day) || (today !== undefined && !isRoundActive(round, today))) {
    return domainError(
      'check_outside_round',
      `本轮检查时间为 ${round.startsOn} 至 ${round.endsOn}`,
      `this round runs from ${round.startsOn} to ${round.endsOn}`,
    );
  }
  return null;
}

function checkResults(doc: RoundDocument, after: RowValues): DomainError | null {
  if (after.results === undefined || after.results === null || after.results === '') return null;
  const kind = String(after.siteKind);
  const checklist = doc.checklists.get(kind);
  if (!checklist) {
    return domainError(
      'check_item_unknown',
      `本轮没有“${kind}”类点位的检查清单`,
      `this round has no checklist for sites of kind "${kind}"`,
    );
  }
  const parsed = parseCheckResults(after.results, checklist);
  return parsed.ok ? null : parsed.error;
}
