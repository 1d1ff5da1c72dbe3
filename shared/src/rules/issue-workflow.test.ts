import { describe, expect, it } from 'vitest';
import { newRowId } from '../core/ids.ts';
import type { RowValues } from '../schema/fields.ts';
import { LEDGER_STATUSES, type LedgerStatus } from '../schema/ledger-schema.ts';
import { buildRoomDoc, getRow, updateRow } from '../sync/table.ts';
import type { Principal } from './access.ts';
import {
  applyTransition,
  checkTransition,
  ISSUE_TRANSITIONS,
  type LedgerPatch,
  nextStatuses,
  passRecheck,
  type TransitionContext,
} from './issue-workflow.ts';

const office: Principal = { role: 'staff', committeeId: null };
const member: Principal = { role: 'member', committeeId: 'taoyuan' };

describe('issue workflow', () => {
  it('a committee rectifies but cannot write off its own issue', () => {
    expect(checkTransition(member, 'open', 'in_progress')).toBeNull();
    expect(checkTransition(member, 'in_progress', 'rectified')).toBeNull();
    expect(checkTransition(member, 'rectified', 'closed')?.code).toBe('transition_office_only');
  });

  it('the office verifies, sends back and reopens', () => {
    expect(checkTransition(office, 'rectified', 'closed')).toBeNull();
    expect(checkTransition(office, 'rectified', 'in_progress')).toBeNull();
    expect(checkTransition(office, 'closed', 'reopened')).toBeNull();
    expect(checkTransition(member, 'closed', 'reopened')?.code).toBe('transition_office_only');
  });

  it('refuses changes outside the loop with a reason in both languages', () => {
    const err = checkTransition(office, 'open', 'closed');
    expect(err?.code).toBe('transition_not_allowed');
    expect(err?.message['zh-CN']).toContain('待整改');
    expect(err?.message.en).toContain('"open"');
  });

  it('a new issue may start open, but only the office may create it closed', () => {
    expect(checkTransition(member, null, 'open')).toBeNull();
    expect(checkTransition(member, null, 'closed')?.code).toBe('transition_office_only');
    expect(checkTransition(office, null, 'closed')).toBeNull();
  });

  it('lists what comes next for a role', () => {
    expect(nextStatuses(member, 'rectified')).toEqual([]);
    expect(nextStatuses(office, 'rectified').sort()).toEqual(['closed', 'in_progress']);
  });
});

const verifier = newRowId();
// 2026-03-01T16:30Z is 00:30 on 2026-03-02 in Shanghai.
const now = new Date('2026-03-01T16:30:00Z');
const asOffice: TransitionContext = { principal: office, actorId: verifier, now };
const asMember: TransitionContext = { principal: member, actorId: null, now };

function issueIn(status: LedgerStatus, extra: RowValues = {}): RowValues {
  return {
    id: newRowId(),
    committeeId: 'taoyuan',
    siteId: newRowId(),
    category: 'street_rubbish',
    description: '沿街垃圾',
    source: 'office',
    foundAt: '2026-02-20T09:00:00+08:00',
    deadline: '2026-02-20',
    status,
    recurrences: 0,
    ...extra,
  };
}

function patchOf(row: RowValues, to: LedgerStatus, ctx = asOffice): LedgerPatch {
  const result = applyTransition(row, to, ctx);
  if (!result.ok) throw new Error(result.error.message.en);
  return result.value;
}

describe('what each transition records', () => {
  it('starting work only changes the status', () => {
    expect(patchOf(issueIn('open'), 'in_progress', asMember)).toEqual({ status: 'in_progress' });
    expect(patchOf(issueIn('reopened'), 'in_progress', asMember)).toEqual({ status: 'in_progress' });
  });

  it('rectifying stamps rectifiedAt in Shanghai time, from open, in progress or recurred', () => {
    for (const from of ['open', 'in_progress', 'reopened'] as const) {
      expect(patchOf(issueIn(from), 'rectified', asMember)).toEqual({
        status: 'rectified',
        rectifiedAt: '2026-03-02T00:30:00+08:00',
      });
    }
  });

  it('sending back after a failed check clears rectifiedAt and counts the rework', () => {
    const row = issueIn('rectified', { rectifiedAt: '2026-02-20T15:00:00+08:00' });
    expect(patchOf(row, 'in_progress')).toEqual({ status: 'in_progress', rectifiedAt: null, reworks: 1 });
    expect(patchOf({ ...row, reworks: 2 }, 'in_progress').reworks).toBe(3);
  });

  it('writing off records who verified, when, and the re-check date for the category', () => {
    const row = issueIn('rectified', { rectifiedAt: '2026-02-20T15:00:00+08:00' });
    expect(patchOf(row, 'closed')).toEqual({
      status: 'closed',
      closedAt: '2026-03-02T00:30:00+08:00',
      verifiedBy: verifier,
      recheckAt: '2026-03-05',
    });
    const repair = patchOf({ ...row, category: 'road_damage' }, 'closed', { ...asOffice, actorId: null });
    expect(repair.recheckAt).toBe('2026-03-16');
    expect('verifiedBy' in repair).toBe(false);
  });

  it('a recurrence found at the re-check counts it, clears the write-off and sets a fresh deadline', () => {
    const row = issueIn('closed', {
      rectifiedAt: '2026-02-20T15:00:00+08:00',
      closedAt: '2026-02-21T10:00:00+08:00',
      verifiedBy: verifier,
      recheckAt: '2026-02-24',
      recurrences: 1,
      category: 'stairwell_clutter',
    });
    expect(patchOf(row, 'reopened')).toEqual({
      status: 'reopened',
      recurrences: 2,
      rectifiedAt: null,
      closedAt: null,
      verifiedBy: null,
      recheckAt: '2026-03-02',
      deadline: '2026-03-03',
    });
  });

  it('covers every transition of the loop, and each patch is a valid change of the row', () => {
    for (const t of ISSUE_TRANSITIONS) {
      const row = issueIn(t.from);
      const patch = patchOf(row, t.to);
      expect(patch.status).toBe(t.to);
      const built = buildRoomDoc('ledger', [row]);
      if (!built.ok) throw new Error(built.error.message.en);
      const updated = updateRow(built.value, String(row.id), patch);
      expect(updated.ok, `${t.from} → ${t.to}`).toBe(true);
      expect(getRow(built.value, String(row.id))?.status).toBe(t.to);
    }
  });

  it('moving to the status the row already has changes nothing', () => {
    expect(patchOf(issueIn('closed'), 'closed')).toEqual({});
  });
});

describe('refused transitions', () => {
  it('refuses every change outside the loop with the reason of checkTransition', () => {
    const statuses = LEDGER_STATUSES.map((s) => s.value);
    for (const from of statuses) {
      for (const to of statuses) {
        const result = applyTransition(issueIn(from), to, asOffice);
        const expected = checkTransition(office, from, to);
        if (expected === null) expect(result.ok, `${from} → ${to}`).toBe(true);
        else expect(result).toEqual({ ok: false, error: expected });
      }
    }
  });

  it('a committee cannot write off, send back once checked, or reopen', () => {
    for (const [from, to, extra] of [
      ['rectified', 'closed', {}],
      ['rectified', 'in_progress', { verifiedBy: verifier }],
      ['closed', 'reopened', {}],
    ] as const) {
      const result = applyTransition(issueIn(from, extra), to, asMember);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('transition_office_only');
    }
  });

  it('a status nobody knows cannot be moved from', () => {
    const result = applyTransition({ ...issueIn('open'), status: 'lost' }, 'closed', asOffice);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('transition_not_allowed');
      expect(result.error.message.en).toContain('"lost"');
    }
  });
});

describe('re-check that passes', () => {
  it('takes a closed issue off the re-check list and refuses anything not closed', () => {
    expect(passRecheck(issueIn('closed', { recheckAt: '2026-03-01' }))).toEqual({
      ok: true,
      value: { recheckAt: null },
    });
    const refused = passRecheck(issueIn('open'));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('recheck_not_closed');
  });
});
