import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoShanghai, shanghaiDate } from '../core/time.ts';
import { closedOn, foundOn } from './issue-dates.ts';

describe('issue dates', () => {
  it('an issue found at 23:30 in Shanghai was found that day, though it is 15:30 UTC', () => {
    expect(foundOn({ foundAt: '2026-03-01T23:30:00+08:00' })).toBe('2026-03-01');
    expect(foundOn({ foundAt: '2026-03-01T15:30:00Z' })).toBe('2026-03-01');
    expect(foundOn({ foundAt: '2026-03-01T16:30:00Z' })).toBe('2026-03-02');
  });

  it('only a closed issue has a write-off date', () => {
    const closedAt = '2026-03-01T10:00:00+08:00';
    expect(closedOn({ status: 'closed', closedAt })).toBe('2026-03-01');
    expect(closedOn({ status: 'reopened', closedAt })).toBeNull();
    expect(closedOn({ status: 'closed' })).toBeNull();
  });

  it('reads the same date as shanghaiDate for any written time, valid or not', () => {
    const digits = (n: number) =>
      fc.integer({ min: 0, max: 10 ** n - 1 }).map((x) => String(x).padStart(n, '0'));
    const written = fc.oneof(
      fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => isoShanghai(ms)),
      fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => new Date(ms).toISOString()),
      fc
        .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2))
        .map(([y, mo, d, h, mi, s]) => `${y}-${mo}-${d}T${h}:${mi}:${s}+08:00`),
      fc.string(),
    );
    fc.assert(
      fc.property(written, (value) => {
        expect(foundOn({ foundAt: value })).toBe(value === '' ? null : shanghaiDate(value));
      }),
      { numRuns: 2000 },
    );
  });
});
