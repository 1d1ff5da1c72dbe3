// What a checking committee may do in the ledger of the committee it checks: during the
// round, add new issues it found there (the round's source, found by the checker, with the
// round and the checklist item), and nothing else; after the round, nothing. The server
// knows the active rounds (from the rounds' rooms) and gives them to the rules.
import { type DomainError, domainError } from '../core/result.ts';
import { isOffice, type Principal } from '../rules/access.ts';
import type { RowValues } from '../schema/fields.ts';
import type { IssueSource } from '../schema/ledger-schema.ts';
import type { Room } from '../sync/rooms.ts';
import { inspectedBy, isRoundActive, type RoundKind, type RoundMeta } from './round.ts';

/** One committee checking another now, in one round. */
export interface ActiveCheck {
  readonly roundId: string;
  readonly kind: RoundKind;
  readonly checker: string;
  readonly inspected: string;
}

/** The ledger fields that tie an issue to the check that found it. */
export const CHECK_LEDGER_FIELDS = ['roundId', 'checkItem'] as const;

/** The source of the issues a round finds. */
export function roundSource(kind: RoundKind): IssueSource {
  if (kind === 'self') return 'self_check';
  if (kind === 'office') return 'office';
  return 'mutual_check';
}

/** Who checks whom today across rounds (`today` in Shanghai); self and office rounds give none. */
export function activeChecks(rounds: ReadonlyMap<string, RoundMeta>, today: string): ActiveCheck[] {
  const out: ActiveCheck[] = [];
  for (const [roundId, round] of [...rounds].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!isRoundActive(round, today) || (round.kind !== 'mutual' && round.kind !== 'reverse')) continue;
    for (const checker of round.committees) {
      const inspected = inspectedBy(round, checker);
      if (inspected !== null) out.push({ roundId, kind: round.kind, checker, inspected });
    }
  }
  return out;
}

/** The committees whose ledgers a committee checks now. */
export function ledgersChecked(checks: readonly ActiveCheck[], committeeId: string | null): string[] {
  return [...new Set(checks.filter((c) => c.checker === committeeId).map((c) => c.inspected))];
}

export type CheckerRightCode = 'checker_new_issues_only' | 'checker_round_over' | 'check_fields_fixed';

function refuse(zh: string, en: string): DomainError<CheckerRightCode> {
  return domainError(
    'checker_new_issues_only',
    `检查方只能登记本轮发现的新问题：${zh}`,
    `a checker only adds the issues it found in the round: ${en}`,
  );
}

/**
 * Null when a change of one ledger row is not a checker's or keeps the checker's rights;
 * otherwise why not. A member changing another committee's ledger is a checker; on its
 * own ledger, a member may not change which round and item an issue came from.
 */
export function checkCheckerChange(
  p: Principal,
  room: Room,
  checks: readonly ActiveCheck[] | undefined,
  before: RowValues | null,
  after: RowValues | null,
  fields: readonly string[],
): DomainError | null {
  if (room.table !== 'ledger' || isOffice(p) || p.role !== 'member') return null;
  if (room.committeeId === p.committeeId) {
    if (before !== null && fields.some((f) => (CHECK_LEDGER_FIELDS as readonly string[]).includes(f))) {
      return domainError(
        'check_fields_fixed',
        '检查轮次和检查项目由检查方登记，不能更改',
        'the round and checklist item are the checker’s and cannot change',
      );
    }
    return null;
  }
  if (before !== null || after === null)
    return refuse('不能修改或删除已有问题', 'no changes to existing issues, no deletes');
  const check = (checks ?? []).find(
    (c) => c.checker === p.committeeId && c.inspected === room.committeeId && c.roundId === after.roundId,
  );
  if (!check) {
    return domainError(
      'checker_round_over',
      '本居委当前没有检查该居委的进行中轮次（或轮次编号不符）',
      'your committee has no running round checking this committee (or the round id does not match)',
    );
  }
  if (after.source !== roundSource(check.kind)) {
    return refuse('来源须为“咬尾巴互查”', 'the source must be the mutual check');
  }
  if (typeof after.checkItem !== 'string' || after.checkItem === '') {
    return refuse('须填写检查项目', 'the checklist item must be given');
  }
  if (after.status !== 'open') return refuse('状态须为“待整改”', 'the status must be open');
  // The finder is the checker: its own person when the account names one, and always someone.
  const self = p.personId ?? null;
  if (
    typeof after.foundBy !== 'string' ||
    after.foundBy === '' ||
    (self !== null && after.foundBy !== self)
  ) {
    return refuse('发现人须为检查人本人', 'the finder must be the checker');
  }
  return null;
}
