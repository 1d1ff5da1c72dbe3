import { computeTotals, ISSUE_SOURCES, NO_VALUE, type RowValues } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import { committeeStatusRows, optionRows, statusColumns } from './breakdown-rows.ts';

const NOW = new Date('2026-03-02T08:00:00Z');

function issue(id: string, values: Partial<RowValues>): RowValues {
  return {
    id,
    committeeId: 'taoyuan',
    siteId: 'site-taoyuan-0000000001',
    category: 'street_rubbish',
    source: 'office',
    foundAt: '2026-03-02T09:00:00+08:00',
    status: 'open',
    ...values,
  };
}

const totals = computeTotals({
  ledger: [
    issue('A01', {}),
    issue('A02', { source: 'hotline_12345', status: 'closed', committeeId: 'hongqiao' }),
    issue('A03', { source: 'carrier_pigeon', status: 'lost' }),
    issue('A04', { source: null }),
  ],
  roster: [],
  sites: [],
  now: NOW,
});

describe('totals table rows', () => {
  it('lists every source with its localized label, zero counts included, unknown and empty last', () => {
    const rows = optionRows(totals.bySource, ISSUE_SOURCES, 'zh-CN', '（未填）');
    expect(rows.map((r) => r.value)).toEqual([
      ...ISSUE_SOURCES.map((s) => s.value),
      'carrier_pigeon',
      NO_VALUE,
    ]);
    const hotline = rows.find((r) => r.value === 'hotline_12345');
    expect(hotline?.label).toBe('12345热线');
    expect(hotline?.tally.ids).toEqual(['A02']);
    expect(hotline?.share).toBe(0.25);
    expect(rows.find((r) => r.value === 'volunteer')?.tally.count).toBe(0);
    expect(rows.find((r) => r.value === NO_VALUE)?.label).toBe('（未填）');
    expect(rows.find((r) => r.value === 'carrier_pigeon')?.label).toBe('carrier_pigeon');
    expect(optionRows(totals.bySource, ISSUE_SOURCES, 'en', '(none)')[7]?.label).toBe('12345 hotline');
  });

  it('the counts of all rows add up to the issues counted', () => {
    const rows = optionRows(totals.bySource, ISSUE_SOURCES, 'en', '(none)');
    expect(rows.reduce((n, r) => n + r.tally.count, 0)).toBe(totals.found.count);
  });

  it('committee rows carry the name, each status and the committee total', () => {
    const rows = committeeStatusRows(totals, (id) => (id === 'taoyuan' ? '桃园' : id));
    const taoyuan = rows.find((r) => r.committeeId === 'taoyuan');
    expect(taoyuan?.name).toBe('桃园');
    expect(taoyuan?.found.ids).toEqual(['A01', 'A03', 'A04']);
    expect(taoyuan?.byStatus.open?.ids).toEqual(['A01', 'A04']);
    expect(rows.find((r) => r.committeeId === 'hongqiao')?.byStatus.closed?.ids).toEqual(['A02']);
  });

  it('status columns are the workflow statuses, then any other value seen', () => {
    expect(statusColumns(totals)).toEqual([
      'open',
      'in_progress',
      'rectified',
      'closed',
      'reopened',
      'parked',
      'lost',
    ]);
  });
});
