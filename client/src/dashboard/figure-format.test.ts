import { describe, expect, it } from 'vitest';
import { formatComputedAt, formatCount, formatDay, formatRate, formatShortDay } from './figure-format.ts';

describe('figure formats', () => {
  it('rates read as percentages, and no rate as a dash', () => {
    expect(formatRate(0.953, 'zh-CN')).toBe('95.3%');
    expect(formatRate(1, 'en')).toBe('100%');
    expect(formatRate(null, 'en')).toBe('—');
  });

  it('counts group thousands', () => {
    expect(formatCount(20000, 'en')).toBe('20,000');
  });

  it('days are short, in the chosen language', () => {
    expect(formatDay('2026-03-02', 'zh-CN')).toBe('3月2日');
    expect(formatDay('2026-12-25', 'en')).toBe('12/25');
    expect(formatShortDay('2026-03-02')).toBe('3/2');
  });

  it('the computation time reads as Shanghai wall time', () => {
    expect(formatComputedAt('2026-03-02T16:00:05+08:00')).toBe('2026-03-02 16:00:05');
  });
});
