import { describe, expect, it } from 'vitest';
import { dashboardScope } from './dashboard-scope.ts';

const registry = ['taoyuan', 'hongqiao', 'hexi'];

describe('dashboard scope', () => {
  it('a committee member sees only its own committee, whatever the registry lists', () => {
    const scope = dashboardScope({ role: 'member', committeeId: 'hongqiao' }, registry);
    expect(scope.committees).toEqual(['hongqiao']);
    expect(scope.ledgerRooms).toEqual(['ledger.hongqiao']);
    expect(scope.rosterRooms).toEqual(['roster.hongqiao']);
    expect(scope.wholeDistrict).toBe(false);
  });

  it('the office and managers see every committee of the registry', () => {
    for (const role of ['admin', 'staff', 'manager'] as const) {
      const scope = dashboardScope({ role, committeeId: null }, registry);
      expect(scope.committees).toEqual(['hexi', 'hongqiao', 'taoyuan']);
      expect(scope.ledgerRooms).toEqual(['ledger.hexi', 'ledger.hongqiao', 'ledger.taoyuan']);
      expect(scope.wholeDistrict).toBe(true);
    }
  });

  it('ignores registry ids that cannot name a room', () => {
    const scope = dashboardScope({ role: 'staff', committeeId: null }, ['taoyuan', 'Not Valid', '']);
    expect(scope.committees).toEqual(['taoyuan']);
  });

  it('a member without a committee sees nothing', () => {
    expect(dashboardScope({ role: 'member', committeeId: null }, registry).committees).toEqual([]);
  });
});
