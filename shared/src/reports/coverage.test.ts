import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RowValues } from '../schema/fields.ts';
import { buildRoomDoc, insertRow, readRows } from '../sync/table.ts';
import { buildCoverage, type Coverage, type CoverageInput, rosterSlots, shiftForGap } from './coverage.ts';

const MORNING = { start: '07:00', end: '09:00' };
const MIDDAY = { start: '09:00', end: '11:30' };
const SLOTS = [MORNING, MIDDAY];

const sites: RowValues[] = [
  { id: 'SITE-A0000000000', name: '桃源小区', kind: 'residential_compound', committeeId: 'taoyuan' },
  { id: 'SITE-B0000000000', name: '红桥路', kind: 'main_street', committeeId: 'hongqiao' },
];

let seq = 0;
function shift(values: RowValues): RowValues {
  seq++;
  return {
    id: `SHIFT${String(seq).padStart(11, '0')}`,
    committeeId: 'taoyuan',
    date: '2026-03-02',
    siteId: 'SITE-A0000000000',
    role: 'volunteer',
    person: 'PERSON-ZHANG0000',
    status: 'scheduled',
    ...MORNING,
    ...values,
  };
}

function coverage(roster: RowValues[], extra: Partial<CoverageInput> = {}): Coverage {
  const built = buildCoverage({
    roster,
    sites,
    from: '2026-03-02',
    to: '2026-03-02',
    slots: SLOTS,
    ...extra,
  });
  if (!built.ok) throw new Error(built.error.message.en);
  return built.value;
}

function cellOf(c: Coverage, siteId: string, start: string, date = '2026-03-02') {
  const found = c.cells.find((x) => x.siteId === siteId && x.start === start && x.date === date);
  if (!found) throw new Error(`no cell ${siteId} ${date} ${start}`);
  return found;
}

describe('coverage matrix', () => {
  it('has one cell per site, day and slot, and every uncovered one is a gap', () => {
    const morning = shift({});
    const c = buildCoverage({
      roster: [morning],
      sites,
      from: '2026-03-02',
      to: '2026-03-03',
      slots: SLOTS,
    });
    if (!c.ok) throw new Error('refused');
    expect(c.value.dates).toEqual(['2026-03-02', '2026-03-03']);
    expect(c.value.cells).toHaveLength(2 * 2 * 2);
    expect(c.value.covered).toBe(1);
    expect(c.value.gaps).toHaveLength(7);
    expect(c.value.rate).toBe(1 / 8);
    expect(cellOf(c.value, 'SITE-A0000000000', '07:00').coveringIds).toEqual([morning.id]);
  });

  it('absent, swapped and unstaffed shifts leave a gap but still show in the cell', () => {
    const rows = [shift({ status: 'absent' }), shift({ status: 'swapped' }), shift({ person: null })];
    const cell = cellOf(coverage(rows), 'SITE-A0000000000', '07:00');
    expect(cell.state).toBe('gap');
    expect(cell.shiftIds).toEqual(rows.map((r) => r.id));
    expect(cell.coveringIds).toEqual([]);
  });

  it('a shift covers every slot it spans whole; one that only overlaps a slot is listed, not counted', () => {
    const long = shift({ start: '07:00', end: '11:30' });
    const partial = shift({ siteId: 'SITE-B0000000000', start: '08:00', end: '10:00' });
    const c = coverage([long, partial]);
    expect(cellOf(c, 'SITE-A0000000000', '07:00').coveringIds).toEqual([long.id]);
    expect(cellOf(c, 'SITE-A0000000000', '09:00').coveringIds).toEqual([long.id]);
    const b = cellOf(c, 'SITE-B0000000000', '09:00');
    expect([b.state, b.shiftIds, b.coveringIds]).toEqual(['gap', [partial.id], []]);
  });

  it('shows the check-in state, with slots that have begun in Shanghai and nobody checked in', () => {
    const rows = [shift({ status: 'checked_in' }), shift({ start: '09:00', end: '11:30' })];
    const c = coverage(rows, { now: new Date('2026-03-02T01:10:00Z') }); // 09:10 in Shanghai
    expect(cellOf(c, 'SITE-A0000000000', '07:00').state).toBe('checked_in');
    expect(cellOf(c, 'SITE-A0000000000', '09:00').state).toBe('not_checked_in');
    const early = coverage(rows, { now: new Date('2026-03-02T00:50:00Z') }); // 08:50 in Shanghai
    expect(cellOf(early, 'SITE-A0000000000', '09:00').state).toBe('scheduled');
    expect(cellOf(coverage(rows), 'SITE-A0000000000', '09:00').state).toBe('scheduled');
  });

  it('finds one person booked at overlapping times, across committees, but not back to back', () => {
    const here = shift({ start: '07:00', end: '09:00' });
    const there = shift({
      siteId: 'SITE-B0000000000',
      committeeId: 'hongqiao',
      start: '08:30',
      end: '10:00',
    });
    const next = shift({ start: '10:00', end: '11:30' });
    const swapped = shift({ siteId: 'SITE-B0000000000', status: 'swapped' });
    const someoneElse = shift({ person: 'PERSON-LI0000000' });
    expect(coverage([here, there, next, swapped, someoneElse]).doubleBookings).toEqual([
      { person: 'PERSON-ZHANG0000', date: '2026-03-02', shiftIds: [here.id, there.id] },
    ]);
  });

  it('takes the slots from the roster when none are given', () => {
    const rows = [shift({ start: '14:00', end: '17:00' }), shift({}), shift({ siteId: 'SITE-B0000000000' })];
    expect(rosterSlots(rows)).toEqual([MORNING, { start: '14:00', end: '17:00' }]);
    expect(coverage(rows, { slots: undefined }).slots).toEqual(rosterSlots(rows));
  });

  it('keeps sites only the roster names, and lists the rows it cannot place', () => {
    const stray = shift({ siteId: 'SITE-UNKNOWN0000' });
    const broken = shift({ start: '10:00', end: '09:00' });
    const c = coverage([stray, broken, shift({ date: '2026-03-09' })]);
    expect(c.sites.at(-1)).toEqual({
      id: 'SITE-UNKNOWN0000',
      name: 'SITE-UNKNOWN0000',
      committeeId: 'taoyuan',
      registered: false,
    });
    expect(cellOf(c, 'SITE-UNKNOWN0000', '07:00').state).toBe('scheduled');
    expect(c.unplaced).toEqual([broken.id]);
  });

  it('refuses a reversed or over-long date range', () => {
    const reversed = buildCoverage({ roster: [], sites, from: '2026-03-02', to: '2026-03-01' });
    expect(reversed.ok ? null : reversed.error.code).toBe('coverage_bad_range');
    const long = buildCoverage({ roster: [], sites, from: '2026-01-01', to: '2027-06-01' });
    expect(long.ok ? null : long.error.code).toBe('coverage_bad_range');
  });
});

describe('filling a gap', () => {
  it('gives the roster row for the site’s committee, which that roster room accepts', () => {
    const c = coverage([]);
    const [gap] = c.gaps;
    const site = c.sites.find((s) => s.id === gap?.siteId);
    if (!gap || !site) throw new Error('no gap');
    const template = shiftForGap(site, gap.date, gap, 'liaison');
    if (!template.ok) throw new Error(template.error.message.en);
    expect(template.value.room).toBe('roster.taoyuan');
    const doc = buildRoomDoc('roster', []);
    if (!doc.ok) throw new Error('no doc');
    expect(insertRow(doc.value, template.value.values).ok).toBe(true);
    const filled = coverage(readRows(doc.value).map((r) => ({ ...r, person: 'PERSON-WANG00000' })));
    expect(cellOf(filled, gap.siteId, gap.start).state).toBe('scheduled');
  });

  it('refuses a site that belongs to no committee', () => {
    const result = shiftForGap({ id: 'SITE-X0000000000', committeeId: null }, '2026-03-02', MORNING);
    expect(result.ok ? null : result.error.code).toBe('gap_site_without_committee');
  });
});

describe('coverage is a count over the roster rows', () => {
  const TIMES = ['07:00', '08:00', '09:00', '11:30', '14:00', '17:00'];
  const rowArb = fc.record({
    siteId: fc.constantFrom('SITE-A0000000000', 'SITE-B0000000000', 'SITE-C0000000000'),
    date: fc.constantFrom('2026-03-01', '2026-03-02', '2026-03-03'),
    start: fc.constantFrom(...TIMES),
    end: fc.constantFrom(...TIMES),
    person: fc.constantFrom('PERSON-ZHANG0000', 'PERSON-LI0000000', null),
    status: fc.constantFrom('scheduled', 'checked_in', 'absent', 'swapped'),
  });

  it('for random rosters, a cell is covered exactly when a staffed row spans its slot', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), (rows) => {
        const roster = rows.map((r, i) => ({ id: `ROW${String(i).padStart(13, '0')}`, ...r }));
        const c = coverage(roster, { from: '2026-03-02', to: '2026-03-03' });
        expect(c.cells).toHaveLength(c.sites.length * c.dates.length * c.slots.length);
        expect(c.covered + c.gaps.length).toBe(c.cells.length);
        for (const cell of c.cells) {
          const spanning = roster.filter(
            (r) =>
              r.siteId === cell.siteId &&
              r.date === cell.date &&
              r.person !== null &&
              (r.status === 'scheduled' || r.status === 'checked_in') &&
              r.start <= cell.start &&
              r.end >= cell.end &&
              r.start < r.end,
          );
          expect(cell.coveringIds).toEqual(spanning.map((r) => r.id));
          expect(cell.state === 'gap').toBe(spanning.length === 0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
