import { describe, expect, it } from 'vitest';
import type { RowValues } from '../schema/fields.ts';
import { ISSUE_CATEGORIES } from '../schema/ledger-schema.ts';
import { deadlineRulesOf, parseDeadlineRule } from './deadline-rule.ts';
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
  it('every category has a deadline rule and a re-check', () => {
    for (const { value } of ISSUE_CATEGORIES) {
      const rule = CATEGORY_TIMING[value].deadline;
      expect(rule.kind === 'overnight' || rule.days >= 1).toBe(true);
      expect(CATEGORY_TIMING[value].recheckDays).toBeGreaterThan(0);
    }
  });

  it('rubbish and bikes are due by 24:00 of the next day, the rest in working days', () => {
    const found = '2026-03-02T09:30:00+08:00'; // a Monday
    expect(defaultDeadline('street_rubbish', found)).toBe('2026-03-03');
    expect(defaultDeadline('greenbelt_rubbish', found)).toBe('2026-03-03');
    expect(defaultDeadline('bikes_disorder', found)).toBe('2026-03-03');
    expect(defaultDeadline('stairwell_clutter', found)).toBe('2026-03-03');
    expect(defaultDeadline('flying_wire_charging', found)).toBe('2026-03-03');
    expect(defaultDeadline('publicity_lacking', found)).toBe('2026-03-05');
    expect(defaultDeadline('glass_damage', found)).toBe('2026-03-05');
    expect(defaultDeadline('greenery_damage', found)).toBe('2026-03-09');
    expect(defaultDeadline('road_damage', found)).toBe('2026-03-11');
  });

  it('working days skip the weekend; 不隔夜 does not', () => {
    const friday = '2026-03-06T10:00:00+08:00';
    expect(defaultDeadline('stairwell_clutter', friday)).toBe('2026-03-09'); // Monday
    expect(defaultDeadline('glass_damage', friday)).toBe('2026-03-11'); // Wednesday
    expect(defaultDeadline('street_rubbish', friday)).toBe('2026-03-07'); // Saturday
    // Found on a Saturday or a Sunday: the first working day is Monday.
    expect(defaultDeadline('stairwell_clutter', '2026-03-07T10:00:00+08:00')).toBe('2026-03-09');
    expect(defaultDeadline('stairwell_clutter', '2026-03-08T23:00:00+08:00')).toBe('2026-03-09');
    expect(defaultDeadline('street_rubbish', '2026-03-08T23:00:00+08:00')).toBe('2026-03-09');
  });

  it('counts from the Shanghai date the issue was found, across the Shanghai midnight', () => {
    // Thursday 23:59:59 in Shanghai is 15:59:59 UTC; a second later it is Friday in Shanghai.
    expect(defaultDeadline('stairwell_clutter', '2026-03-05T15:59:59Z')).toBe('2026-03-06');
    expect(defaultDeadline('stairwell_clutter', '2026-03-05T16:00:00Z')).toBe('2026-03-09');
    expect(defaultDeadline('street_rubbish', '2026-03-01T23:30:00+08:00')).toBe('2026-03-02');
    expect(defaultDeadline('street_rubbish', '2026-03-01T15:30:00Z')).toBe('2026-03-02');
    expect(defaultDeadline('street_rubbish', '2026-03-01T16:30:00Z')).toBe('2026-03-03');
    // In New York it is still Thursday evening; in Shanghai it is Friday.
    expect(defaultDeadline('stairwell_clutter', '2026-03-05T12:30:00-05:00')).toBe('2026-03-09');
    expect(defaultDeadline('street_rubbish', '2026-03-01')).toBe('2026-03-02');
  });

  it("uses the office's rule for a category when the ledger has one", () => {
    const found = '2026-03-06T10:00:00+08:00'; // Friday
    const rules = deadlineRulesOf([
      ['deadline.street_rubbish', { kind: 'working_days', days: 2 }],
      ['deadline.road_damage', { kind: 'overnight' }],
      ['deadline.glass_damage', { kind: 'working_days', days: 0 }], // invalid: ignored
      ['field.note', { kind: 'overnight' }],
    ]);
    expect(defaultDeadline('street_rubbish', found, rules)).toBe('2026-03-10');
    expect(defaultDeadline('road_damage', found, rules)).toBe('2026-03-07');
    expect(defaultDeadline('glass_damage', found, rules)).toBe('2026-03-11');
  });

  it('has no default for an unknown category or an unreadable time', () => {
    expect(defaultDeadline('graffiti', '2026-03-01')).toBeNull();
    expect(defaultDeadline('street_rubbish', 'yesterday')).toBeNull();
    expect(defaultDeadline('street_rubbish', 20260301)).toBeNull();
    expect(defaultDeadline(undefined, '2026-03-01')).toBeNull();
  });

  it('reads rules strictly', () => {
    expect(parseDeadlineRule({ kind: 'overnight' }).ok).toBe(true);
    expect(parseDeadlineRule({ kind: 'working_days', days: 5 }).ok).toBe(true);
    for (const bad of [
      null,
      'overnight',
      { kind: 'working_days', days: 1.5 },
      { kind: 'working_days' },
      { kind: 'overnight', days: 1 },
      { kind: 'working_days', days: 99 },
    ]) {
      const parsed = parseDeadlineRule(bad);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.message['zh-CN']).toMatch(/整改时限|工作日/);
    }
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
