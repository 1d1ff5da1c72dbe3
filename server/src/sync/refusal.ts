// The one shape of "no" on the sync endpoint: a close code and a reason (and, for a broken
// field or workflow rule, the rule's code), built where the decision is made (frame
// parsing, the dependency check, the guard's verdict, applying) and handed unchanged to
// the connection, which closes with it.
import { CloseCode, type DomainError } from '@civic-ledger/shared';

export interface Refusal {
  readonly code: number;
  /** The close reason as sent (clamped to the protocol's 123 bytes by the connection). */
  readonly reason: string;
  /** The broken rule's code, for refusals of code 4422. */
  readonly rule?: string;
}

export function refusal(code: number, reason: string): Refusal {
  return { code, reason };
}

/** An update that cannot be applied whole (4409): it does not decode or lacks what it builds on. */
export function updateRejected(reason: string): Refusal {
  return { code: CloseCode.updateRejected, reason: `update rejected: ${reason}` };
}

/** An update that breaks a rule (4422): the rule's code, then its English message. */
export function ruleRefusal(error: DomainError): Refusal {
  return { code: CloseCode.ruleViolation, reason: `${error.code}: ${error.message.en}`, rule: error.code };
}

export function isRefusal(value: unknown): value is Refusal {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'number' &&
    typeof (value as { reason?: unknown }).reason === 'string'
  );
}
