import { describe, expect, it } from 'vitest';
import { issueCode } from '../core/ids.ts';
import type { PhotoRef, PhotoStage, RowValues } from '../schema/fields.ts';
import { ledgerSchema } from '../schema/ledger-schema.ts';
import { parseRoomName } from '../sync/rooms.ts';
import type { Principal } from './access.ts';
import { type ChangeContext, changedFields, checkChanges, type RowChange } from './change-rules.ts';
import { checkEvidence, EVIDENCE_PREFIX, evidencePolicy, isChecked } from './issue-evidence.ts';
import { applyTransition, nextStatuses } from './issue-workflow.ts';

function room(name: string) {
  const r = parseRoomName(name);
  if (!r.ok) throw new Error('room');
  return r.value;
}
const LEDGER = room('ledger.taoyuan');
const ID = '01JABCDEFGHJKMNPQRSTVWXYZ0';
const CHECKER = '01JABCDEFGHJKMNPQRSTVWXYZ7';
const OTHER = '01JABCDEFGHJKMNPQRSTVWXYZ8';
const member: Principal = { role: 'member', committeeId: 'taoyuan' };
const office: Principal = { role: 'staff', committeeId: null, personId: CHECKER };
const unlinkedOffice: Principal = { role: 'staff', committeeId: null };
const HEX: Record<string, string> = { found: 'a', rectified: 'b', checked: 'c' };
const photo = (stage: PhotoStage): PhotoRef => ({
  id: (HEX[stage] ?? 'd').repeat(64),
  stage,
  at: '2026-03-02T10:00:00+08:00',
  by: 'x',
});

/** Flytipping photos required both ways; street rubbish needs no photo. */
const POLICY_META: Array<[string, unknown]> = [
  [`${EVIDENCE_PREFIX}flying_wire_charging`, { rectifiedPhoto: true, checkedPhoto: true }],
  [`${EVIDENCE_PREFIX}street_rubbish`, { rectifiedPhoto: false, checkedPhoto: false }],
];
const ctx = (principal: Principal): ChangeContext => ({
  schema: ledgerSchema,
  principal,
  room: LEDGER,
  evidence: evidencePolicy(POLICY_META),
});

const inProgress: RowValues = {
  id: ID,
  committeeId: 'taoyuan',
  status: 'in_progress',
  category: 'street_rubbish',
  recurrences: 0,
};
const rectified: RowValues = { ...inProgress, status: 'rectified', rectification: '已清运' };

function change(after: RowValues | null, before: RowValues | null): RowChange {
  return { rowId: ID, before, after, fields: changedFields(before, after) };
}
const code = (p: Principal, after: RowValues | null, before: RowValues | null) =>
  checkChanges(ctx(p), [change(after, before)], [])?.code ?? null;

describe('evidence-gated rectification', () => {
  it('a rectified issue needs a rectification note, and keeps it', () => {
    expect(code(member, { ...inProgress, status: 'rectified' }, inProgress)).toBe(
      'rectification_note_required',
    );
    expect(code(member, { ...inProgress, status: 'rectified', rectification: '  ' }, inProgress)).toBe(
      'rectification_note_required',
    );
    expect(code(member, rectified, inProgress)).toBeNull();
    expect(code(member, { ...rectified, rectification: '' }, rectified)).toBe('rectification_note_required');
    // A committee's new issue entered as already rectified needs its note too.
    const entered = { ...inProgress, status: 'rectified' };
    expect(checkEvidence(member, new Map(), null, entered, Object.keys(entered))?.code).toBe(
      'rectification_note_required',
    );
  });

  it('a category the office marks needs an after photo to be rectified', () => {
    const wires = { ...inProgress, category: 'flying_wire_charging' };
    const done = { ...wires, status: 'rectified', rectification: '已拆除飞线' };
    expect(code(member, done, wires)).toBe('rectified_photo_required');
    expect(code(member, { ...done, photos: [photo('found')] }, wires)).toBe('rectified_photo_required');
    expect(code(member, { ...done, photos: [photo('rectified')] }, wires)).toBeNull();
  });

  it('the refusal names the issue by its code, in both languages', () => {
    const err = checkChanges(ctx(member), [change({ ...inProgress, status: 'rectified' }, inProgress)], []);
    expect(err?.message['zh-CN']).toContain(`问题 ${issueCode(ID)}`);
    expect(err?.message['zh-CN']).toContain('整改情况');
    expect(err?.message.en).toContain(`issue ${issueCode(ID)}`);
    expect(err?.message.en).not.toContain(ID);
  });
});

describe('evidence-gated write-off', () => {
  it('closing records the writer’s own person as the one who checked', () => {
    const moved = applyTransition(rectified, 'closed', {
      principal: office,
      actorId: OTHER,
      now: new Date('2026-03-02T02:00:00Z'),
    });
    expect(moved.ok && moved.value.verifiedBy).toBe(CHECKER);
    const closed = { ...rectified, ...(moved.ok ? moved.value : {}) } as RowValues;
    expect(code(office, closed, rectified)).toBeNull();
  });

  it('a closing naming another checker, or none, is refused for an account linked to a person', () => {
    const closed = { ...rectified, status: 'closed', closedAt: '2026-03-02T10:00:00+08:00' };
    expect(code(office, { ...closed, verifiedBy: OTHER }, rectified)).toBe('verifier_not_self');
    expect(code(office, closed, rectified)).toBe('verifier_not_self');
    // An account linked to no one is not held to a checker.
    expect(code(unlinkedOffice, { ...closed, verifiedBy: OTHER }, rectified)).toBeNull();
  });

  it('a category the office marks needs a check photo to be closed', () => {
    const wires = { ...rectified, category: 'flying_wire_charging', photos: [photo('rectified')] };
    const closed = { ...wires, status: 'closed', verifiedBy: CHECKER };
    expect(code(office, closed, wires)).toBe('checked_photo_required');
    expect(code(office, { ...closed, photos: [photo('rectified'), photo('checked')] }, wires)).toBeNull();
  });

  it('the office registering history (a new row) is not held to the steps', () => {
    const history = { ...inProgress, status: 'closed', verifiedBy: OTHER, category: 'flying_wire_charging' };
    const policy = evidencePolicy(POLICY_META);
    expect(checkEvidence(office, policy, null, history, Object.keys(history))).toBeNull();
    expect(checkEvidence(member, policy, null, { ...history, status: 'rectified' }, ['status'])?.code).toBe(
      'rectification_note_required',
    );
  });
});

describe('taking back a rectification', () => {
  it('a committee takes back its own rectified issue while it is not checked', () => {
    expect(code(member, { ...rectified, status: 'in_progress' }, rectified)).toBeNull();
    expect(nextStatuses(member, 'rectified', rectified)).toEqual(['in_progress']);
    const moved = applyTransition(rectified, 'in_progress', {
      principal: member,
      actorId: null,
      now: new Date(),
    });
    expect(moved.ok).toBe(true);
    // What the browser then writes keeps the rules: no rework counted (an office field).
    if (!moved.ok) return;
    expect(moved.value.reworks).toBeUndefined();
    const after = { ...rectified, ...moved.value } as typeof rectified;
    expect(code(member, after, rectified)).toBeNull();
  });

  it('not once the office has begun to check it', () => {
    const checked = { ...rectified, photos: [photo('checked')] };
    expect(isChecked(checked)).toBe(true);
    expect(code(member, { ...checked, status: 'in_progress' }, checked)).toBe('transition_office_only');
    expect(nextStatuses(member, 'rectified', checked)).toEqual([]);
    const verified = { ...rectified, verifiedBy: CHECKER };
    expect(code(member, { ...verified, status: 'in_progress' }, verified)).toBe('transition_office_only');
  });

  it('a patrol or a manager takes nothing back', () => {
    const patrol: Principal = { role: 'patrol', committeeId: null, personId: OTHER };
    expect(code(patrol, { ...rectified, status: 'in_progress' }, rectified)).toBe('patrol_report_only');
    expect(nextStatuses({ role: 'manager', committeeId: null }, 'rectified', rectified)).toEqual([]);
  });
});

describe('the office’s evidence rules', () => {
  const meta = (p: Principal, key: string, after: unknown, r = LEDGER) =>
    checkChanges({ schema: ledgerSchema, principal: p, room: r }, [], [{ key, after }])?.code ?? null;

  it('only the office sets them, per known category, on a ledger, as two booleans', () => {
    const rule = { rectifiedPhoto: true, checkedPhoto: false };
    expect(meta(office, 'evidence.road_damage', rule)).toBeNull();
    expect(meta(office, 'evidence.road_damage', undefined)).toBeNull();
    expect(meta(member, 'evidence.road_damage', rule)).toBe('invalid_evidence_rule');
    expect(meta(office, 'evidence.no_such', rule)).toBe('invalid_evidence_rule');
    expect(meta(office, 'evidence.road_damage', { rectifiedPhoto: 'yes', checkedPhoto: false })).toBe(
      'invalid_evidence_rule',
    );
    expect(meta(office, 'evidence.road_damage', { ...rule, extra: true })).toBe('invalid_evidence_rule');
    expect(meta(office, 'evidence.road_damage', rule, room('roster.taoyuan'))).toBe('invalid_evidence_rule');
  });

  it('a bad stored entry counts as no rule', () => {
    const policy = evidencePolicy([
      ['evidence.road_damage', { rectifiedPhoto: 1 }],
      ['field.x', {}],
      ['evidence.glass_damage', { rectifiedPhoto: true, checkedPhoto: true }],
    ]);
    expect([...policy.keys()]).toEqual(['glass_damage']);
  });
});
