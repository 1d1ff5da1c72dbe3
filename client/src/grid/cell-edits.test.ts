import { buildRoomDoc, getRow, ledgerSchema } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { EMPTY_LOOKUPS } from '../registry/lookups.ts';
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
});
