// Duty coverage (排班覆盖): every site × day × time slot of a date range against all
// committees' rosters, with the gaps, the double bookings of one person, the check-in
// state of each cell, and the roster row that fills a gap.

import { isCommitteeId } from '../core/ids.ts';
import { type DomainError, domainError, fail, ok, type Result } from '../core/result.ts';
import { addDays, daysBetween, isIsoDate, isoShanghai, isTimeOfDay } from '../core/time.ts';
import { hoursOverlap, isStaffing } from '../rules/staffing.ts';
import type { RowValues } from '../schema/fields.ts';
import type { RosterRole } from '../schema/roster-schema.ts';
import { textOf } from '../schema/row-values.ts';
import { roomName } from '../sync/rooms.ts';

/** A time slot of a day, `HH:MM` to `HH:MM` (start before end). */
export interface TimeSlot {
  readonly start: string;
  readonly end: string;
}

/**
 * - `gap`: nobody is scheduled or checked in for the whole slot;
 * - `checked_in`: someone covering the slot has checked in;
 * - `not_checked_in`: the slot has begun (given `now`) and nobody covering it has checked in;
 * - `scheduled`: covered, not begun (or no `now` given), nobody checked in yet.
 */
export type CellState = 'gap' | 'scheduled' | 'checked_in' | 'not_checked_in';

export interface CoverageCell {
  readonly siteId: string;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly state: CellState;
  /** Every roster row at this site that day whose hours overlap the slot, any status. */
  readonly shiftIds: readonly string[];
  /** The rows that cover it: a person, scheduled or checked in, for the whole slot. */
  readonly coveringIds: readonly string[];
}

export interface CoverageSite {
  readonly id: string;
  readonly name: string;
  readonly committeeId: string | null;
  /** False for a site id that only roster rows name (not in the sites registry). */
  readonly registered: boolean;
}

export interface DoubleBooking {
  readonly person: string;
  readonly date: string;
  /** Rows of this person on this date whose hours overlap one another (2 or more). */
  readonly shiftIds: readonly string[];
}

export interface Coverage {
  readonly from: string;
  readonly to: string;
  readonly dates: readonly string[];
  readonly slots: readonly TimeSlot[];
  readonly sites: readonly CoverageSite[];
  /** Site by site (in `sites` order), then date, then slot: sites × dates × slots cells. */
  readonly cells: readonly CoverageCell[];
  /** The cells in state `gap`, in the same order. */
  readonly gaps: readonly CoverageCell[];
  readonly doubleBookings: readonly DoubleBooking[];
  /** Roster rows in the range that fit no cell: no site, or hours that are not a slot of a day. */
  readonly unplaced: readonly string[];
  /** Cells not a gap. */
  readonly covered: number;
  /** covered / cells; null when there are no cells. */
  readonly rate: number | null;
}

export interface CoverageInput {
  readonly roster: readonly Readonly<RowValues>[];
  readonly sites: readonly Readonly<RowValues>[];
  /** First and last date, `YYYY-MM-DD`, inclusive. */
  readonly from: string;
  readonly to: string;
  /** The slots of a day; default: every distinct start–end pair in the roster (`rosterSlots`). */
  readonly slots?: readonly TimeSlot[];
  /** Enables `not_checked_in` for slots that have begun. */
  readonly now?: Date;
}

export type CoverageErrorCode = 'coverage_bad_range';

/** Coverage is shown a day to a few weeks at a time; a year is the most that makes sense. */
const MAX_DAYS = 366;

interface Shift {
  readonly id: string;
  readonly siteId: string | null;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly person: string | null;
  readonly status: string | null;
}

function shiftOf(row: Readonly<RowValues>): Shift | null {
  const date = textOf(row, 'date');
  const start = textOf(row, 'start');
  const end = textOf(row, 'end');
  if (!date || !isIsoDate(date) || !isTimeOfDay(start) || !isTimeOfDay(end) || start >= end) return null;
  return {
    id: String(row.id),
    siteId: textOf(row, 'siteId'),
    date,
    start,
    end,
    person: textOf(row, 'person'),
    status: textOf(row, 'status'),
  };
}

function staffs(s: Shift): boolean {
  return s.person !== null && isStaffing(s.status);
}

/** The distinct slots the roster rows use, by start then end. */
export function rosterSlots(roster: readonly Readonly<RowValues>[]): TimeSlot[] {
  const seen = new Map<string, TimeSlot>();
  for (const row of roster) {
    const shift = shiftOf(row);
    if (shift) seen.set(`${shift.start}-${shift.end}`, { start: shift.start, end: shift.end });
  }
  return [...seen.values()].sort((a, b) =>
    a.start !== b.start ? (a.start < b.start ? -1 : 1) : a.end < b.end ? -1 : 1,
  );
}

function doubleBookingsOf(shifts: readonly Shift[]): DoubleBooking[] {
  const byPersonDay = new Map<string, Shift[]>();
  for (const s of shifts) {
    if (!staffs(s) || s.person === null) continue;
    const key = `${s.person}\u0000${s.date}`;
    const list = byPersonDay.get(key);
    if (list) list.push(s);
    else byPersonDay.set(key, [s]);
  }
  const out: DoubleBooking[] = [];
  for (const list of byPersonDay.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => (a.start !== b.start ? (a.start < b.start ? -1 : 1) : a.id < b.id ? -1 : 1));
    // Sweep: a run of shifts each starting before the run so far has ended overlaps.
    let run: Shift[] = [];
    let runEnd = '';
    const flush = () => {
      const [first] = run;
      if (first && run.length > 1 && first.person !== null)
        out.push({ person: first.person, date: first.date, shiftIds: run.map((s) => s.id) });
    };
    for (const s of list) {
      if (run.length > 0 && s.start < runEnd) {
        run.push(s);
        if (s.end > runEnd) runEnd = s.end;
      } else {
        flush();
        run = [s];
        runEnd = s.end;
      }
    }
    flush();
  }
  return out.sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.person < b.person ? -1 : a.person > b.person ? 1 : 0,
  );
}

function stateOf(covering: readonly Shift[], date: string, slot: TimeSlot, nowIso: string | null): CellState {
  if (covering.length === 0) return 'gap';
  if (covering.some((s) => s.status === 'checked_in')) return 'checked_in';
  // Both are Shanghai wall-clock ISO strings, so they compare as text.
  return nowIso !== null && `${date}T${slot.start}` <= nowIso ? 'not_checked_in' : 'scheduled';
}

/** The coverage matrix for a date range; refused for a bad or over-long range. */
export function buildCoverage(input: CoverageInput): Result<Coverage, DomainError<CoverageErrorCode>> {
  const { from, to } = input;
  if (!isIsoDate(from) || !isIsoDate(to) || daysBetween(from, to) < 0 || daysBetween(from, to) >= MAX_DAYS) {
    return fail(
      domainError(
        'coverage_bad_range',
        `日期范围无效（最多 ${MAX_DAYS} 天）：${String(from)} 至 ${String(to)}`,
        `invalid date range (at most ${MAX_DAYS} days): ${String(from)} to ${String(to)}`,
      ),
    );
  }
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  const slots = [...(input.slots ?? rosterSlots(input.roster))].filter(
    (s) => isTimeOfDay(s.start) && isTimeOfDay(s.end) && s.start < s.end,
  );
  const nowIso = input.now ? isoShanghai(input.now).slice(0, 16) : null;

  const sites: CoverageSite[] = [];
  const siteIndex = new Set<string>();
  for (const row of input.sites) {
    const id = String(row.id);
    if (siteIndex.has(id)) continue;
    siteIndex.add(id);
    sites.push({
      id,
      name: textOf(row, 'name') ?? id,
      committeeId: textOf(row, 'committeeId'),
      registered: true,
    });
  }

  const shifts: Shift[] = [];
  const unplaced: string[] = [];
  const bySiteDay = new Map<string, Shift[]>();
  for (const row of input.roster) {
    const date = textOf(row, 'date');
    if (date === null || date < from || date > to) continue;
    const shift = shiftOf(row);
    if (!shift || shift.siteId === null) {
      unplaced.push(String(row.id));
      continue;
    }
    shifts.push(shift);
    if (!siteIndex.has(shift.siteId)) {
      siteIndex.add(shift.siteId);
      sites.push({
        id: shift.siteId,
        name: shift.siteId,
        committeeId: textOf(row, 'committeeId'),
        registered: false,
      });
    }
    const key = `${shift.siteId}\u0000${shift.date}`;
    const list = bySiteDay.get(key);
    if (list) list.push(shift);
    else bySiteDay.set(key, [shift]);
  }

  const cells: CoverageCell[] = [];
  const gaps: CoverageCell[] = [];
  for (const site of sites) {
    for (const date of dates) {
      const day = bySiteDay.get(`${site.id}\u0000${date}`) ?? [];
      for (const slot of slots) {
        const overlapping = day.filter((s) => hoursOverlap(s, slot));
        const covering = overlapping.filter((s) => staffs(s) && s.start <= slot.start && s.end >= slot.end);
        const cell: CoverageCell = {
          siteId: site.id,
          date,
          start: slot.start,
          end: slot.end,
          state: stateOf(covering, date, slot, nowIso),
          shiftIds: overlapping.map((s) => s.id),
          coveringIds: covering.map((s) => s.id),
        };
        cells.push(cell);
        if (cell.state === 'gap') gaps.push(cell);
      }
    }
  }
  const covered = cells.length - gaps.length;
  return ok({
    from,
    to,
    dates,
    slots,
    sites,
    cells,
    gaps,
    doubleBookings: doubleBookingsOf(shifts),
    unplaced,
    covered,
    rate: cells.length > 0 ? covered / cells.length : null,
  });
}

export type ShiftForGapErrorCode = 'gap_site_without_committee';

/**
 * The roster row that fills a gap (one click from a gap to adding the shift): which
 * committee's roster room it goes to and the values to `insertRow` there. The person is
 * left empty for whoever takes it.
 */
export function shiftForGap(
  site: Pick<CoverageSite, 'id' | 'committeeId'>,
  date: string,
  slot: TimeSlot,
  role: RosterRole = 'volunteer',
): Result<{ room: string; values: RowValues }, DomainError<ShiftForGapErrorCode>> {
  if (!isCommitteeId(site.committeeId)) {
    return fail(
      domainError(
        'gap_site_without_committee',
        `点位 ${site.id} 没有所属居民区，无法排班`,
        `site ${site.id} belongs to no committee, so no roster can take the shift`,
      ),
    );
  }
  return ok({
    room: roomName('roster', site.committeeId),
    values: {
      committeeId: site.committeeId,
      date,
      start: slot.start,
      end: slot.end,
      siteId: site.id,
      role,
      status: 'scheduled',
    },
  });
}
