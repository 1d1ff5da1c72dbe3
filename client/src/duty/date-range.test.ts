import { describe, expect, it } from 'vitest';
import { clampRange, dayLabel, followDayTurn, MAX_RANGE_DAYS, shiftRange, todayRange } from './date-range.ts';

const fallback = { from: '2026-11-24', to: '2026-11-24' };

describe('date range of the duty pages', () => {
  it('starts on today in Shanghai, not in UTC', () => {
    // 17:30 UTC on the 23rd is 01:30 on the 24th in Shanghai.
    expect(todayRange(new Date('2026-11-23T17:30:00Z'))).toEqual({ from: '2026-11-24', to: '2026-11-24' });
  });

  it('swaps a reversed range', () => {
    expect(clampRange('2026-11-26', '2026-11-24', fallback)).toEqual({
      from: '2026-11-24',
      to: '2026-11-26',
    });
  });

  it('cuts a range longer than a week at seven days from its start', () => {
    const r = clampRange('2026-11-28', '2026-12-31', fallback);
    expect(r).toEqual({ from: '2026-11-28', to: '2026-12-04' });
    expect(MAX_RANGE_DAYS).toBe(7);
  });

  it('falls back to the readable end when one input is empty or not a date', () => {
    expect(clampRange('', '2026-11-25', fallback)).toEqual({ from: '2026-11-25', to: '2026-11-25' });
    expect(clampRange('2026-11-25', '2026-02-30', fallback)).toEqual({
      from: '2026-11-25',
      to: '2026-11-25',
    });
    expect(clampRange('', '', fallback)).toEqual(fallback);
  });

  it('moves a range by whole days across a month end', () => {
    expect(shiftRange({ from: '2026-11-29', to: '2026-11-30' }, 2)).toEqual({
      from: '2026-12-01',
      to: '2026-12-02',
    });
  });

  it('labels a day with its weekday in either language', () => {
    expect(dayLabel('2026-11-24', 'zh-CN')).toBe('11-24 周二');
    expect(dayLabel('2026-11-24', 'en')).toBe('Tue 11-24');
  });

  it('after midnight, a range that ended today moves to the new today; one in the past stays', () => {
    const before = '2026-12-03';
    const today = '2026-12-04';
    expect(followDayTurn({ from: before, to: before }, before, today)).toEqual({ from: today, to: today });
    expect(followDayTurn({ from: '2026-11-27', to: before }, before, today)).toEqual({
      from: '2026-11-28',
      to: today,
    });
    const past = { from: '2026-11-20', to: '2026-11-22' };
    expect(followDayTurn(past, before, today)).toBe(past);
    expect(followDayTurn({ from: before, to: before }, before, before)).toEqual({ from: before, to: before });
  });
});
