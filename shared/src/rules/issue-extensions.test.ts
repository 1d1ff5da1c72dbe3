import { describe, expect, it } from 'vitest';
import type { RowValues } from '../schema/fields.ts';
import { ledgerSchema } from '../schema/ledger-schema.ts';
import type { Principal } from './access.ts';
import { checkChanges } from './change-rules.ts';
import { decideExtension, parkIssue, requestExtension } from './issue-extensions.ts';
import { applyTransition } from './issue-workflow.ts';

const office: Principal = { role: 'staff', committeeId: null };
const member: Principal = { role: 'member', committeeId: 'taoyuan' };
const now = new Date('2026-03-04T02:00:00Z');
const row: RowValues = {
  id: 'R000000000000001',
  committeeId: 'taoyuan',
  status: 'in_progress',
  category: 'road_damage',
  foundAt: '2026-03-02T09:00:00+08:00',
  deadline: '2026-03-11',
};

function ruleCheck(principal: Principal, before: RowValues, after: RowValues) {
  const fields = Object.keys({ ...before, ...after }).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  return checkChanges(
    {
      principal,
      room: { name: 'ledger.taoyuan', table: 'ledger', committeeId: 'taoyuan' },
      schema: ledgerSchema,
    },
    [{ rowId: String(before.id), before, after, fields }],
    [],
  );
}

describe('extensions (延时)', () => {
  it('a committee asks for a later deadline with a reason; the office approves and the deadline moves', () => {
    const asked = requestExtension(row, '2026-03-18', '等待施工队进场');
    expect(asked.ok).toBe(true);
    if (!asked.ok) return;
    const withRequest = { ...row, ...asked.value };
    expect(ruleCheck(member, row, withRequest)).toBeNull();
    const decided = decideExtension(withRequest, true, office);
    expect(decided.ok && decided.value).toEqual({
      extensionDeadline: null,
      extensionReason: null,
      deadline: '2026-03-18',
      extensions: 1,
    });
    if (decided.ok) expect(ruleCheck(office, withRequest, { ...withRequest, ...decided.value })).toBeNull();
  });

  it('the office refuses: the request is cleared and the deadline stays', () => {
    const withRequest = { ...row, extensionDeadline: '2026-03-18', extensionReason: '雨天' };
    const decided = decideExtension(withRequest, false, office);
    expect(decided.ok && decided.value).toEqual({ extensionDeadline: null, extensionReason: null });
  });

  it('refuses a request without a reason, not later than the deadline, or on a closed issue; only the office decides', () => {
    expect(requestExtension(row, '2026-03-18', ' ').ok).toBe(false);
    expect(requestExtension(row, '2026-03-11', '理由').ok).toBe(false);
    expect(requestExtension({ ...row, status: 'closed' }, '2026-03-18', '理由').ok).toBe(false);
    const withRequest = { ...row, extensionDeadline: '2026-03-18', extensionReason: '雨天' };
    const byMember = decideExtension(withRequest, true, member);
    expect(byMember.ok ? null : byMember.error.code).toBe('extension_office_only');
    // A committee cannot count its own extension by writing the field.
    expect(ruleCheck(member, row, { ...row, extensions: 1 })?.code).toBe('field_office_only');
    expect(ruleCheck(member, row, { ...row, extensionDeadline: '2026-03-18' })?.code).toBe(
      'extension_no_reason',
    );
  });
});

describe('parking (挂账)', () => {
  it('the office parks an issue with a reason, and takes it back to work', () => {
    const parked = parkIssue(row, '待区里统一改造', { principal: office, actorId: null, now });
    expect(parked.ok && parked.value).toEqual({ status: 'parked', parkedReason: '待区里统一改造' });
    if (!parked.ok) return;
    const after = { ...row, ...parked.value };
    expect(ruleCheck(office, row, after)).toBeNull();
    const back = applyTransition(after, 'in_progress', { principal: office, actorId: null, now });
    expect(back.ok && back.value).toEqual({ status: 'in_progress', parkedReason: null });
  });

  it('refuses parking without a reason, and parking by a committee', () => {
    const noReason = parkIssue(row, '', { principal: office, actorId: null, now });
    expect(noReason.ok ? null : noReason.error.code).toBe('park_no_reason');
    expect(ruleCheck(office, row, { ...row, status: 'parked' })?.code).toBe('park_no_reason');
    const byMember = parkIssue(row, '理由', { principal: member, actorId: null, now });
    expect(byMember.ok ? null : byMember.error.code).toBe('transition_office_only');
    expect(ruleCheck(member, row, { ...row, status: 'parked' })?.code).toBe('transition_office_only');
    expect(ruleCheck(member, row, { ...row, status: 'parked', parkedReason: '理由' })?.code).toBe(
      'field_office_only',
    );
  });
});
