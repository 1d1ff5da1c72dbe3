import { describe, expect, it } from 'vitest';
import type { RowValues } from '../schema/fields.ts';
import { ISSUE_CATEGORIES } from '../schema/ledger-schema.ts';
import {
  CATEGORY_TIMING,
  defaultDeadline,
  dueForRecheck,
  isClosedOnTime,
  isOverdue,
  recheckDate,
} from './deadlines.ts';

const issue = (values: Record<string, string | number>) => ({ id: 'R000000000000001', ...values });

describe('deadlines by category', () => {
  it('every category has a deadline and a re-check', () => {
    for (const { value } of ISSUE_CATEGORIES) {
      expect(CATEGORY_TIMING[value].deadlineDays).toBeGreaterThanOrEqual(0);
      expect(CATEGORY_TIMING[value].recheckDays).toBeGreaterThan(0);
    }
  });

  it('street rubbish is due the day it is found, stairwell clutter the next day, repairs within a week', () => {
    const found = '2026-03-02T09:30:00+08:00';
    expect(defaultDeadline('street_rubbish', found)).toBe('2026-03-02');
    expect(defaultDeadline('greenbelt_rubbish', found)).toBe('2026-03-02');
    expect(defaultDeadline('bikes_disorder', found)).toBe('2026-03-02');
    expect(defaultDeadline('stairwell_clutter', found)).toBe('2026-03-03');
    expect(defaultDeadline('flying_wire_charging', found)).toBe('2026-03-03');
    expect(defaultDeadline('publicity_lacking', found)).toBe('2026-03-05');
    expect(defaultDeadline('glass_damage', found)).toBe('2026-03-05');
    expect(defaultDeadline('road_damage', found)).toBe('2026-03-09');
  });

  it('counts the deadline from the Shanghai date the issue was found', () => {
    // 23:30 in Shanghai is 15:30 UTC the same day; 00:30 in Shanghai is 16:30 UTC the day before.
    expect(defaultDeadline('street_rubbish', '2026-03-01T23:30:00+08:00')).toBe('2026-03-01');
    expect(defaultDeadline('street_rubbish', '2026-03-01T15:30:00Z')).toBe('2026-03-01');
    expect(defaultDeadline('street_rubbish', '2026-03-01T16:30:00Z')).toBe('2026-03-02');
    expect(defaultDeadline('street_rubbish', '2026-03-01')).toBe('2026-03-01');
  });

  it('has no default for an unknown category or an unreadable time', () => {
    expect(defaultDeadline('graffiti', '2026-03-01')).toBeNull();
    expect(defaultDeadline('street_rubbish', 'yesterday')).toBeNull();
    expect(defaultDeadline(undefined, '2026-03-01')).toBeNull();
  });

  it('schedules the re-check from the Shanghai date of the write-off', () => {
    expect(recheckDate('street_rubbish', '2026-03-01T16:30:00Z')).toBe('2026-03-05');
    expect(recheckDate('road_damage', '2026-03-01T10:00:00+08:00')).toBe('2026-03-15');
  });
});

describe('overdue', () => {
  const open = issue({ status: 'open', deadline: '2026-03-01' });

  it('is overdue only once the deadline day has ended in Shanghai', () => {
    expect(isOverdue(open, new Date('2026-03-01T15:59:59Z'))).toBe(false); // 23:59:59 in Shanghai
    expect(isOverdue(open, new Date('2026-03-01T16:00:00Z'))).toBe(true); // midnight in Shanghai
  });

  it('counts open, in-progress and recurred issues, not rectified or closed ones', () => {
    const late = new Date('2026-03-05T02:00:00Z');
    expect(isOverdue({ ...open, status: 'in_progress' }, late)).toBe(true);
    expect(isOverdue({ ...open, status: 'reopened' }, late)).toBe(true);
    expect(isOverdue({ ...open, status: 'rectified' }, late)).toBe(false);
    expect(isOverdue({ ...open, status: 'closed' }, late)).toBe(false);
  });

  it('an issue without a (valid) deadline is never overdue', () => {
    const late = new Date('2030-01-01T00:00:00Z');
    expect(isOverdue(issue({ status: 'open' }), late)).toBe(false);
    expect(isOverdue(issue({ status: 'open', deadline: 'soon' }), late)).toBe(false);
  });
});

describe('written off on time', () => {
  const closed = issue({ status: 'closed', deadline: '2026-03-01' });

  it('means closed on or before the deadline day in Shanghai', () => {
    expect(isClosedOnTime({ ...closed, closedAt: '2026-03-01T15:30:00Z' })).toBe(true); // 23:30 Shanghai
    expect(isClosedOnTime({ ...closed, closedAt: '2026-03-01T16:30:00Z' })).toBe(false); // 00:30 next day
  });

  it('a closed issue without a deadline is on time; one without closedAt or not closed is not', () => {
    expect(isClosedOnTime(issue({ status: 'closed', closedAt: '2026-03-09T10:00:00+08:00' }))).toBe(true);
    expect(isClosedOnTime(issue({ status: 'closed', deadline: '2026-03-01' }))).toBe(false);
    expect(isClosedOnTime({ ...closed, status: 'reopened', closedAt: '2026-02-28T10:00:00+08:00' })).toBe(
      false,
    );
  });
});

describe('re-check list', () => {
  it('holds closed issues whose re-check date has come in Shanghai, earliest first', () => {
    const rows: RowValues[] = [
      { id: 'B000000000000000', status: 'closed', recheckAt: '2026-03-02' },
      { id: 'A000000000000000', status: 'closed', recheckAt: '2026-03-01' },
      { id: 'C000000000000000', status: 'closed', recheckAt: '2026-03-03' },
      { id: 'D000000000000000', status: 'reopened', recheckAt: '2026-03-01' },
      { id: 'E000000000000000', status: 'closed' },
    ];
    // 2026-03-01T16:30Z is already 2026-03-02 in Shanghai.
    expect(dueForRecheck(rows, new Date('2026-03-01T16:30:00Z')).map((r) => r.id)).toEqual([
      'A000000000000000',
      'B000000000000000',
    ]);
    expect(dueForRecheck(rows, new Date('2026-03-01T15:30:00Z')).map((r) => r.id)).toEqual([
      'A000000000000000',
    ]);
  });
});
