import { describe, expect, it } from 'vitest';
import type { RowValues } from '../schema/fields.ts';
import type { RoomRows } from './district-rows.ts';
import { compareDistrict, diffDistrict, fieldChanges } from './snapshot-diff.ts';

const A = 'ISSUE_A_0000000000';
const B = 'ISSUE_B_0000000000';
const C = 'ISSUE_C_0000000000';
const D = 'ISSUE_D_0000000000';
const E = 'ISSUE_E_0000000000';

function issue(id: string, fields: Partial<RowValues> = {}): RowValues {
  return { id, committeeId: 'taoyuan', status: 'open', recurrences: 0, description: id, ...fields };
}

function ledger(rows: RowValues[], committee = 'taoyuan'): RoomRows {
  return { room: `ledger.${committee}`, table: 'ledger', committeeId: committee, rows };
}

describe('snapshot diff', () => {
  it('tells added, removed, written off, recurred and changed rows apart', () => {
    const from = [
      ledger([
        issue(A),
        issue(B, { status: 'rectified' }),
        issue(C, { status: 'closed', closedAt: '2020-05-10T10:00:00+08:00' }),
        issue(D),
      ]),
    ];
    const to = [
      ledger([
        issue(A, { description: '改过的描述', updatedAt: '2020-05-12T10:00:00+08:00' }),
        issue(B, { status: 'closed', closedAt: '2020-05-11T10:00:00+08:00' }),
        issue(C, { status: 'reopened', recurrences: 1 }),
        issue(E, { status: 'closed', closedAt: '2020-05-11T11:00:00+08:00' }),
      ]),
    ];
    const diff = diffDistrict(from, to);
    const ledgerDiff = diff.tables.ledger;
    expect(ledgerDiff?.added.map((r) => r.id)).toEqual([E]);
    expect(ledgerDiff?.removed.map((r) => r.id)).toEqual([D]);
    expect(ledgerDiff?.closed.map((r) => r.id)).toEqual([B, E]);
    expect(ledgerDiff?.reopened.map((r) => r.id)).toEqual([C]);
    expect(ledgerDiff?.changed.map((r) => [r.id, r.changes.map((c) => c.key)])).toEqual([
      [A, ['description']],
      [B, ['closedAt', 'status']],
      [C, ['closedAt', 'recurrences', 'status']],
    ]);
    expect(diff.summary).toEqual({ added: 1, removed: 1, changed: 3, found: 1, closed: 2, reopened: 1 });
  });

  it('counts an issue reopened and written off again in between as recurred and closed', () => {
    const from = [ledger([issue(A, { status: 'closed', closedAt: '2020-05-10T10:00:00+08:00' })])];
    const to = [
      ledger([issue(A, { status: 'closed', closedAt: '2020-05-12T10:00:00+08:00', recurrences: 1 })]),
    ];
    const diff = diffDistrict(from, to);
    expect(diff.summary).toMatchObject({ closed: 1, reopened: 1, changed: 1 });
  });

  it('keeps rooms apart and reports nothing between equal states', () => {
    const rooms = [ledger([issue(A)]), ledger([issue(A)], 'hongqiao')];
    expect(diffDistrict(rooms, rooms).summary).toEqual({
      added: 0,
      removed: 0,
      changed: 0,
      found: 0,
      closed: 0,
      reopened: 0,
    });
    const diff = diffDistrict([rooms[0] as RoomRows], rooms);
    expect(diff.tables.ledger?.added.map((r) => r.room)).toEqual(['ledger.hongqiao']);
  });

  it('compares list values by content and ignores updatedAt', () => {
    expect(
      fieldChanges({ id: 'x', tags: ['a', 'b'] }, { id: 'x', tags: ['a', 'b'], updatedAt: 'now' }),
    ).toEqual([]);
    expect(fieldChanges({ id: 'x', tags: ['a'] }, { id: 'x', tags: ['a', 'b'] })).toEqual([
      { key: 'tags', before: ['a'], after: ['a', 'b'] },
    ]);
  });

  it('gives the totals of each side at its own moment', () => {
    const from = [ledger([issue(A), issue(B)])];
    const to = [ledger([issue(A, { status: 'closed', closedAt: '2020-05-12T10:00:00+08:00' }), issue(B)])];
    const compared = compareDistrict(
      { rooms: from, at: new Date('2020-05-11T08:00:00Z') },
      { rooms: to, at: new Date('2020-05-12T08:00:00Z') },
    );
    expect(compared.summary.closed).toBe(1);
    expect(compared.totals.from.byStatus.closed?.count).toBe(0);
    expect(compared.totals.to.byStatus.closed?.ids).toEqual([A]);
    expect(compared.totals.to.closedToday.count).toBe(1);
    expect(compared.totals.from.today).toBe('2020-05-11');
  });
});
