import { districtTotals, type RoomRows, type RowValues } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import { formatFigure, totalsLines } from './totals-compare.ts';

const at = new Date('2026-03-02T08:00:00Z');
const issue = (id: string, status: string): RowValues => ({
  id,
  committeeId: 'taoyuan',
  status,
  foundAt: '2026-03-01T09:00:00+08:00',
  recurrences: 0,
});
const side = (rows: RowValues[]): RoomRows[] => [
  { room: 'ledger.taoyuan', table: 'ledger', committeeId: 'taoyuan', rows },
];

describe('totals side by side', () => {
  const from = districtTotals(side([issue('a', 'open'), issue('b', 'open')]), at);
  const to = districtTotals(side([issue('a', 'closed'), issue('b', 'open'), issue('c', 'open')]), at);
  const lines = totalsLines(from, to);
  const byKey = new Map(lines.map((l) => [l.key, l]));

  it('puts each figure of both sides next to its change', () => {
    expect(byKey.get('found')).toMatchObject({ from: 2, to: 3, delta: 1, kind: 'count' });
    expect(byKey.get('status.open')).toMatchObject({ from: 2, to: 2, delta: 0 });
    expect(byKey.get('status.closed')).toMatchObject({ from: 0, to: 1, delta: 1 });
    expect(byKey.get('resolutionRate')).toMatchObject({ from: 0, kind: 'rate' });
    expect(byKey.get('resolutionRate')?.to).toBeCloseTo(1 / 3);
  });

  it('a rate with nothing to divide by has no value and no change', () => {
    expect(byKey.get('onTimeRate')).toMatchObject({ from: null, delta: null });
  });

  it('formats counts, rates and signed changes', () => {
    expect(formatFigure('count', 12, 'zh-CN')).toBe('12');
    expect(formatFigure('count', 3, 'zh-CN', true)).toBe('+3');
    expect(formatFigure('count', -2, 'zh-CN', true)).toBe('−2');
    expect(formatFigure('count', 0, 'zh-CN', true)).toBe('±0');
    expect(formatFigure('rate', 0.9534, 'zh-CN')).toBe('95.3%');
    expect(formatFigure('rate', -0.015, 'en', true)).toBe('−1.5%');
    expect(formatFigure('rate', null, 'en')).toBe('—');
  });

  it('writes figures as the live totals do, thousands grouped', () => {
    expect(formatFigure('count', 20000, 'en')).toBe('20,000');
    expect(formatFigure('count', 1204, 'zh-CN', true)).toBe('+1,204');
    expect(formatFigure('rate', 1, 'en')).toBe('100%');
  });
});
