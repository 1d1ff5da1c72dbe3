import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isoShanghai, todayInShanghai } from '../core/time.ts';
import { generateDemoDistrict } from '../demo/demo.ts';
import { deadlineLight, isEscalated } from '../rules/deadline-light.ts';
import { isClosedOnTime, isOverdue } from '../rules/deadlines.ts';
import { closedOn, foundOn } from '../rules/issue-dates.ts';
import type { CellValue, RowValues } from '../schema/fields.ts';
import type { Tally } from './tally.ts';
import { computeTotals, NO_VALUE, type Totals } from './totals.ts';

// 2026-03-01T15:45Z is 23:45 on 1 March in Shanghai.
const NOW = new Date('2026-03-01T15:45:00Z');

let seq = 0;
function issue(values: RowValues): RowValues {
  seq++;
  return {
    id: `ISSUE${String(seq).padStart(11, '0')}`,
    committeeId: 'taoyuan',
    category: 'street_rubbish',
    source: 'office',
    status: 'open',
    foundAt: '2026-02-20T09:00:00+08:00',
    recurrences: 0,
    ...values,
  };
}

const ids = (rows: RowValues[]) => rows.map((r) => String(r.id)).sort();

describe('totals', () => {
  it('counts by committee and status, category and source, with every known value present', () => {
    const rows = [
      issue({ status: 'closed', closedAt: '2026-02-21T10:00:00+08:00' }),
      issue({ committeeId: 'hongqiao', category: 'road_damage', source: 'third_party' }),
      issue({ status: 'rectified' }),
    ];
    const t = computeTotals({ ledger: rows, roster: [], sites: [], now: NOW });
    expect(t.found.count).toBe(3);
    expect(t.byCommitteeStatus.taoyuan?.closed?.ids).toEqual([rows[0]?.id]);
    expect(t.byCommitteeStatus.taoyuan?.rectified?.ids).toEqual([rows[2]?.id]);
    expect(t.byCommitteeStatus.taoyuan?.reopened?.count).toBe(0);
    expect(t.byCommitteeStatus.hongqiao?.open?.ids).toEqual([rows[1]?.id]);
    expect(t.byCategory.road_damage?.count).toBe(1);
    expect(t.byCategory.glass_damage?.count).toBe(0);
    expect(t.bySource.office?.count).toBe(2);
    expect(t.bySource.hotline_12345?.count).toBe(0);
  });

  it('reckons found today and closed today by the Shanghai date', () => {
    const lateEvening = issue({ foundAt: '2026-03-01T23:30:00+08:00' }); // 15:30 UTC
    const utcWritten = issue({ foundAt: '2026-03-01T15:30:00Z' }); // the same instant
    const earlyUtc = issue({ foundAt: '2026-03-01T01:00:00+08:00' }); // still 28 Feb in UTC
    const yesterday = issue({ foundAt: '2026-02-28T23:59:00+08:00' }); // 28 Feb in Shanghai and in UTC
    const closedLate = issue({ status: 'closed', closedAt: '2026-03-01T15:40:00Z' });
    const t = computeTotals({
      ledger: [lateEvening, utcWritten, earlyUtc, yesterday, closedLate],
      roster: [],
      sites: [],
      now: NOW,
    });
    expect(t.today).toBe('2026-03-01');
    expect(t.foundToday.ids).toEqual(ids([lateEvening, utcWritten, earlyUtc]));
    expect(t.closedToday.ids).toEqual([closedLate.id]);
    // Twenty minutes later it is 2 March in Shanghai, though still 1 March in UTC.
    const later = computeTotals({
      ledger: [lateEvening, utcWritten, earlyUtc, yesterday, closedLate],
      roster: [],
      sites: [],
      now: new Date('2026-03-01T16:05:00Z'),
    });
    expect(later.today).toBe('2026-03-02');
    expect(later.foundToday.count).toBe(0);
    expect(later.closedToday.count).toBe(0);
    expect(later.trend.at(-2)).toMatchObject({
      date: '2026-03-01',
      found: { count: 3 },
      closed: { count: 1 },
    });
  });

  it('resolution rate is closed over found, on-time rate closed by the deadline over closed', () => {
    const rows = [
      issue({ status: 'closed', deadline: '2026-02-20', closedAt: '2026-02-20T18:00:00+08:00' }),
      issue({ status: 'closed', deadline: '2026-02-20', closedAt: '2026-02-21T09:00:00+08:00' }),
      issue({ status: 'open', deadline: '2026-02-20' }),
      issue({ status: 'reopened', deadline: '2026-03-05', recurrences: 1 }),
    ];
    const t = computeTotals({ ledger: rows, roster: [], sites: [], now: NOW });
    expect(t.resolutionRate).toMatchObject({ numerator: { count: 2 }, denominator: { count: 4 }, rate: 0.5 });
    expect(t.onTimeRate.numerator.ids).toEqual([rows[0]?.id]);
    expect(t.onTimeRate.rate).toBe(0.5);
    expect(t.overdue.ids).toEqual([rows[2]?.id]);
    expect(t.recurred.ids).toEqual([rows[3]?.id]);
  });

  it('rates are null, not NaN, when there is nothing to divide', () => {
    const t = computeTotals({ ledger: [], roster: [], sites: [], now: NOW });
    expect([t.resolutionRate.rate, t.onTimeRate.rate, t.rosterCoverage.rate]).toEqual([null, null, null]);
  });

  it('roster coverage is today’s covered site × slot cells over all, per committee too', () => {
    const sites = [
      { id: 'SITE-A0000000000', name: 'A', committeeId: 'taoyuan' },
      { id: 'SITE-B0000000000', name: 'B', committeeId: 'hongqiao' },
    ];
    const shift = (id: string, siteId: string, date: string, start: string, end: string) => ({
      id: id.padEnd(16, '0'),
      committeeId: siteId === 'SITE-A0000000000' ? 'taoyuan' : 'hongqiao',
      siteId,
      date,
      start,
      end,
      person: 'PERSON-WANG00000',
      role: 'volunteer',
      status: 'scheduled',
    });
    const roster = [
      shift('S1', 'SITE-A0000000000', '2026-03-01', '07:00', '09:00'),
      shift('S2', 'SITE-A0000000000', '2026-03-01', '14:00', '17:00'),
      shift('S3', 'SITE-B0000000000', '2026-03-02', '07:00', '09:00'),
    ];
    const t = computeTotals({ ledger: [], roster, sites, now: NOW });
    expect(t.rosterCoverage).toMatchObject({ date: '2026-03-01', cells: 4, covered: 2, rate: 0.5 });
    expect(t.rosterCoverage.gaps.map((g) => [g.siteId, g.start])).toEqual([
      ['SITE-B0000000000', '07:00'],
      ['SITE-B0000000000', '14:00'],
    ]);
    const taoyuan = t.ranking.find((s) => s.committeeId === 'taoyuan');
    expect(taoyuan?.rosterCoverage).toMatchObject({ cells: 2, covered: 2, rate: 1 });
  });

  it('ranks committees by resolution rate, then on-time rate, then fewest overdue', () => {
    const rows = [
      issue({ committeeId: 'a', status: 'closed', closedAt: '2026-02-21T10:00:00+08:00' }),
      issue({ committeeId: 'b', status: 'closed', closedAt: '2026-02-21T10:00:00+08:00' }),
      issue({ committeeId: 'b', status: 'open', deadline: '2026-02-21' }),
      issue({ committeeId: 'c', status: 'closed', closedAt: '2026-02-21T10:00:00+08:00' }),
      issue({ committeeId: 'c', status: 'open', deadline: '2026-03-09' }),
    ];
    const t = computeTotals({
      ledger: rows,
      roster: [],
      sites: [{ id: 'SITE-D', committeeId: 'd' }],
      now: NOW,
    });
    expect(t.ranking.map((s) => [s.rank, s.committeeId])).toEqual([
      [1, 'a'],
      [2, 'c'],
      [3, 'b'],
      [4, 'd'],
    ]);
  });

  it('gives the same totals whatever order the rows come in', () => {
    const { rooms } = generateDemoDistrict({ seed: 7, today: '2026-03-01' });
    const ledger = rooms.filter((r) => r.table === 'ledger').flatMap((r) => r.rows);
    const roster = rooms.filter((r) => r.table === 'roster').flatMap((r) => r.rows);
    const sites = rooms.find((r) => r.table === 'sites')?.rows ?? [];
    const a = computeTotals({ ledger, roster, sites, now: NOW });
    const b = computeTotals({ ledger: [...ledger].reverse(), roster, sites, now: NOW });
    expect(b).toEqual(a);
    expect(a.found.count).toBe(ledger.length);
    expect(a.rosterCoverage.rate).toBeGreaterThan(0.8);
  });
});

// ---- property: the totals are counts over the rows ----

const CATEGORIES = ['street_rubbish', 'road_damage', 'glass_damage', 'graffiti'];
const STATUSES = ['open', 'in_progress', 'rectified', 'closed', 'reopened', 'parked', 'lost'];
const SOURCES = ['office', 'volunteer', 'hotline_12345'];
const COMMITTEES = ['taoyuan', 'hongqiao', 'xinhua'];
const BASE_MS = Date.parse('2026-03-01T00:00:00Z');
const DAY_MS = 86_400_000;

/** An instant within ±10 days, written with one of several offsets, or a plain date, or junk. */
const timeValue = fc.oneof(
  fc.integer({ min: -10 * DAY_MS, max: 10 * DAY_MS }).map((d) => isoShanghai(BASE_MS + d)),
  fc.integer({ min: -10 * DAY_MS, max: 10 * DAY_MS }).map((d) => new Date(BASE_MS + d).toISOString()),
  fc.integer({ min: -10, max: 10 }).map((d) => addDays('2026-03-01', d)),
  fc.constantFrom('not a time', ''),
);
const maybe = <T extends CellValue>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const rowArb = fc.record({
  committeeId: maybe(fc.constantFrom(...COMMITTEES)),
  category: maybe(fc.constantFrom(...CATEGORIES)),
  source: maybe(fc.constantFrom(...SOURCES)),
  status: maybe(fc.oneof(fc.constantFrom(...STATUSES), fc.constant(3 as CellValue))),
  foundAt: maybe(timeValue),
  closedAt: maybe(timeValue),
  deadline: maybe(
    fc.oneof(
      fc.integer({ min: -10, max: 10 }).map((d) => addDays('2026-03-01', d)),
      fc.constant('soon'),
    ),
  ),
  recurrences: maybe(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant('2' as CellValue))),
  reworks: maybe(fc.integer({ min: 0, max: 2 })),
  extensions: maybe(fc.integer({ min: 0, max: 2 })),
  extensionDeadline: maybe(fc.integer({ min: -3, max: 12 }).map((d) => addDays('2026-03-01', d))),
});

const tableArb = fc.array(rowArb, { maxLength: 60 }).map((rows) =>
  rows.map((r, i) => {
    const row: RowValues = { id: `ROW${String(i).padStart(13, '0')}` };
    for (const [k, v] of Object.entries(r)) if (v !== undefined) row[k] = v;
    return row;
  }),
);
const nowArb = fc.integer({ min: -12 * DAY_MS, max: 12 * DAY_MS }).map((d) => new Date(BASE_MS + d));

function idsWhere(rows: RowValues[], keep: (row: RowValues) => boolean): string[] {
  return rows
    .filter(keep)
    .map((r) => String(r.id))
    .sort();
}

function keyOf(row: RowValues, field: string): string {
  const v = row[field];
  return typeof v === 'string' && v !== '' ? v : NO_VALUE;
}

function expectGroups(groups: Readonly<Record<string, Tally>>, rows: RowValues[], field: string) {
  for (const [key, t] of Object.entries(groups))
    expect(t.ids).toEqual(idsWhere(rows, (r) => keyOf(r, field) === key));
  const total = Object.values(groups).reduce((n, t) => n + t.count, 0);
  expect(total).toBe(rows.length);
}

/** Every Tally anywhere in the totals has count === ids.length. */
function everyTally(value: unknown, visit: (t: Tally) => void): void {
  if (Array.isArray(value)) for (const v of value) everyTally(v, visit);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.count === 'number' && Array.isArray(o.ids)) visit(o as unknown as Tally);
    for (const v of Object.values(o)) everyTally(v, visit);
  }
}

function expectCountsOverRows(t: Totals, rows: RowValues[], now: Date) {
  const today = todayInShanghai(now);
  everyTally(t, (x) => expect(x.count).toBe(x.ids.length));
  expect(t.found.ids).toEqual(idsWhere(rows, () => true));
  expectGroups(t.byStatus, rows, 'status');
  expectGroups(t.byCategory, rows, 'category');
  expectGroups(t.bySource, rows, 'source');
  for (const [committee, statuses] of Object.entries(t.byCommitteeStatus)) {
    expectGroups(
      statuses,
      rows.filter((r) => keyOf(r, 'committeeId') === committee),
      'status',
    );
  }
  expect(t.foundToday.ids).toEqual(idsWhere(rows, (r) => foundOn(r) === today));
  expect(t.closedToday.ids).toEqual(idsWhere(rows, (r) => closedOn(r) === today));
  expect(t.overdue.ids).toEqual(idsWhere(rows, (r) => isOverdue(r, now)));
  expect(t.recurred.ids).toEqual(
    idsWhere(rows, (r) => typeof r.recurrences === 'number' && r.recurrences > 0),
  );
  expect(t.resolutionRate.numerator.ids).toEqual(idsWhere(rows, (r) => r.status === 'closed'));
  expect(t.resolutionRate.denominator.count).toBe(rows.length);
  expect(t.onTimeRate.numerator.ids).toEqual(idsWhere(rows, (r) => isClosedOnTime(r)));
  expect(t.onTimeRate.denominator.ids).toEqual(t.resolutionRate.numerator.ids);
  for (const day of t.trend) {
    expect(day.found.ids).toEqual(idsWhere(rows, (r) => foundOn(r) === day.date));
    expect(day.closed.ids).toEqual(idsWhere(rows, (r) => closedOn(r) === day.date));
  }
  for (const s of t.ranking) {
    const own = rows.filter((r) => keyOf(r, 'committeeId') === s.committeeId);
    expect(s.found.ids).toEqual(idsWhere(own, () => true));
    expect(s.closed.ids).toEqual(idsWhere(own, (r) => r.status === 'closed'));
    expect(s.overdue.ids).toEqual(idsWhere(own, (r) => isOverdue(r, now)));
  }
  expect(t.ranking.reduce((n, s) => n + s.found.count, 0)).toBe(rows.length);
  expectLoopCounts(t, rows, now);
}

/** The closure-loop figures recounted straight from their definitions. */
function expectLoopCounts(t: Totals, rows: RowValues[], now: Date) {
  const today = todayInShanghai(now);
  const num = (r: RowValues, k: string) => (typeof r[k] === 'number' ? (r[k] as number) : 0);
  const validDeadline = (r: RowValues) =>
    typeof r.deadline === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r.deadline) ? r.deadline : null;
  const due = idsWhere(rows, (r) => {
    if (r.status === 'parked') return false;
    const d = validDeadline(r);
    return r.status === 'closed' || (d !== null && today > d);
  });
  expect(t.parked.ids).toEqual(idsWhere(rows, (r) => r.status === 'parked'));
  expect(t.dueToClose.ids).toEqual(due);
  expect(t.closeRate.denominator.ids).toEqual(due);
  expect(t.closeRate.numerator.ids).toEqual(idsWhere(rows, (r) => r.status === 'closed'));
  expect(t.onTimeCloseRate.denominator.ids).toEqual(due);
  expect(t.onTimeCloseRate.numerator.ids).toEqual(idsWhere(rows, (r) => isClosedOnTime(r)));
  for (const id of t.closeRate.numerator.ids) expect(due).toContain(id);
  expect(t.reworkRate.numerator.ids).toEqual(idsWhere(rows, (r) => num(r, 'reworks') > 0));
  expect(t.reworkRate.denominator.ids).toEqual(
    idsWhere(
      rows,
      (r) =>
        num(r, 'reworks') > 0 ||
        r.status === 'closed' ||
        r.status === 'reopened' ||
        num(r, 'recurrences') > 0,
    ),
  );
  expect(t.extended.ids).toEqual(idsWhere(rows, (r) => num(r, 'extensions') > 0));
  expect(t.extensionRequests.ids).toEqual(idsWhere(rows, (r) => typeof r.extensionDeadline === 'string'));
  for (const light of ['green', 'yellow', 'red'] as const) {
    expect(t.lights[light].ids).toEqual(idsWhere(rows, (r) => deadlineLight(r, now) === light));
  }
  expect(t.lights.red.ids).toEqual(t.overdue.ids);
  expect(t.escalated.ids).toEqual(idsWhere(rows, (r) => isEscalated(r, now)));
  for (const id of t.escalated.ids) expect(t.lights.red.ids).toContain(id);
}

describe('totals are counts over the rows', () => {
  it('for random tables and any moment, every figure equals a recount of its rows', () => {
    fc.assert(
      fc.property(tableArb, nowArb, (rows, now) => {
        expectCountsOverRows(computeTotals({ ledger: rows, roster: [], sites: [], now }), rows, now);
      }),
      { numRuns: 300 },
    );
  });

  it('for the demo district seen at any moment', () => {
    const { rooms } = generateDemoDistrict({ seed: 11, today: '2026-03-01' });
    const ledger = rooms.filter((r) => r.table === 'ledger').flatMap((r) => [...r.rows]);
    fc.assert(
      fc.property(nowArb, (now) => {
        expectCountsOverRows(computeTotals({ ledger, roster: [], sites: [], now }), ledger, now);
      }),
      { numRuns: 20 },
    );
  });
});
