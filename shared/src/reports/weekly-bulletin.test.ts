import { describe, expect, it } from 'vitest';
import type { RowValues } from '../schema/fields.ts';
import type { RoomRows } from './district-rows.ts';
import { buildBulletin } from './weekly-bulletin.ts';

const OVERDUE = 'ISSUE_OVERDUE_00001';
const RECURRED = 'ISSUE_RECURRED_0001';
const NEW = 'ISSUE_NEW_000000001';

function ledger(rows: RowValues[]): RoomRows[] {
  return [
    { room: 'committees', table: 'committees', rows: [{ id: 'taoyuan', name: '桃园居委' }] },
    {
      room: 'sites',
      table: 'sites',
      rows: [{ id: 'SITE_MARKET_0000001', name: '桃园菜场', committeeId: 'taoyuan' }],
    },
    { room: 'ledger.taoyuan', table: 'ledger', committeeId: 'taoyuan', rows },
  ];
}

const base = {
  committeeId: 'taoyuan',
  siteId: 'SITE_MARKET_0000001',
  category: 'street_rubbish',
  description: '菜场门口垃圾',
  foundAt: '2026-11-16T09:00:00+08:00',
  recurrences: 0,
};

describe('weekly bulletin', () => {
  const lastWeek = ledger([
    { ...base, id: OVERDUE, status: 'open', deadline: '2026-11-18' },
    { ...base, id: RECURRED, status: 'closed', closedAt: '2026-11-17T10:00:00+08:00' },
  ]);
  const thisWeek = ledger([
    { ...base, id: OVERDUE, status: 'open', deadline: '2026-11-18' },
    { ...base, id: RECURRED, status: 'reopened', recurrences: 1 },
    {
      ...base,
      id: NEW,
      status: 'closed',
      foundAt: '2026-11-23T09:00:00+08:00',
      closedAt: '2026-11-23T12:00:00+08:00',
    },
  ]);

  it('lists overdue issues with days past the deadline and recurred issues, in words', () => {
    const b = buildBulletin({ rooms: thisWeek, at: new Date('2026-11-24T08:00:00Z'), label: '本周' }, null);
    expect(b.overdue.map((i) => [i.id, i.daysOverdue, i.committee, i.site, i.category])).toEqual([
      [OVERDUE, 6, '桃园居委', '桃园菜场', '沿街垃圾'],
    ]);
    expect(b.recurred.map((i) => [i.id, i.recurrences, i.status])).toEqual([[RECURRED, 1, '回潮']]);
    expect(b.ranking).toEqual([
      expect.objectContaining({
        rank: 1,
        committee: '桃园居委',
        found: 3,
        closed: 1,
        overdue: 1,
        recurred: 1,
      }),
    ]);
    expect(b.change).toBeNull();
  });

  it('tells what changed since the last bulletin, per committee', () => {
    const b = buildBulletin(
      { rooms: thisWeek, at: new Date('2026-11-24T08:00:00Z'), label: '本周' },
      { rooms: lastWeek, at: new Date('2026-11-17T08:00:00Z'), label: '上周通报' },
    );
    expect(b.change?.since).toEqual({ label: '上周通报', at: '2026-11-17T16:00:00+08:00' });
    expect(b.change?.summary).toMatchObject({ found: 1, closed: 1, reopened: 1 });
    expect(b.change?.byCommittee).toEqual([{ committee: '桃园居委', found: 1, closed: 1, reopened: 1 }]);
    expect(b.change?.resolutionRate).toEqual({ from: 0.5, to: 1 / 3 });
  });
});
