import type { RowValues } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import { coverageMatrix, sitesWithGaps } from './coverage-matrix.ts';

const D = '2026-11-24';
const sites: RowValues[] = [
  { id: 'site-market', name: '桃园菜场', committeeId: 'taoyuan' },
  { id: 'site-block3', name: '桃园新村3号楼', committeeId: 'taoyuan' },
  { id: 'site-cross', name: '虹桥路口', committeeId: 'hongqiao' },
];
const committees = [
  { id: 'hongqiao', name: '虹桥居委' },
  { id: 'taoyuan', name: '桃园居委' },
];
const people = new Map([
  ['p-zhang', '张伟'],
  ['p-li', '李娜'],
]);
function shift(id: string, siteId: string, start: string, end: string, extra: RowValues = {}): RowValues {
  return {
    id,
    committeeId: 'taoyuan',
    date: D,
    start,
    end,
    siteId,
    role: 'volunteer',
    status: 'scheduled',
    ...extra,
  };
}

function build(roster: RowValues[], now?: Date) {
  const result = coverageMatrix({
    roster,
    sites,
    from: D,
    to: D,
    committees,
    people,
    ...(now ? { now } : {}),
  });
  if (!result.ok) throw new Error(result.error.message.en);
  return result.value;
}

describe('coverage matrix', () => {
  it('groups sites by committee in the committees order, sites by name (pinyin)', () => {
    const m = build([shift('r1', 'site-block3', '09:00', '11:30', { person: 'p-zhang' })]);
    expect(m.groups.map((g) => g.name)).toEqual(['虹桥居委', '桃园居委']);
    expect(m.groups[1]?.sites.map((s) => s.site.name)).toEqual(['桃园菜场', '桃园新村3号楼']);
    expect(m.columns.map((c) => c.key)).toEqual([`${D} 09:00-11:30`]);
  });

  it('counts coverage per committee and names who covers each cell', () => {
    const m = build([
      shift('r1', 'site-block3', '09:00', '11:30', { person: 'p-zhang', status: 'checked_in' }),
    ]);
    const taoyuan = m.groups[1];
    expect(taoyuan?.covered).toBe(1);
    expect(taoyuan?.rate).toBe(0.5);
    expect(m.groups[0]?.rate).toBe(0);
    const block3 = taoyuan?.sites[1]?.cells[0];
    expect(block3?.cell.state).toBe('checked_in');
    expect(block3?.shifts).toEqual([
      {
        shiftId: 'r1',
        personId: 'p-zhang',
        name: '张伟',
        status: 'checked_in',
        covering: true,
        doubleBooked: false,
      },
    ]);
    expect(taoyuan?.sites[0]?.cells[0]?.cell.state).toBe('gap');
  });

  it('keeps an absent person and an open shift on a gap cell without counting them', () => {
    const m = build([
      shift('r1', 'site-market', '09:00', '11:30', { person: 'p-li', status: 'absent' }),
      shift('r2', 'site-market', '09:00', '11:30'),
      shift('r3', 'site-block3', '09:00', '11:30', { person: 'p-zhang' }),
    ]);
    const market = m.groups[1]?.sites[0]?.cells[0];
    expect(market?.cell.state).toBe('gap');
    expect(market?.shifts.map((s) => [s.name, s.status, s.covering])).toEqual([
      ['李娜', 'absent', false],
      [null, 'scheduled', false],
    ]);
  });

  it('flags both cells of a person booked at two sites at once, with the sites named', () => {
    const m = build([
      shift('r1', 'site-market', '09:00', '11:30', { person: 'p-zhang' }),
      shift('r2', 'site-block3', '09:00', '11:30', { person: 'p-zhang' }),
    ]);
    const cells = m.groups[1]?.sites.map((s) => s.cells[0]?.doubleBooked);
    expect(cells).toEqual([true, true]);
    expect(m.doubleBookings).toEqual([
      {
        personId: 'p-zhang',
        name: '张伟',
        date: D,
        shifts: [
          { shiftId: 'r1', siteName: '桃园菜场', start: '09:00', end: '11:30' },
          { shiftId: 'r2', siteName: '桃园新村3号楼', start: '09:00', end: '11:30' },
        ],
      },
    ]);
  });

  it('counts cells whose slot has begun with nobody checked in', () => {
    const roster = [shift('r1', 'site-block3', '09:00', '11:30', { person: 'p-zhang' })];
    expect(build(roster, new Date('2026-11-24T01:30:00Z')).notCheckedIn).toBe(1); // 09:30 in Shanghai
    expect(build(roster, new Date('2026-11-24T00:30:00Z')).notCheckedIn).toBe(0); // 08:30
  });

  it('refuses a range the shared coverage refuses', () => {
    const result = coverageMatrix({ roster: [], sites, from: D, to: '2026-11-20', committees, people });
    expect(result.ok).toBe(false);
  });

  it('narrows to the sites with a gap, keeping each committee’s own coverage', () => {
    const m = build([
      shift('r1', 'site-block3', '09:00', '11:30', { person: 'p-zhang' }),
      { ...shift('r2', 'site-cross', '09:00', '11:30', { person: 'p-li' }), committeeId: 'hongqiao' },
    ]);
    const narrowed = sitesWithGaps(m.groups);
    expect(narrowed.map((g) => [g.name, g.sites.map((s) => s.site.name), g.rate])).toEqual([
      ['桃园居委', ['桃园菜场'], 0.5],
    ]);
  });
});
