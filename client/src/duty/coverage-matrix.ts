// The coverage matrix as the page shows it: the shared `buildCoverage` over the rosters,
// laid out as committees → sites × (day, slot) columns, each cell with the people on it,
// their check-in state and whether one of them is double-booked.
import {
  buildCoverage,
  type Coverage,
  type CoverageCell,
  type CoverageSite,
  type DomainError,
  fail,
  ok,
  type Result,
  type RowValues,
  type TimeSlot,
  textOf,
} from '@civic-ledger/shared';

export interface MatrixColumn {
  readonly key: string;
  readonly date: string;
  readonly slot: TimeSlot;
}

/** One roster row touching a cell's slot. */
export interface CellShift {
  readonly shiftId: string;
  /** Null for an open shift nobody has taken yet. */
  readonly personId: string | null;
  readonly name: string | null;
  readonly status: string | null;
  /** Counts towards coverage (a person, scheduled or checked in, for the whole slot). */
  readonly covering: boolean;
  readonly doubleBooked: boolean;
}

export interface MatrixCell {
  readonly cell: CoverageCell;
  readonly shifts: readonly CellShift[];
  readonly doubleBooked: boolean;
}

export interface MatrixSite {
  readonly site: CoverageSite;
  /** In column order. */
  readonly cells: readonly MatrixCell[];
}

export interface MatrixGroup {
  /** Null for sites of no committee. */
  readonly committeeId: string | null;
  readonly name: string | null;
  readonly sites: readonly MatrixSite[];
  readonly cells: number;
  readonly covered: number;
  readonly rate: number | null;
}

export interface BookingShift {
  readonly shiftId: string;
  readonly siteName: string;
  readonly start: string;
  readonly end: string;
}

export interface NamedDoubleBooking {
  readonly personId: string;
  readonly name: string;
  readonly date: string;
  readonly shifts: readonly BookingShift[];
}

export interface CoverageMatrix {
  readonly coverage: Coverage;
  readonly columns: readonly MatrixColumn[];
  readonly groups: readonly MatrixGroup[];
  readonly doubleBookings: readonly NamedDoubleBooking[];
  /** Cells whose slot has begun with nobody checked in. */
  readonly notCheckedIn: number;
}

export interface MatrixInput {
  readonly roster: readonly Readonly<RowValues>[];
  /** The sites to show (a member's own committee's, the office's all). */
  readonly sites: readonly Readonly<RowValues>[];
  readonly from: string;
  readonly to: string;
  readonly now?: Date;
  /** Committees in display order, with their names. */
  readonly committees: readonly { readonly id: string; readonly name: string }[];
  /** Person id → name. */
  readonly people: ReadonlyMap<string, string>;
}

function rateOf(covered: number, cells: number): number | null {
  return cells > 0 ? covered / cells : null;
}

export function coverageMatrix(input: MatrixInput): Result<CoverageMatrix, DomainError> {
  const built = buildCoverage({
    roster: input.roster,
    sites: input.sites,
    from: input.from,
    to: input.to,
    ...(input.now ? { now: input.now } : {}),
  });
  if (!built.ok) return fail(built.error);
  const coverage = built.value;
  const columns: MatrixColumn[] = coverage.dates.flatMap((date) =>
    coverage.slots.map((slot) => ({ key: `${date} ${slot.start}-${slot.end}`, date, slot })),
  );
  const rosterById = new Map(input.roster.map((row) => [String(row.id), row]));
  const doubled = new Set(coverage.doubleBookings.flatMap((d) => d.shiftIds));
  const personName = (id: string | null) => (id === null ? null : (input.people.get(id) ?? id));

  const width = columns.length;
  const groups = new Map<string | null, MatrixSite[]>();
  coverage.sites.forEach((site, index) => {
    const cells = coverage.cells.slice(index * width, (index + 1) * width).map((cell): MatrixCell => {
      const covering = new Set(cell.coveringIds);
      const shifts = cell.shiftIds.map((shiftId): CellShift => {
        const row = rosterById.get(shiftId) ?? {};
        const personId = textOf(row, 'person');
        return {
          shiftId,
          personId,
          name: personName(personId),
          status: textOf(row, 'status'),
          covering: covering.has(shiftId),
          doubleBooked: doubled.has(shiftId),
        };
      });
      return { cell, shifts, doubleBooked: shifts.some((s) => s.doubleBooked) };
    });
    const list = groups.get(site.committeeId);
    if (list) list.push({ site, cells });
    else groups.set(site.committeeId, [{ site, cells }]);
  });

  const order = new Map(input.committees.map((c, i) => [c.id, i]));
  const names = new Map(input.committees.map((c) => [c.id, c.name]));
  const rank = (id: string | null) => (id === null ? Number.MAX_SAFE_INTEGER : (order.get(id) ?? order.size));
  const matrixGroups: MatrixGroup[] = [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || String(a).localeCompare(String(b)))
    .map(([committeeId, sites]) => {
      sites.sort(
        (a, b) => a.site.name.localeCompare(b.site.name, 'zh-CN') || (a.site.id < b.site.id ? -1 : 1),
      );
      const all = sites.flatMap((s) => s.cells);
      const covered = all.filter((c) => c.cell.state !== 'gap').length;
      return {
        committeeId,
        name: committeeId === null ? null : (names.get(committeeId) ?? committeeId),
        sites,
        cells: all.length,
        covered,
        rate: rateOf(covered, all.length),
      };
    });

  const siteNames = new Map(coverage.sites.map((s) => [s.id, s.name]));
  const doubleBookings = coverage.doubleBookings.map(
    (d): NamedDoubleBooking => ({
      personId: d.person,
      name: personName(d.person) ?? d.person,
      date: d.date,
      shifts: d.shiftIds.map((shiftId) => {
        const row = rosterById.get(shiftId) ?? {};
        const siteId = textOf(row, 'siteId') ?? '';
        return {
          shiftId,
          siteName: siteNames.get(siteId) ?? siteId,
          start: textOf(row, 'start') ?? '',
          end: textOf(row, 'end') ?? '',
        };
      }),
    }),
  );

  return ok({
    coverage,
    columns,
    groups: matrixGroups,
    doubleBookings,
    notCheckedIn: coverage.cells.filter((c) => c.state === 'not_checked_in').length,
  });
}

/**
 * Only the sites with at least one gap, for working through what is missing; a group keeps
 * its own figures (its coverage is still the whole committee's) and is left out when none of
 * its sites has a gap.
 */
export function sitesWithGaps(groups: readonly MatrixGroup[]): MatrixGroup[] {
  return groups
    .map((g) => ({ ...g, sites: g.sites.filter((s) => s.cells.some((c) => c.cell.state === 'gap')) }))
    .filter((g) => g.sites.length > 0);
}
