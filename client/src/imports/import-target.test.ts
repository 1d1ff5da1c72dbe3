import { describe, expect, it } from 'vitest';
import { defaultTarget, importTargets } from './import-target.ts';

describe('the room an import writes into', () => {
  it("is a committee view's own room", () => {
    const targets = importTargets(['ledger.taoyuan']);
    expect(targets).toEqual([{ room: 'ledger.taoyuan', committeeId: 'taoyuan' }]);
    expect(defaultTarget(targets, null)).toBe('ledger.taoyuan');
  });

  it('is a registry room, with no committee', () => {
    expect(importTargets(['sites'])).toEqual([{ room: 'sites', committeeId: null }]);
  });

  it('in the all-committees view is the committee chosen, and none until one is', () => {
    const targets = importTargets(['ledger.taoyuan', 'ledger.ximen', 'not a room']);
    expect(targets.map((t) => t.room)).toEqual(['ledger.taoyuan', 'ledger.ximen']);
    expect(defaultTarget(targets, null)).toBeNull();
    expect(defaultTarget(targets, 'ximen')).toBe('ledger.ximen');
    expect(defaultTarget(targets, 'nowhere')).toBeNull();
  });
});
