import { describe, expect, it } from 'vitest';
import { deadlineLight, isEscalated } from './deadline-light.ts';
import { isOverdue } from './deadlines.ts';

// Found Monday 08:00 Shanghai, due by the end of Tuesday: 40 hours in all, yellow after 30.
const row = {
  id: 'R000000000000001',
  status: 'open',
  foundAt: '2026-03-02T08:00:00+08:00',
  deadline: '2026-03-03',
};
const at = (shanghai: string) => new Date(`${shanghai}+08:00`);

describe('deadline light', () => {
  it('is green, then yellow past 75 % of the time, then red once the deadline day has ended', () => {
    expect(deadlineLight(row, at('2026-03-02T09:00:00'))).toBe('green');
    expect(deadlineLight(row, at('2026-03-03T13:59:59'))).toBe('green');
    expect(deadlineLight(row, at('2026-03-03T14:00:00'))).toBe('yellow');
    expect(deadlineLight(row, at('2026-03-03T23:59:59'))).toBe('yellow');
    expect(deadlineLight(row, at('2026-03-04T00:00:00'))).toBe('red');
  });

  it('turns red exactly when the issue is overdue', () => {
    for (const t of ['2026-03-03T23:59:59', '2026-03-04T00:00:00', '2026-03-09T12:00:00']) {
      expect(deadlineLight(row, at(t)) === 'red').toBe(isOverdue(row, at(t)));
    }
  });

  it('has no light for an issue not with the committee, or without a deadline', () => {
    for (const status of ['rectified', 'closed', 'parked']) {
      expect(deadlineLight({ ...row, status }, at('2026-03-09T00:00:00'))).toBeNull();
    }
    expect(deadlineLight({ ...row, deadline: null }, at('2026-03-09T00:00:00'))).toBeNull();
    expect(deadlineLight({ ...row, status: 'reopened' }, at('2026-03-09T00:00:00'))).toBe('red');
  });

  it('escalates an issue red for more than a day', () => {
    expect(isEscalated(row, at('2026-03-05T00:00:00'))).toBe(false);
    expect(isEscalated(row, at('2026-03-05T00:00:01'))).toBe(true);
  });
});
