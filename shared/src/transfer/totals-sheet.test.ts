import { describe, expect, it } from 'vitest';
import { computeTotals } from '../reports/totals.ts';
import { totalsSheetRows } from './totals-sheet.ts';

describe('totals sheet', () => {
  const totals = computeTotals({
    ledger: [
      {
        id: 'ISSUE_A_0000000000',
        committeeId: 'taoyuan',
        status: 'closed',
        category: 'street_rubbish',
        closedAt: '2026-11-24T10:00:00+08:00',
      },
      { id: 'ISSUE_B_0000000000', committeeId: 'taoyuan', status: 'open', category: 'street_rubbish' },
    ],
    roster: [],
    sites: [],
    now: new Date('2026-11-24T08:00:00Z'),
  });

  it('labels every figure and count in the chosen language, with rates as percentages', () => {
    const zh = totalsSheetRows(totals, new Map([['taoyuan', '桃园居委']]));
    const byLabel = new Map(zh.map((r) => [r[0]?.text, r[1]]));
    expect(byLabel.get('问题总数')).toEqual({ type: 'number', text: '2', value: 2 });
    expect(byLabel.get('销账率')).toEqual({ type: 'number', text: '50.0%', value: 0.5, numFmt: '0.0%' });
    expect(byLabel.get('按期销账率')).toMatchObject({ value: 1 });
    expect(byLabel.get('沿街垃圾')).toMatchObject({ value: 2 });
    expect(byLabel.get('待整改')).toMatchObject({ value: 1 });
    expect(
      zh
        .at(-1)
        ?.map((c) => c.text)
        .slice(0, 3),
    ).toEqual(['1', '桃园居委', '2']);
    const en = totalsSheetRows(totals, new Map(), 'en');
    expect(en.map((r) => r[0]?.text)).toContain('Resolution rate');
  });

  it('shows a rate with nothing to divide by as a dash, not zero', () => {
    const empty = computeTotals({ ledger: [], roster: [], sites: [], now: new Date() });
    const rows = totalsSheetRows(empty, new Map());
    expect(rows.find((r) => r[0]?.text === '销账率')?.[1]).toEqual({ type: 'text', text: '—' });
  });
});
