import { diffDistrict, type RoomRows, type RowValues } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import { EMPTY_LOOKUPS, refTable } from '../registry/lookups.ts';
import { changeWords, diffLines, kindCounts, rowTitle } from './diff-lines.ts';

const issue = (id: string, patch: Partial<RowValues> = {}): RowValues => ({
  id,
  committeeId: 'taoyuan',
  description: `问题 ${id}`,
  category: 'street_rubbish',
  status: 'open',
  recurrences: 0,
  ...patch,
});
const ledger = (rows: RowValues[]): RoomRows => ({
  room: 'ledger.taoyuan',
  table: 'ledger',
  committeeId: 'taoyuan',
  rows,
});
const lookups = {
  ...EMPTY_LOOKUPS,
  committees: refTable([{ id: 'taoyuan', name: '桃园居委' }]),
  people: refTable([{ id: 'p1', name: '张伟' }]),
};

describe('diff lines', () => {
  const before = ledger([
    issue('01JDX4Q0S6W7N5Y2B3C4D5AAAA'),
    issue('01JDX4Q0S6W7N5Y2B3C4D5BBBB', { status: 'rectified' }),
    issue('01JDX4Q0S6W7N5Y2B3C4D5CCCC', { status: 'closed', closedAt: '2026-03-01T10:00:00+08:00' }),
    issue('01JDX4Q0S6W7N5Y2B3C4D5DDDD'),
  ]);
  const after = ledger([
    issue('01JDX4Q0S6W7N5Y2B3C4D5AAAA', { assignee: 'p1', updatedAt: '2026-03-02T09:00:00+08:00' }),
    issue('01JDX4Q0S6W7N5Y2B3C4D5BBBB', { status: 'closed', closedAt: '2026-03-02T11:00:00+08:00' }),
    issue('01JDX4Q0S6W7N5Y2B3C4D5CCCC', { status: 'reopened', closedAt: null, recurrences: 1 }),
    issue('01JDX4Q0S6W7N5Y2B3C4D5EEEE'),
  ]);
  const lines = diffLines(diffDistrict([before], [after]).tables);

  it('lists each row once per thing that happened to it, with its committee', () => {
    expect(lines.map((l) => [l.kind, l.id.slice(-4)])).toEqual([
      ['added', 'EEEE'],
      ['closed', 'BBBB'],
      ['reopened', 'CCCC'],
      ['changed', 'AAAA'],
      ['changed', 'BBBB'],
      ['changed', 'CCCC'],
      ['removed', 'DDDD'],
    ]);
    expect(new Set(lines.map((l) => l.committeeId))).toEqual(new Set(['taoyuan']));
    expect(kindCounts(lines)).toEqual({ added: 1, closed: 1, reopened: 1, changed: 3, removed: 1 });
  });

  it('a written-off row carries the fields that changed with it', () => {
    const closed = lines.find((l) => l.kind === 'closed');
    expect(closed?.changes.map((c) => c.key)).toEqual(['closedAt', 'status']);
    expect(lines.find((l) => l.kind === 'added')?.changes).toEqual([]);
  });

  it('words a change as the grid shows it: labels, names, Shanghai times', () => {
    const assigned = lines.find((l) => l.kind === 'changed' && l.id.endsWith('AAAA'));
    const change = assigned?.changes[0];
    if (!assigned || !change) throw new Error('no change');
    expect(changeWords('ledger', change, 'zh-CN', lookups)).toEqual({
      field: '责任人',
      before: '',
      after: '张伟',
    });
    const status = lines.find((l) => l.kind === 'closed')?.changes.find((c) => c.key === 'status');
    if (!status) throw new Error('no status change');
    expect(changeWords('ledger', status, 'en', lookups)).toEqual({
      field: 'Status',
      before: 'Rectified, awaiting check',
      after: 'Closed',
    });
    expect(rowTitle(assigned, 'zh-CN', lookups)).toMatch(/^\d{4}-AAAA 问题 /);
  });
});
