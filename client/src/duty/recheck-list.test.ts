import type { RowValues } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import { recheckLists } from './recheck-list.ts';

// 2026-11-24 in Shanghai (01:00 there, still the 23rd in UTC).
const now = new Date('2026-11-23T17:00:00Z');
const issue = (id: string, values: RowValues): RowValues => ({
  id,
  committeeId: 'taoyuan',
  siteId: 's1',
  ...values,
});

const ledger: RowValues[] = [
  issue('a-closed-due', { status: 'closed', closedAt: '2026-11-17T10:00:00+08:00', recheckAt: '2026-11-20' }),
  issue('b-closed-today', { status: 'closed', recheckAt: '2026-11-24' }),
  issue('c-closed-later', { status: 'closed', recheckAt: '2026-11-25' }),
  issue('d-reopened', { status: 'reopened', recheckAt: '2026-11-20', deadline: '2026-11-22' }),
  issue('e-open-late', { status: 'open', deadline: '2026-11-23' }),
  issue('f-open-today', { status: 'open', deadline: '2026-11-24' }),
  issue('g-progress-late', { status: 'in_progress', deadline: '2026-11-14' }),
  issue('h-rectified-late', { status: 'rectified', deadline: '2026-11-01' }),
  issue('i-no-deadline', { status: 'open' }),
];

describe('re-check and overdue lists', () => {
  const lists = recheckLists(ledger, now);

  it('reckons today in Shanghai', () => {
    expect(lists.today).toBe('2026-11-24');
  });

  it('lists closed issues whose re-check has come, earliest first, with days since', () => {
    expect(lists.recheck.map((r) => [r.row.id, r.daysPast])).toEqual([
      ['a-closed-due', 4],
      ['b-closed-today', 0],
    ]);
  });

  it('lists issues still with the committee after their deadline day, longest overdue first', () => {
    expect(lists.overdue.map((r) => [r.row.id, r.daysOverdue])).toEqual([
      ['g-progress-late', 10],
      ['d-reopened', 2],
      ['e-open-late', 1],
    ]);
  });
});
