import { buildRoomDoc, getRow, issueCode, ledgerSchema, readRows } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { EMPTY_LOOKUPS } from '../registry/lookups.ts';
import { pastedRowValues } from '../table/new-row-defaults.ts';
import { applyCellEdits } from './cell-edits.ts';
import { UndoHistory } from './undo-history.ts';

const ROW = '01J00000000000000000000001';
const ROW2 = '01J00000000000000000000002';
const SITE = '01J0000000000000000000SITE';
function ledger(): Y.Doc {
  const base = {
    committeeId: 'taoyuan',
    siteId: SITE,
    category: 'street_rubbish',
    description: '沿街垃圾',
    source: 'self_check',
    foundAt: '2026-03-02T09:00:00+08:00',
  };
  const built = buildRoomDoc('ledger', [
    { id: ROW, ...base },
    { id: ROW2, ...base },
  ]);
  if (!built.ok) throw new Error(built.error.message.en);
  return built.value;
}

describe('applying grid edits', () => {
  it('an invalid value is refused with the validator’s reason and nothing changes', () => {
    const doc = ledger();
    const outcome = applyCellEdits(
      () => doc,
      ledgerSchema,
      [{ room: 'l', rowId: ROW, key: 'recurrences', raw: '-1' }],
      EMPTY_LOOKUPS,
    );
    expect(outcome.applied).toBe(0);
    expect(outcome.refused[0]?.error.code).toBe('below_min');
    expect(outcome.refused[0]?.error.message['zh-CN']).toContain('回潮次数');
    // Named by the issue's code, as the server's refusals are.
    expect(outcome.refused[0]?.error.message['zh-CN']).toContain(`问题 ${issueCode(ROW)}`);
    expect(getRow(doc, ROW)?.recurrences).toBe(0);
  });

  it('a pasted block applies the valid cells as one undo step and reports the rest', () => {
    const doc = ledger();
    const history = new UndoHistory();
    history.track('l', doc);
    const outcome = applyCellEdits(
      () => doc,
      ledgerSchema,
      [
        { room: 'l', rowId: ROW, key: 'status', raw: '整改中' },
        { room: 'l', rowId: ROW2, key: 'status', raw: '不存在的状态' },
        { room: 'l', rowId: ROW2, key: 'deadline', raw: '2026/3/9' },
        { room: 'l', rowId: ROW, key: 'id', raw: 'x' },
      ],
      EMPTY_LOOKUPS,
    );
    expect(outcome.applied).toBe(2);
    expect(outcome.refused.map((r) => r.error.code).sort()).toEqual(['read_only', 'unknown_option']);
    expect(getRow(doc, ROW)?.status).toBe('in_progress');
    expect(getRow(doc, ROW2)?.deadline).toBe('2026-03-09');
    history.undo();
    expect(getRow(doc, ROW)?.status).toBe('open');
    expect(getRow(doc, ROW2)?.deadline).toBeUndefined();
  });

  it('clearing a required cell is refused, clearing an optional one works', () => {
    const doc = ledger();
    applyCellEdits(
      () => doc,
      ledgerSchema,
      [{ room: 'l', rowId: ROW, key: 'deadline', raw: '2026-03-09' }],
      EMPTY_LOOKUPS,
    );
    const outcome = applyCellEdits(
      () => doc,
      ledgerSchema,
      [
        { room: 'l', rowId: ROW, key: 'deadline', raw: '' },
        { room: 'l', rowId: ROW, key: 'description', raw: '' },
      ],
      EMPTY_LOOKUPS,
    );
    expect(outcome.applied).toBe(1);
    expect(outcome.refused[0]?.error.code).toBe('required');
    expect(getRow(doc, ROW)?.deadline).toBeUndefined();
  });

  describe('a paste past the last row', () => {
    const member = { principal: { role: 'member' as const, committeeId: 'taoyuan' }, actorId: null };
    const base = pastedRowValues({ table: 'ledger', committeeId: 'taoyuan', now: new Date() }) ?? {};
    const NEW1 = '01J00000000000000000000N01';
    const NEW2 = '01J00000000000000000000N02';
    const NEW3 = '01J00000000000000000000N03';
    const room = 'ledger.taoyuan';
    const cells = (rowId: string, site: string, description: string) => [
      { room, rowId, key: 'siteId', raw: site },
      { room, rowId, key: 'category', raw: '楼道堆物' },
      { room, rowId, key: 'description', raw: description },
    ];

    it('adds complete rows, refuses an incomplete one whole with its cells counted, in one undo step', () => {
      const doc = ledger();
      const history = new UndoHistory();
      history.track(room, doc);
      const outcome = applyCellEdits(
        () => doc,
        ledgerSchema,
        [
          { room, rowId: ROW2, key: 'description', raw: '最后一行改了' },
          ...cells(NEW1, SITE, '新增一'),
          ...cells(NEW2, SITE, '新增二'),
          // No description: the row would be incomplete, so none of its cells go in.
          ...cells(NEW3, SITE, ''),
        ],
        EMPTY_LOOKUPS,
        member,
        new Date(),
        [NEW1, NEW2, NEW3].map((rowId) => ({ room, rowId, base })),
      );
      expect(outcome.added).toBe(2);
      expect(outcome.applied).toBe(7);
      expect(outcome.refused).toHaveLength(3);
      // The empty description is refused as required, the row's other cells as incomplete.
      expect(outcome.refused.map((r) => r.error.code).sort()).toEqual([
        'required',
        'row_incomplete',
        'row_incomplete',
      ]);
      expect(
        outcome.refused.find((r) => r.error.code === 'row_incomplete')?.error.message['zh-CN'],
      ).toContain('问题描述');
      expect(getRow(doc, NEW1)).toMatchObject({
        committeeId: 'taoyuan',
        status: 'open',
        description: '新增一',
      });
      expect(getRow(doc, NEW3)).toBeUndefined();
      expect(readRows(doc)).toHaveLength(4);
      // One undo takes back the edited cell and both added rows.
      history.undo();
      expect(readRows(doc)).toHaveLength(2);
      expect(getRow(doc, ROW2)?.description).toBe('沿街垃圾');
    });

    it('a pasted row is judged by the same rules: a member cannot paste a written-off issue', () => {
      const doc = ledger();
      const outcome = applyCellEdits(
        () => doc,
        ledgerSchema,
        [...cells(NEW1, SITE, '已销账的问题'), { room, rowId: NEW1, key: 'status', raw: '已销账' }],
        EMPTY_LOOKUPS,
        member,
        new Date(),
        [{ room, rowId: NEW1, base }],
      );
      expect(outcome.added).toBe(0);
      expect(outcome.refused).toHaveLength(4);
      expect(getRow(doc, NEW1)).toBeUndefined();
    });
  });
});
