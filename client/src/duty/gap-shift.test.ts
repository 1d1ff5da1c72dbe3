import type { RowValues } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import { gapShift, shiftCandidates, suggestedCandidate } from './gap-shift.ts';

const D = '2026-11-24';
const slot = { start: '09:00', end: '11:30' };
const people: RowValues[] = [
  { id: 'p-a', name: '王芳', committeeId: 'taoyuan', volunteer: true, phone: '13800000001' },
  { id: 'p-b', name: '张伟', committeeId: 'taoyuan', volunteer: false },
  { id: 'p-c', name: '陈静', committeeId: 'taoyuan', volunteer: true },
  { id: 'p-d', name: '李娜', committeeId: 'hongqiao', volunteer: true },
];
const roster: RowValues[] = [
  // 陈静 is on 08:00–10:00 elsewhere: overlaps the slot.
  { id: 'r1', date: D, start: '08:00', end: '10:00', person: 'p-c', status: 'scheduled', siteId: 's2' },
  // 张伟 was on the slot but is absent: free.
  { id: 'r2', date: D, start: '09:00', end: '11:30', person: 'p-b', status: 'absent', siteId: 's2' },
  // 王芳 is on the same hours another day, and right after the slot today: free.
  { id: 'r3', date: '2026-11-25', start: '09:00', end: '11:30', person: 'p-a', status: 'scheduled' },
  { id: 'r4', date: D, start: '11:30', end: '14:00', person: 'p-a', status: 'checked_in' },
];

describe('filling a gap', () => {
  it('offers the committee’s people, free volunteers first and busy ones last', () => {
    const list = shiftCandidates(people, roster, 'taoyuan', D, slot);
    expect(list.map((c) => [c.name, c.busy])).toEqual([
      ['王芳', false],
      ['张伟', false],
      ['陈静', true],
    ]);
    expect(suggestedCandidate(list)?.id).toBe('p-a');
  });

  it('counts a shift touching the slot end to end as free, and one minute of overlap as busy', () => {
    const busy = (start: string, end: string) =>
      shiftCandidates(people, roster, 'taoyuan', D, { start, end })
        .filter((c) => c.busy)
        .map((c) => c.name);
    expect(busy('10:00', '11:30')).toEqual([]);
    expect(busy('11:29', '12:00')).toEqual(['王芳']);
    expect(suggestedCandidate([{ id: 'x', name: 'x', busy: true, volunteer: true }])).toBeNull();
  });

  it('makes the roster row of the site’s committee, with the person and their phone', () => {
    const made = gapShift({ id: 's1', committeeId: 'taoyuan' }, D, slot, 'volunteer', people[0] ?? null);
    expect(made).toEqual({
      ok: true,
      value: {
        room: 'roster.taoyuan',
        values: {
          committeeId: 'taoyuan',
          date: D,
          start: '09:00',
          end: '11:30',
          siteId: 's1',
          role: 'volunteer',
          status: 'scheduled',
          person: 'p-a',
          phone: '13800000001',
        },
      },
    });
  });

  it('makes an open shift when nobody is chosen, and nothing for a site of no committee', () => {
    const open = gapShift({ id: 's1', committeeId: 'taoyuan' }, D, slot, 'guard', null);
    expect(open.ok && open.value.values.person).toBeUndefined();
    expect(open.ok && open.value.values.role).toBe('guard');
    const orphan = gapShift({ id: 's9', committeeId: null }, D, slot, 'volunteer', null);
    expect(orphan.ok ? null : orphan.error.code).toBe('gap_site_without_committee');
  });
});
