import type { Principal } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import {
  allowedRoute,
  canSeeHistory,
  fieldEditable,
  routeForPath,
  seesAllCommittees,
  statusOptions,
  viewAccess,
  visibleCommittees,
} from './rights.ts';

const staff: Principal = { role: 'staff', committeeId: null };
const member: Principal = { role: 'member', committeeId: 'taoyuan' };
const manager: Principal = { role: 'manager', committeeId: null };
const committees = [{ id: 'taoyuan' }, { id: 'hexi' }];

describe('what the interface offers each role', () => {
  it('a member sees only its own committee, the office and managers every one', () => {
    expect(visibleCommittees(member, committees)).toEqual([{ id: 'taoyuan' }]);
    expect(visibleCommittees(staff, committees)).toEqual(committees);
    expect(visibleCommittees(manager, committees)).toEqual(committees);
    expect(seesAllCommittees(member)).toBe(false);
    expect(seesAllCommittees(manager)).toBe(true);
  });

  it("a manager's first page is the dashboard; the office's the ledger, a member's its own", () => {
    expect(routeForPath(manager, '/')).toEqual({ view: 'dashboard' });
    expect(routeForPath(staff, '/')).toEqual({ view: 'ledger', committeeId: 'all' });
    expect(routeForPath(member, '/')).toEqual({ view: 'ledger', committeeId: 'taoyuan' });
    // An address with a page in it opens that page, for a manager too.
    expect(routeForPath(manager, '/ledger/all')).toEqual({ view: 'ledger', committeeId: 'all' });
  });

  it('a member asking for another committee or all of them lands on its own', () => {
    expect(allowedRoute(member, { view: 'ledger', committeeId: 'all' })).toEqual({
      view: 'ledger',
      committeeId: 'taoyuan',
    });
    expect(allowedRoute(member, { view: 'roster', committeeId: 'hexi' })).toEqual({
      view: 'roster',
      committeeId: 'taoyuan',
    });
    expect(allowedRoute(member, { view: 'sites' })).toEqual({ view: 'sites' });
    expect(allowedRoute(staff, { view: 'ledger', committeeId: 'hexi' })).toEqual({
      view: 'ledger',
      committeeId: 'hexi',
    });
  });

  it('views are editable, read-only or hidden as the rooms allow', () => {
    expect(viewAccess(member, ['ledger.taoyuan'])).toBe('write');
    expect(viewAccess(member, ['sites'])).toBe('read');
    expect(viewAccess(member, ['ledger.hexi'])).toBe('none');
    expect(viewAccess(member, ['ledger.taoyuan', 'ledger.hexi'])).toBe('none');
    expect(viewAccess(manager, ['ledger.taoyuan', 'ledger.hexi'])).toBe('read');
    expect(viewAccess(staff, ['ledger.taoyuan', 'ledger.hexi', 'committees'])).toBe('write');
  });

  it("the office's verification fields are read-only for members", () => {
    expect(fieldEditable(member, 'ledger', 'verifiedBy')).toBe(false);
    expect(fieldEditable(member, 'ledger', 'closedAt')).toBe(false);
    expect(fieldEditable(member, 'ledger', 'description')).toBe(true);
    expect(fieldEditable(staff, 'ledger', 'verifiedBy')).toBe(true);
  });

  it('a committee cannot write off its own issue; the office can', () => {
    expect(statusOptions(member, 'rectified')).toEqual(['rectified']);
    expect(statusOptions(member, 'open')).toEqual(['open', 'in_progress', 'rectified']);
    expect(statusOptions(member, 'closed')).toEqual(['closed']);
    expect(statusOptions(staff, 'rectified')).toEqual(['rectified', 'in_progress', 'closed']);
    expect(statusOptions(staff, 'closed')).toEqual(['closed', 'reopened']);
    expect(statusOptions(member, null)).toEqual(['open', 'in_progress', 'rectified']);
  });

  it('row history is offered where the account may read the audit trail', () => {
    expect(canSeeHistory(member, 'ledger.taoyuan')).toBe(true);
    expect(canSeeHistory(member, 'ledger.hexi')).toBe(false);
    expect(canSeeHistory(manager, 'ledger.hexi')).toBe(true);
  });
});
