// The closure loop of an issue (问题销账): which status changes exist, and who may make
// them. Committees rectify; the office verifies, writes off, sends back and reopens.
import { isOffice, type Principal } from './access.ts';
import { LEDGER_STATUSES, type LedgerStatus } from './ledger-schema.ts';
import { type DomainError, domainError } from './result.ts';

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
  // 核查不通过，退回整改
  { from: 'rectified', to: 'in_progress', office: true },
  // 核查通过，销账
  { from: 'rectified', to: 'closed', office: true },
  // 回头看发现回潮
  { from: 'closed', to: 'reopened', office: true },
  { from: 'reopened', to: 'in_progress', office: false },
  { from: 'reopened', to: 'rectified', office: false },
];

/** Statuses a new issue may start in, by whom. */
const INITIAL: Record<LedgerStatus, boolean | 'office'> = {
  open: true,
  in_progress: true,
  rectified: true,
  closed: 'office',
  reopened: 'office',
};

/** Fields that record the office's verification; committees may not write them. */
export const OFFICE_ONLY_LEDGER_FIELDS: readonly string[] = ['verifiedBy', 'closedAt'];

function zh(status: LedgerStatus): string {
  return LEDGER_STATUSES.find((s) => s.value === status)?.label['zh-CN'] ?? status;
}

export type TransitionErrorCode = 'transition_not_allowed' | 'transition_office_only';

export function checkTransition(
  p: Principal,
  from: LedgerStatus | null,
  to: LedgerStatus,
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
  if (t.office && !isOffice(p)) {
    return domainError(
      'transition_office_only',
      `状态从“${zh(from)}”改为“${zh(to)}”须由街道核查`,
      `only the office may move an issue from "${from}" to "${to}"`,
    );
  }
  return null;
}

export function nextStatuses(p: Principal, from: LedgerStatus): LedgerStatus[] {
  return ISSUE_TRANSITIONS.filter((t) => t.from === from && (!t.office || isOffice(p))).map((t) => t.to);
}
