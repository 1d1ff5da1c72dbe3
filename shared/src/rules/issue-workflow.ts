// The closure loop of an issue (问题销账): which status changes exist, who may make them,
// and what each one records. Committees rectify (and may take back a rectification the
// office has not begun to check); the office verifies, writes off, sends back and reopens.

import { type DomainError, domainError, fail, ok, type Result } from '../core/result.ts';
import { nowIsoShanghai, todayInShanghai } from '../core/time.ts';
import type { CellValue, RowValues } from '../schema/fields.ts';
import { LEDGER_STATUSES, type LedgerStatus } from '../schema/ledger-schema.ts';
import { numberOf } from '../schema/row-values.ts';
import { isOffice, type Principal } from './access.ts';
import { defaultDeadline, recheckDate } from './deadlines.ts';
import { isChecked } from './issue-evidence.ts';

interface Transition {
  from: LedgerStatus;
  to: LedgerStatus;
  office: boolean;
}

/** Every allowed change; `office: true` ones only the office may make. */
export const ISSUE_TRANSITIONS: readonly Transition[] = [
  { from: 'open', to: 'in_progress', office: false },
  { from: 'open', to: 'rectified', office: false },
  { from: 'in_progress', to: 'rectified', office: false },
  // 核查不通过，退回整改 (a committee's own take-back: see `isTakeBack`)
  { from: 'rectified', to: 'in_progress', office: true },
  // 核查通过，销账
  { from: 'rectified', to: 'closed', office: true },
  // 回头看发现回潮
  { from: 'closed', to: 'reopened', office: true },
  { from: 'reopened', to: 'in_progress', office: false },
  { from: 'reopened', to: 'rectified', office: false },
  // 挂账 (with a reason, see `parkIssue`) and back to work when it can be fixed again
  { from: 'open', to: 'parked', office: true },
  { from: 'in_progress', to: 'parked', office: true },
  { from: 'reopened', to: 'parked', office: true },
  { from: 'parked', to: 'in_progress', office: true },
];

/** Statuses a new issue may start in, by whom. */
const INITIAL: Record<LedgerStatus, boolean | 'office'> = {
  open: true,
  in_progress: true,
  rectified: true,
  closed: 'office',
  reopened: 'office',
  parked: false,
};

/** Fields that record the office's verification; committees may not write them. */
export const OFFICE_ONLY_LEDGER_FIELDS: readonly string[] = [
  'verifiedBy',
  'closedAt',
  'parkedReason',
  'extensions',
  'reworks',
];

function zh(status: LedgerStatus): string {
  return LEDGER_STATUSES.find((s) => s.value === status)?.label['zh-CN'] ?? status;
}

export type TransitionErrorCode = 'transition_not_allowed' | 'transition_office_only';

/**
 * A committee taking back its own rectification (已整改待核查 → 整改中) before the office has
 * begun to check it (no check photo, no checker), so that undoing that step works.
 */
function isTakeBack(p: Principal, from: LedgerStatus, to: LedgerStatus, row: RowValues | null): boolean {
  return (
    p.role === 'member' && from === 'rectified' && to === 'in_progress' && row !== null && !isChecked(row)
  );
}

/** Whether `p` may move an issue from `from` to `to`; `row` (as it was) decides a take-back. */
export function checkTransition(
  p: Principal,
  from: LedgerStatus | null,
  to: LedgerStatus,
  row: RowValues | null = null,
): DomainError<TransitionErrorCode> | null {
  if (from === to) return null;
  if (from === null) {
    const allowed = INITIAL[to];
    if (allowed === true || (allowed === 'office' && isOffice(p))) return null;
    return domainError(
      'transition_office_only',
      `只有街道可以登记状态为“${zh(to)}”的问题`,
      `only the office may create an issue as "${to}"`,
    );
  }
  const t = ISSUE_TRANSITIONS.find((x) => x.from === from && x.to === to);
  if (!t) {
    return domainError(
      'transition_not_allowed',
      `状态不能从“${zh(from)}”改为“${zh(to)}”`,
      `status cannot go from "${from}" to "${to}"`,
    );
  }
  if (t.office && !isOffice(p) && !isTakeBack(p, from, to, row)) {
    return domainError(
      'transition_office_only',
      `状态从“${zh(from)}”改为“${zh(to)}”须由街道核查`,
      `only the office may move an issue from "${from}" to "${to}"`,
    );
  }
  return null;
}

/** The statuses `p` may move an issue to from `from` (with the row, a take-back counts). */
export function nextStatuses(p: Principal, from: LedgerStatus, row: RowValues | null = null): LedgerStatus[] {
  return ISSUE_TRANSITIONS.filter((t) => t.from === from && checkTransition(p, from, t.to, row) === null).map(
    (t) => t.to,
  );
}

/** Fields to write to a ledger row, for `updateRow`; null clears a field. */
export type LedgerPatch = Record<string, CellValue>;

export interface TransitionContext {
  /** Who acts: decides whether an office-only transition is allowed. */
  readonly principal: Principal;
  /**
   * The acting person's id in the people registry, recorded as `verifiedBy`; null if none. The
   * principal's own person, when its account has one, is recorded instead.
   */
  readonly actorId: string | null;
  readonly now: Date;
}

/** Whether a stored value is one of the ledger's statuses. */
export function isLedgerStatus(value: unknown): value is LedgerStatus {
  return LEDGER_STATUSES.some((s) => s.value === value);
}

/**
 * The patch that moves `row` to status `to`, or the reason it may not (the
 * `checkTransition` codes). What each step records:
 * - to `rectified`: `rectifiedAt` = now;
 * - `rectified` → `in_progress` (核查不通过，退回): `rectifiedAt` cleared, it must be redone;
 * - to `closed` (销账): `closedAt` = now, `verifiedBy` = the actor (left as is without one;
 *   the change rules refuse any other checker for an account linked to a person),
 *   `recheckAt` = the re-check date for the category (see `CATEGORY_TIMING`);
 * - `closed` → `reopened` (回头看发现回潮): `recurrences` + 1; `rectifiedAt`, `closedAt` and
 *   `verifiedBy` cleared because they described the fix that did not hold; `recheckAt` = today
 *   (the re-check that found it back); a fresh `deadline` from today for the category.
 * Moving to the status the row already has is an empty patch.
 */
export function applyTransition(
  row: Readonly<RowValues>,
  to: LedgerStatus,
  ctx: TransitionContext,
): Result<LedgerPatch, DomainError<TransitionErrorCode>> {
  const from = isLedgerStatus(row.status) ? row.status : null;
  if (from === to) return ok({});
  // A status no one knows cannot be moved from; report it as the stored value.
  const refusal =
    row.status != null && from === null
      ? domainError<TransitionErrorCode>(
          'transition_not_allowed',
          `状态不能从“${String(row.status)}”改为“${zh(to)}”`,
          `status cannot go from "${String(row.status)}" to "${to}"`,
        )
      : checkTransition(ctx.principal, from, to, row);
  if (refusal) return fail(refusal);
  const now = nowIsoShanghai(ctx.now);
  const patch: LedgerPatch = { status: to };
  switch (to) {
    case 'rectified':
      patch.rectifiedAt = now;
      break;
    case 'in_progress':
      if (from === 'rectified') {
        patch.rectifiedAt = null;
        // 返工: the office sent it back after a failed check, counted for the rework rate.
        // A committee taking back its own rectification is no rework.
        if (isOffice(ctx.principal)) patch.reworks = (numberOf(row, 'reworks') ?? 0) + 1;
      }
      if (from === 'parked') patch.parkedReason = null;
      break;
    case 'closed': {
      patch.closedAt = now;
      const actor = ctx.principal.personId ?? ctx.actorId;
      if (actor !== null) patch.verifiedBy = actor;
      const recheck = recheckDate(row.category, now);
      if (recheck !== null) patch.recheckAt = recheck;
      break;
    }
    case 'reopened': {
      patch.recurrences = (numberOf(row, 'recurrences') ?? 0) + 1;
      patch.rectifiedAt = null;
      patch.closedAt = null;
      patch.verifiedBy = null;
      patch.recheckAt = todayInShanghai(ctx.now);
      const deadline = defaultDeadline(row.category, now);
      if (deadline !== null) patch.deadline = deadline;
      break;
    }
    case 'open':
    case 'parked':
      break;
  }
  return ok(patch);
}

export type RecheckErrorCode = 'recheck_not_closed';

/**
 * A re-check (回头看) found the problem still solved: the issue leaves the re-check list
 * by clearing `recheckAt`. (One that finds it back is `applyTransition(row, 'reopened')`.)
 */
export function passRecheck(row: Readonly<RowValues>): Result<LedgerPatch, DomainError<RecheckErrorCode>> {
  if (row.status !== 'closed') {
    return fail(
      domainError('recheck_not_closed', '只有已销账的问题需要回头看', 'only closed issues are re-checked'),
    );
  }
  return ok({ recheckAt: null });
}
