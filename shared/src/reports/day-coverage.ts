// One day's roster coverage as a figure: covered site × slot cells out of all, with the
// cells themselves (and the rows covering each) to drill into, for the district or a committee.

import type { RowValues } from '../schema/fields.ts';
import { buildCoverage, type TimeSlot } from './coverage.ts';

/** One site and time slot of the day, and the roster rows covering it (none for a gap). */
export interface SlotCell {
  readonly siteId: string;
  readonly start: string;
  readonly end: string;
  readonly shiftIds: readonly string[];
}

export interface DayCoverage {
  readonly date: string;
  readonly cells: number;
  /** `coveredCells.length`. */
  readonly covered: number;
  /** covered / cells; null when there are no cells. */
  readonly rate: number | null;
  readonly coveredCells: readonly SlotCell[];
  /** The cells nobody covers: `gaps.length === cells - covered`. */
  readonly gaps: readonly SlotCell[];
}

function summary(date: string, coveredCells: SlotCell[], gaps: SlotCell[]): DayCoverage {
  const cells = coveredCells.length + gaps.length;
  return {
    date,
    cells,
    covered: coveredCells.length,
    rate: cells > 0 ? coveredCells.length / cells : null,
    coveredCells,
    gaps,
  };
}

/** Coverage of every site in `sites` (and any the roster names) on `date` (`YYYY-MM-DD`). */
export function dayCoverage(input: {
  readonly roster: readonly Readonly<RowValues>[];
  readonly sites: readonly Readonly<RowValues>[];
  readonly date: string;
  readonly slots?: readonly TimeSlot[] | undefined;
}): DayCoverage {
  const built = buildCoverage({
    roster: input.roster,
    sites: input.sites,
    from: input.date,
    to: input.date,
    ...(input.slots ? { slots: input.slots } : {}),
  });
  const coveredCells: SlotCell[] = [];
  const gaps: SlotCell[] = [];
  if (built.ok) {
    for (const c of built.value.cells) {
      const cell = { siteId: c.siteId, start: c.start, end: c.end, shiftIds: c.coveringIds };
      (c.state === 'gap' ? gaps : coveredCells).push(cell);
    }
  }
  return summary(input.date, coveredCells, gaps);
}

/** The part of a day's coverage at the given sites (a committee's). */
export function coverageAt(day: DayCoverage, siteIds: ReadonlySet<string>): DayCoverage {
  return summary(
    day.date,
    day.coveredCells.filter((c) => siteIds.has(c.siteId)),
    day.gaps.filter((c) => siteIds.has(c.siteId)),
  );
}
