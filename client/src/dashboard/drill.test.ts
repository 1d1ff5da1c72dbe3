import { computeTotals, NO_VALUE, type RowValues } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import { type DrillTarget, drillCount, drillKey, resolveDrill } from './drill.ts';

const NOW = new Date('2026-03-02T08:00:00Z'); // 16:00 in Shanghai

function issue(id: string, values: Partial<RowValues>): RowValues {
  return {
    id,
    committeeId: 'taoyuan',
    siteId: 'site-taoyuan-0000000001',
    category: 'street_rubbish',
    description: '沿街垃圾',
    source: 'office',
    foundAt: '2026-03-02T09:00:00+08:00',
    status: 'open',
    recurrences: 0,
    ...values,
  };
}

const ledger: RowValues[] = [
  issue('A01', {}),
  issue('A02', { status: 'closed', closedAt: '2026-03-02T15:00:00+08:00', deadline: '2026-03-05' }),
  issue('A03', { status: 'closed', closedAt: '2026-03-01T15:00:00+08:00', deadline: '2026-02-20' }),
  issue('A04', { committeeId: 'hongqiao', deadline: '2026-02-27', source: 'hotline_12345' }),
  issue('A05', { committeeId: 'hongqiao', status: 'reopened', recurrences: 1, category: 'bikes_disorder' }),
  issue('A06', { category: undefined, foundAt: '2026-02-28T10:00:00+08:00' }),
];
const sites: RowValues[] = [
  { id: 'site-taoyuan-0000000001', name: '桃园新村', kind: 'market', committeeId: 'taoyuan' },
  { id: 'site-hongqiao-000000001', name: '虹桥路口', kind: 'market', committeeId: 'hongqiao' },
];
const roster: RowValues[] = [
  {
    id: 'R01',
    committeeId: 'taoyuan',
    date: '2026-03-02',
    start: '08:00',
    end: '12:00',
    siteId: 'site-taoyuan-0000000001',
    role: 'volunteer',
    person: 'P01',
    status: 'scheduled',
  },
  {
    id: 'R02',
    committeeId: 'hongqiao',
    date: '2026-03-02',
    start: '08:00',
    end: '12:00',
    siteId: 'site-hongqiao-000000001',
    role: 'volunteer',
    person: null,
    status: 'scheduled',
  },
];
const totals = computeTotals({ ledger, roster, sites, now: NOW });

function ids(target: DrillTarget): readonly string[] {
  const result = resolveDrill(totals, target);
  if (result.kind !== 'rows') throw new Error('expected rows');
  return result.ids;
}

describe('drilling down from a number', () => {
  it('headline figures give exactly their rows', () => {
    expect(ids({ kind: 'figure', figure: 'found' })).toEqual(['A01', 'A02', 'A03', 'A04', 'A05', 'A06']);
    expect(ids({ kind: 'figure', figure: 'foundToday' })).toEqual(['A01', 'A02', 'A03', 'A04', 'A05']);
    expect(ids({ kind: 'figure', figure: 'closedToday' })).toEqual(['A02']);
    expect(ids({ kind: 'figure', figure: 'overdue' })).toEqual(['A04']);
    expect(ids({ kind: 'figure', figure: 'recurred' })).toEqual(['A05']);
  });

  it('a rate drills into its numerator and its denominator', () => {
    expect(ids({ kind: 'rate', figure: 'resolutionRate', part: 'numerator' })).toEqual(['A02', 'A03']);
    expect(ids({ kind: 'rate', figure: 'resolutionRate', part: 'denominator' })).toHaveLength(6);
    expect(ids({ kind: 'rate', figure: 'onTimeRate', part: 'numerator' })).toEqual(['A02']);
    expect(ids({ kind: 'rate', figure: 'onTimeRate', part: 'denominator' })).toEqual(['A02', 'A03']);
  });

  it('breakdowns by committee and status, category and source', () => {
    expect(ids({ kind: 'committeeStatus', committeeId: 'hongqiao', status: 'open' })).toEqual(['A04']);
    expect(ids({ kind: 'committeeStatus', committeeId: 'taoyuan', status: 'closed' })).toEqual([
      'A02',
      'A03',
    ]);
    expect(ids({ kind: 'status', status: 'reopened' })).toEqual(['A05']);
    expect(ids({ kind: 'committee', committeeId: 'taoyuan', figure: 'found' })).toEqual([
      'A01',
      'A02',
      'A03',
      'A06',
    ]);
    expect(ids({ kind: 'category', value: 'bikes_disorder' })).toEqual(['A05']);
    expect(ids({ kind: 'category', value: NO_VALUE })).toEqual(['A06']);
    expect(ids({ kind: 'source', value: 'hotline_12345' })).toEqual(['A04']);
  });

  it('a day of the trend gives the rows found or written off that day', () => {
    expect(ids({ kind: 'trend', date: '2026-02-28', series: 'found' })).toEqual(['A06']);
    expect(ids({ kind: 'trend', date: '2026-03-01', series: 'closed' })).toEqual(['A03']);
  });

  it('roster coverage drills into cells, for the district and for one committee', () => {
    const covered = resolveDrill(totals, { kind: 'coverage', part: 'covered', committeeId: null });
    const gaps = resolveDrill(totals, { kind: 'coverage', part: 'gaps', committeeId: null });
    const all = resolveDrill(totals, { kind: 'coverage', part: 'cells', committeeId: null });
    expect(drillCount(covered)).toBe(totals.rosterCoverage.covered);
    expect(drillCount(gaps)).toBe(totals.rosterCoverage.gaps.length);
    expect(drillCount(all)).toBe(totals.rosterCoverage.cells);
    expect(covered.kind === 'cells' && covered.cells.map((c) => c.siteId)).toEqual([
      'site-taoyuan-0000000001',
    ]);
    const own = resolveDrill(totals, { kind: 'coverage', part: 'gaps', committeeId: 'hongqiao' });
    expect(own.kind === 'cells' && own.cells.map((c) => c.siteId)).toEqual(['site-hongqiao-000000001']);
  });

  it('a number that is gone drills into nothing rather than failing', () => {
    expect(ids({ kind: 'committee', committeeId: 'gone', figure: 'found' })).toEqual([]);
    expect(ids({ kind: 'trend', date: '2020-01-01', series: 'found' })).toEqual([]);
    expect(drillCount(resolveDrill(totals, { kind: 'coverage', part: 'cells', committeeId: 'gone' }))).toBe(
      0,
    );
  });

  it('keys tell targets apart', () => {
    expect(drillKey({ kind: 'trend', date: '2026-03-01', series: 'found' })).not.toBe(
      drillKey({ kind: 'trend', date: '2026-03-01', series: 'closed' }),
    );
  });
});
