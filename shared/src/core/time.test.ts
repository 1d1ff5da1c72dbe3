import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isIsoDate,
  isIsoDateTime,
  isoShanghai,
  isTimeOfDay,
  nowIsoShanghai,
  parseIsoDateTime,
  shanghaiDate,
  shanghaiDateTime,
  todayInShanghai,
} from './time.ts';

describe('today in Shanghai', () => {
  it('is still the old day one second before midnight UTC+8 and the new day at midnight', () => {
    expect(todayInShanghai(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(todayInShanghai(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(shanghaiDate('2026-03-01T15:59:59Z')).toBe('2026-03-01');
    expect(shanghaiDate('2026-03-01T16:00:00Z')).toBe('2026-03-02');
  });

  it('rolls over the year and leap day like a calendar', () => {
    expect(todayInShanghai(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(todayInShanghai(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
  });
});

describe('Shanghai date-times', () => {
  it('are written with the +08:00 offset, midnight included', () => {
    expect(nowIsoShanghai(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02T00:00:00+08:00');
    expect(nowIsoShanghai(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01T23:59:59+08:00');
    expect(isoShanghai(Date.parse('2026-03-02T01:30:05Z'))).toBe('2026-03-02T09:30:05+08:00');
    expect(shanghaiDateTime('2026-03-02', '09:30')).toBe('2026-03-02T09:30:00+08:00');
  });

  it('convert from any offset to the Shanghai date', () => {
    expect(shanghaiDate('2026-03-01T20:00:00-05:00')).toBe('2026-03-02');
    expect(shanghaiDate('2026-03-02T07:59:00+08:00')).toBe('2026-03-02');
    expect(shanghaiDate('2026-03-02')).toBe('2026-03-02');
    expect(shanghaiDate('yesterday')).toBeNull();
    expect(shanghaiDate('2026-03-02T09:30:00')).toBeNull();
  });

  it('parse to the same instant whatever offset they are written in', () => {
    expect(parseIsoDateTime('2026-03-02T09:30:00+08:00')).toBe(Date.parse('2026-03-02T01:30:00Z'));
    expect(parseIsoDateTime('2026-03-02T01:30Z')).toBe(Date.parse('2026-03-02T01:30:00Z'));
    expect(parseIsoDateTime('2026-03-02T01:30:00.25Z')).toBe(Date.parse('2026-03-02T01:30:00.250Z'));
  });
});

describe('ISO validators', () => {
  it('accept only real calendar dates', () => {
    expect(isIsoDate('2026-03-02')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-3-2')).toBe(false);
    expect(isIsoDate('2026-03-02T00:00:00+08:00')).toBe(false);
    expect(isIsoDate(20260302)).toBe(false);
  });

  it('accept date-times only with an offset and in range', () => {
    expect(isIsoDateTime('2026-03-02T09:30:00+08:00')).toBe(true);
    expect(isIsoDateTime('2026-03-02T09:30:00.123Z')).toBe(true);
    expect(isIsoDateTime('2026-03-02T09:30+08:00')).toBe(true);
    expect(isIsoDateTime('2026-03-02T09:30:00')).toBe(false);
    expect(isIsoDateTime('2026-03-02 09:30:00+08:00')).toBe(false);
    expect(isIsoDateTime('2026-03-02T24:00:00+08:00')).toBe(false);
    expect(isIsoDateTime('2026-03-02T09:60:00+08:00')).toBe(false);
    expect(isIsoDateTime('2026-02-30T09:30:00+08:00')).toBe(false);
    expect(isIsoDateTime('2026-03-02T09:30:00+15:00')).toBe(false);
  });

  it('accept times of day HH:MM from 00:00 to 23:59', () => {
    expect(isTimeOfDay('07:00')).toBe(true);
    expect(isTimeOfDay('23:59')).toBe(true);
    expect(isTimeOfDay('24:00')).toBe(false);
    expect(isTimeOfDay('7:00')).toBe(false);
    expect(isTimeOfDay('07:00:00')).toBe(false);
  });
});

describe('date arithmetic', () => {
  it('adds and subtracts days across months, years and leap days', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-02', -42)).toBe('2026-01-19');
    expect(addDays('2026-03-02', 0)).toBe('2026-03-02');
  });

  it('counts whole days between dates, negative backwards', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-03-02', '2026-02-27')).toBe(-3);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('refuses to compute with something that is not a date', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-03-02', 0.5)).toThrow(RangeError);
  });
});
