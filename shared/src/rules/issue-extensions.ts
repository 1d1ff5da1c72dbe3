// Extensions (延时) and parking (挂账) of an issue. A committee asks for a later deadline with
// a reason; the office approves (the deadline moves, `extensions` + 1) or refuses (the request
// is cleared). The office parks an issue it cannot have fixed for now, always with a reason.

import { type DomainError, domainError, fail, ok, type Result } from '../core/result.ts';
import { isIsoDate } from '../core/time.ts';
import type { RowValues } from '../schema/fields.ts';
import type { LedgerStatus } from '../schema/ledger-schema.ts';
import { numberOf, textOf } from '../schema/row-values.ts';
import { isOffice, type Principal } from './access.ts';
import { deadlineOf, UNRESOLVED_STATUSES } from './deadlines.ts';
import {
  applyTransition,
  type LedgerPatch,
  type TransitionContext,
  type TransitionErrorCode,
} from './issue-workflow.ts';

export type ExtensionErrorCode =
  | 'extension_not_open'
  | 'extension_bad_date'
  | 'extension_no_reason'
  | 'extension_none_asked'
  | 'extension_office_only';
export type ParkErrorCode = 'park_no_reason';

function extensionError(code: ExtensionErrorCode, zh: string, en: string): DomainError<ExtensionErrorCode> {
  return domainError(code, zh, en);
}

function blank(value: string | null): boolean {
  return value === null || value.trim() === '';
}

/**
 * Null when a row's extension request (its `extensionDeadline` and `extensionReason` as they
 * are after a change) may stand: both or neither; the issue still with the committee; a date
 * later than the current deadline. The change rules and `requestExtension` both use it.
 */
export function checkExtensionRequest(row: Readonly<RowValues>): DomainError<ExtensionErrorCode> | null {
  const asked = textOf(row, 'extensionDeadline');
  const reason = textOf(row, 'extensionReason');
  if (asked === null && blank(reason)) return null;
  if (!UNRESOLVED_STATUSES.includes(row.status as LedgerStatus)) {
    return extensionError(
      'extension_not_open',
      '只有待整改、整改中或回潮的问题可以申请延期',
      'only an open, in-progress or recurred issue may ask for an extension',
    );
  }
  if (asked === null || !isIsoDate(asked)) {
    return extensionError(
      'extension_bad_date',
      '请填写申请延期到的日期',
      'give the date the extension is asked to',
    );
  }
  const deadline = deadlineOf(row);
  if (deadline !== null && asked <= deadline) {
    return extensionError(
      'extension_bad_date',
      `申请延期的日期须晚于现时限 ${deadline}`,
      `the extension must be later than the current deadline ${deadline}`,
    );
  }
  if (blank(reason)) {
    return extensionError('extension_no_reason', '申请延期须写明理由', 'an extension needs a reason');
  }
  return null;
}

/** The patch that asks for an extension of `row` to `to` for `reason`, or why it may not. */
export function requestExtension(
  row: Readonly<RowValues>,
  to: string,
  reason: string,
): Result<LedgerPatch, DomainError<ExtensionErrorCode>> {
  const patch: LedgerPatch = { extensionDeadline: to, extensionReason: reason.trim() };
  const refusal = checkExtensionRequest({ ...row, ...patch });
  return refusal ? fail(refusal) : ok(patch);
}

/** Whether `row` has an extension request waiting for the office's decision. */
export function hasExtensionRequest(row: Readonly<RowValues>): boolean {
  return textOf(row, 'extensionDeadline') !== null;
}

/**
 * The office's decision on the request: approved moves the deadline to the date asked and
 * counts one more extension; refused keeps the deadline. Either way the request is cleared.
 */
export function decideExtension(
  row: Readonly<RowValues>,
  approve: boolean,
  principal: Principal,
): Result<LedgerPatch, DomainError<ExtensionErrorCode>> {
  if (!isOffice(principal)) {
    return fail(
      extensionError('extension_office_only', '延期由街道审批', 'only the office decides on extensions'),
    );
  }
  const asked = textOf(row, 'extensionDeadline');
  if (asked === null) {
    return fail(
      extensionError('extension_none_asked', '这条问题没有延期申请', 'this issue has no extension request'),
    );
  }
  const refusal = checkExtensionRequest(row);
  if (refusal && approve) return fail(refusal);
  const patch: LedgerPatch = { extensionDeadline: null, extensionReason: null };
  if (approve) {
    patch.deadline = asked;
    patch.extensions = (numberOf(row, 'extensions') ?? 0) + 1;
  }
  return ok(patch);
}

/** Null when a parked row has its reason; the change rules call it on every ledger change. */
export function checkParkedReason(row: Readonly<RowValues>): DomainError<ParkErrorCode> | null {
  if (row.status !== 'parked' || !blank(textOf(row, 'parkedReason'))) return null;
  return domainError('park_no_reason', '挂账须写明原因', 'a parked issue needs a reason');
}

/** The patch that parks `row` (office only) for `reason`, or why it may not. */
export function parkIssue(
  row: Readonly<RowValues>,
  reason: string,
  ctx: TransitionContext,
): Result<LedgerPatch, DomainError<TransitionErrorCode | ParkErrorCode>> {
  const moved = applyTransition(row, 'parked', ctx);
  if (!moved.ok) return moved;
  const patch: LedgerPatch = { ...moved.value, parkedReason: reason.trim() };
  const refusal = checkParkedReason({ ...row, ...patch });
  return refusal ? fail(refusal) : ok(patch);
}
