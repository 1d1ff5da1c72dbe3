import { buildRoomDoc, getRow, ledgerSchema, type Principal } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { applyCellEdits } from '../grid/cell-edits.ts';
import { UndoHistory } from '../grid/undo-history.ts';
import { EMPTY_LOOKUPS } from '../registry/lookups.ts';
import { checkLocal, type LocalRules, plannedDelete, plannedUpdate } from './local-rules.ts';

const ROW = '01J00000000000000000000001';
const SITE = '01J0000000000000000000SITE';
const ROOM = 'ledger.taoyuan';
const NOW = new Date('2026-03-02T02:00:00Z');

function ledger(status = 'open', extra: Record<string, string> = {}): Y.Doc {
  const built = buildRoomDoc('ledger', [
    {
      id: ROW,
      committeeId: 'taoyuan',
      siteId: SITE,
      category: 'street_rubbish',
      description: '沿街垃圾',
      source: 'self_check',
      foundAt: '2026-03-02T09:00:00+08:00',
      status,
      ...extra,
    },
  ]);
  if (!built.ok) throw new Error(built.error.message.en);
  return built.value;
}

const rules = (principal: Principal): LocalRules => ({ principal, actorId: null });
const member = rules({ role: 'member', committeeId: 'taoyuan' });
const staff = rules({ role: 'staff', committeeId: null });
const manager = rules({ role: 'manager', committeeId: null });

function edit(doc: Y.Doc, who: LocalRules, key: string, raw: unknown) {
  return applyCellEdits(
    () => doc,
    ledgerSchema,
    [{ room: ROOM, rowId: ROW, key, raw }],
    EMPTY_LOOKUPS,
    who,
    NOW,
  );
}

describe('local edits checked by the server’s rules', () => {
  it('a committee cannot write off its own issue, and nothing changes', () => {
    const doc = ledger('rectified');
    const outcome = edit(doc, member, 'status', 'closed');
    expect(outcome.applied).toBe(0);
    expect(outcome.refused[0]?.error.code).toBe('transition_office_only');
    expect(getRow(doc, ROW)?.status).toBe('rectified');
  });

  it('a committee may not fill in the office’s verification', () => {
    const doc = ledger();
    const change = plannedUpdate(
      doc,
      ROW,
      { closedAt: '2026-03-02T10:00:00+08:00' },
      '2026-03-02T10:00:00+08:00',
    );
    expect(change && checkLocal(member, ROOM, doc, [change])?.code).toBe('field_office_only');
  });

  it('a manager changes nothing, whatever the field', () => {
    const doc = ledger();
    const outcome = edit(doc, manager, 'description', '领导改的');
    expect(outcome.refused[0]?.error.code).toBe('read_only');
    expect(getRow(doc, ROW)?.description).toBe('沿街垃圾');
  });

  it('a member cannot change another committee’s ledger', () => {
    const doc = ledger();
    const change = plannedDelete(doc, ROW);
    expect(change && checkLocal(member, 'ledger.hexi', doc, [change])?.code).toBe('read_only');
  });

  it('a status change goes through the workflow and writes what it implies in the same edit', () => {
    const doc = ledger('rectified');
    const outcome = edit(doc, staff, 'status', 'closed');
    expect(outcome.refused).toEqual([]);
    const row = getRow(doc, ROW);
    expect(row?.status).toBe('closed');
    expect(row?.closedAt).toBe('2026-03-02T10:00:00+08:00');
    expect(typeof row?.recheckAt).toBe('string');
  });

  it('a committee rectifying stamps the time it was rectified', () => {
    const doc = ledger('open', { rectification: '已清运' });
    expect(edit(doc, member, 'status', 'rectified').refused).toEqual([]);
    expect(getRow(doc, ROW)?.rectifiedAt).toBe('2026-03-02T10:00:00+08:00');
  });

  it('rectifying without a rectification note is refused, naming the issue by its code', () => {
    const doc = ledger('open');
    const { refused } = edit(doc, member, 'status', 'rectified');
    expect(refused[0]?.error.code).toBe('rectification_note_required');
    expect(refused[0]?.error.message['zh-CN']).toMatch(/^问题 \d{4}-0001：/);
    expect(getRow(doc, ROW)?.status).toBe('open');
  });

  it('a committee’s rectification from in progress undoes (its take-back), before the office checks it', () => {
    const doc = ledger('in_progress', { rectification: '已清运' });
    const refusals: string[] = [];
    const history = new UndoHistory(
      (room, d, changes) => checkLocal(member, room, d, changes.rows, changes.meta),
      (error) => refusals.push(error.code),
    );
    history.track(ROOM, doc);
    expect(edit(doc, member, 'status', 'rectified').refused).toEqual([]);
    expect(history.undo()).toBe(true);
    expect(refusals).toEqual([]);
    expect(getRow(doc, ROW)?.status).toBe('in_progress');
  });

  it('undoing a committee’s rectification is refused before it is made (the server would refuse it)', () => {
    const doc = ledger('open', { rectification: '已清运' });
    const refusals: string[] = [];
    const history = new UndoHistory(
      (room, d, changes) => checkLocal(member, room, d, changes.rows, changes.meta),
      (error) => refusals.push(error.code),
    );
    history.track(ROOM, doc);
    edit(doc, member, 'status', 'rectified');
    expect(history.undo()).toBe(false);
    expect(refusals).toEqual(['transition_not_allowed']);
    expect(getRow(doc, ROW)?.status).toBe('rectified');
    // An ordinary edit still undoes.
    edit(doc, member, 'description', '改过的描述');
    expect(history.undo()).toBe(true);
    expect(getRow(doc, ROW)?.description).toBe('沿街垃圾');
  });
});
