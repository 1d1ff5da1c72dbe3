// The office's live totals (the 16:00 meeting view), computed once here for the grid, the
// server's /api/totals and the exports. Every number carries the ids of exactly the rows
// it counts, so any figure drills down to its rows.

import { addDays, isoShanghai, todayInShanghai } from '../core/time.ts';
import type { DeadlineLight } from '../rules/deadline-light.ts';
import { isClosedOnTime, isOverdueOn } from '../rules/deadlines.ts';
import { closedOn, foundOn } from '../rules/issue-dates.ts';
import type { RowValues } from '../schema/fields.ts';
import { ISSUE_CATEGORIES, ISSUE_SOURCES, LEDGER_STATUSES } from '../schema/ledger-schema.ts';
import { numberOf, textOf } from '../schema/row-values.ts';
import { type CommitteeStanding, rankCommittees } from './committee-ranking.ts';
import type { TimeSlot } from './coverage.ts';
import { coverageAt, type DayCoverage, dayCoverage } from './day-coverage.ts';
import { addToLoop, loopFigures, newLoopLists } from './loop-figures.ts';
import { type Ratio, ratio, type Tally, tally } from './tally.ts';

export interface DayTally {
  readonly date: string;
  readonly found: Tally;
  readonly closed: Tally;
}

export interface Totals {
  /** When the totals were computed, Shanghai time with offset. */
  readonly computedAt: string;
  /** The Shanghai date "today" means in these totals. */
  readonly today: string;
  /** Every issue on the ledger. */
  readonly found: Tally;
  /** By status; every status is present, plus any unknown value seen (missing: `NO_VALUE`). */
  readonly byStatus: Readonly<Record<string, Tally>>;
  /** Committee → status → issues; every committee has every status. */
  readonly byCommitteeStatus: Readonly<Record<string, Readonly<Record<string, Tally>>>>;
  readonly byCategory: Readonly<Record<string, Tally>>;
  readonly bySource: Readonly<Record<string, Tally>>;
  /** Found on today's Shanghai date. */
  readonly foundToday: Tally;
  /** Written off today: status closed, `closedAt` on today's Shanghai date. */
  readonly closedToday: Tally;
  /** See `isOverdue`. */
  readonly overdue: Tally;
  /** Issues that came back at least once (`recurrences` > 0), whatever their status now. */
  readonly recurred: Tally;
  /** closed / found. */
  readonly resolutionRate: Ratio;
  /** closed on time (see `isClosedOnTime`) / closed. */
  readonly onTimeRate: Ratio;
  /** 挂账: parked by the office; out of 应结案数, counted on their own. */
  readonly parked: Tally;
  /**
   * 应结案数: issues that should be written off by now, parked ones left out: every closed
   * issue, and every other whose deadline day has ended.
   */
  readonly dueToClose: Tally;
  /** 结案率 (GB/T 30428): 结案数 (closed) / 应结案数. */
  readonly closeRate: Ratio;
  /** 按期结案率 (GB/T 30428): 按期结案数 (closed on time) / 应结案数. */
  readonly onTimeCloseRate: Ratio;
  /**
   * 返工率: issues sent back at least once after a failed check (`reworks` > 0) / issues
   * checked at least once (sent back, or written off now or before: closed, recurred).
   */
  readonly reworkRate: Ratio;
  /** Issues with at least one approved extension (延时), and those waiting for a decision. */
  readonly extended: Tally;
  readonly extensionRequests: Tally;
  /** Open issues by deadline light at `now` (see `deadlineLight`). */
  readonly lights: Readonly<Record<DeadlineLight, Tally>>;
  /** Red for more than a day: listed for the office's leaders. */
  readonly escalated: Tally;
  /** Today's coverage of every site × time slot by the rosters. */
  readonly rosterCoverage: DayCoverage;
  /** The last `trendDays` days up to today, oldest first: found and written off each day. */
  readonly trend: readonly DayTally[];
  /** Every committee seen in the ledger, the roster or the sites, best first. */
  readonly ranking: readonly CommitteeStanding[];
}

export interface TotalsInput {
  /** Ledger rows of all the committees in scope (each room's `readRows`, concatenated). */
  readonly ledger: readonly Readonly<RowValues>[];
  readonly roster: readonly Readonly<RowValues>[];
  readonly sites: readonly Readonly<RowValues>[];
  readonly now: Date;
  /** Days in `trend`; default 14, at most 366. */
  readonly trendDays?: number;
  /** The day's time slots for coverage; default: the distinct slots of the roster rows. */
  readonly slots?: readonly TimeSlot[];
}

/** The key under which rows with no (or no text) value for a field are counted. */
export const NO_VALUE = '(none)';
const DEFAULT_TREND_DAYS = 14;
const MAX_TREND_DAYS = 366;

/** Lists keyed by value, pre-filled with the known values so zero counts show too. */
class Buckets {
  readonly lists = new Map<string, string[]>();
  constructor(known: readonly { value: string }[]) {
    for (const { value } of known) this.lists.set(value, []);
  }
  add(key: string, id: string): void {
    const list = this.lists.get(key);
    if (list) list.push(id);
    else this.lists.set(key, [id]);
  }
  tallies(): Record<string, Tally> {
    const out: Record<string, Tally> = {};
    for (const [key, ids] of this.lists) out[key] = tally(ids);
    return out;
  }
}

/** The per-committee lists a standing is made of. */
interface CommitteeLists {
  readonly byStatus: Buckets;
  readonly found: string[];
  readonly closed: string[];
  readonly onTime: string[];
  readonly overdue: string[];
  readonly recurred: string[];
}

function keyOf(row: Readonly<RowValues>, field: string): string {
  return textOf(row, field) ?? NO_VALUE;
}

/** The rows with their ids, in id order (decorated once: 20k rows sort in a few ms). */
function inIdOrder(rows: readonly Readonly<RowValues>[]): { id: string; row: Readonly<RowValues> }[] {
  return rows
    .map((row) => ({ id: String(row.id), row }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Site ids by committee: the sites registry first, then sites only the roster names. */
function committeeSites(input: TotalsInput): Map<string, Set<string>> {
  const owner = new Map<string, string>();
  for (const rows of [input.sites, input.roster]) {
    for (const row of rows) {
      const site = rows === input.sites ? String(row.id) : textOf(row, 'siteId');
      const committee = textOf(row, 'committeeId');
      if (site !== null && committee !== null && !owner.has(site)) owner.set(site, committee);
    }
  }
  const out = new Map<string, Set<string>>();
  for (const [site, committee] of owner) {
    const set = out.get(committee);
    if (set) set.add(site);
    else out.set(committee, new Set([site]));
  }
  return out;
}

/**
 * All the totals in one pass over the ledger. Rows are counted in id order whatever order
 * they come in, so the same rows always give the same totals.
 */
export function computeTotals(input: TotalsInput): Totals {
  const { now } = input;
  const today = todayInShanghai(now);
  const trendDays = Math.min(
    MAX_TREND_DAYS,
    Math.max(1, Math.floor(input.trendDays ?? DEFAULT_TREND_DAYS) || 1),
  );
  const trendFound = new Map<string, string[]>();
  const trendClosed = new Map<string, string[]>();
  for (let i = trendDays - 1; i >= 0; i--) {
    const date = addDays(today, -i);
    trendFound.set(date, []);
    trendClosed.set(date, []);
  }

  const committees = new Map<string, CommitteeLists>();
  const committee = (id: string): CommitteeLists => {
    let lists = committees.get(id);
    if (!lists) {
      lists = {
        byStatus: new Buckets(LEDGER_STATUSES),
        found: [],
        closed: [],
        onTime: [],
        overdue: [],
        recurred: [],
      };
      committees.set(id, lists);
    }
    return lists;
  };
  for (const row of [...input.sites, ...input.roster]) {
    const id = textOf(row, 'committeeId');
    if (id !== null) committee(id);
  }

  const found: string[] = [];
  const byStatus = new Buckets(LEDGER_STATUSES);
  const byCategory = new Buckets(ISSUE_CATEGORIES);
  const bySource = new Buckets(ISSUE_SOURCES);
  const foundToday: string[] = [];
  const closedToday: string[] = [];
  const closed: string[] = [];
  const onTime: string[] = [];
  const overdue: string[] = [];
  const recurred: string[] = [];
  const loop = newLoopLists();

  for (const { id, row } of inIdOrder(input.ledger)) {
    addToLoop(loop, id, row, today, now);
    const status = keyOf(row, 'status');
    const own = committee(keyOf(row, 'committeeId'));
    found.push(id);
    own.found.push(id);
    byStatus.add(status, id);
    own.byStatus.add(status, id);
    byCategory.add(keyOf(row, 'category'), id);
    bySource.add(keyOf(row, 'source'), id);
    const foundDate = foundOn(row);
    if (foundDate !== null) {
      if (foundDate === today) foundToday.push(id);
      trendFound.get(foundDate)?.push(id);
    }
    if (status === 'closed') {
      closed.push(id);
      own.closed.push(id);
      if (isClosedOnTime(row)) {
        onTime.push(id);
        own.onTime.push(id);
      }
      const closedDate = closedOn(row);
      if (closedDate !== null) {
        if (closedDate === today) closedToday.push(id);
        trendClosed.get(closedDate)?.push(id);
      }
    }
    if (isOverdueOn(row, today)) {
      overdue.push(id);
      own.overdue.push(id);
    }
    if ((numberOf(row, 'recurrences') ?? 0) > 0) {
      recurred.push(id);
      own.recurred.push(id);
    }
  }

  const foundTally = tally(found);
  const closedTally = tally(closed);
  const rosterCoverage = dayCoverage({
    roster: input.roster,
    sites: input.sites,
    date: today,
    slots: input.slots,
  });
  const sitesOf = committeeSites(input);
  const byCommitteeStatus: Record<string, Record<string, Tally>> = {};
  const standings: Omit<CommitteeStanding, 'rank'>[] = [];
  for (const id of [...committees.keys()].sort()) {
    const lists = committees.get(id);
    if (!lists) continue;
    byCommitteeStatus[id] = lists.byStatus.tallies();
    const ownClosed = tally(lists.closed);
    const ownFound = tally(lists.found);
    standings.push({
      committeeId: id,
      found: ownFound,
      closed: ownClosed,
      overdue: tally(lists.overdue),
      recurred: tally(lists.recurred),
      resolutionRate: ratio(ownClosed, ownFound),
      onTimeRate: ratio(tally(lists.onTime), ownClosed),
      rosterCoverage: coverageAt(rosterCoverage, sitesOf.get(id) ?? new Set()),
    });
  }
  return {
    computedAt: isoShanghai(now),
    today,
    found: foundTally,
    byStatus: byStatus.tallies(),
    byCommitteeStatus,
    byCategory: byCategory.tallies(),
    bySource: bySource.tallies(),
    foundToday: tally(foundToday),
    closedToday: tally(closedToday),
    overdue: tally(overdue),
    recurred: tally(recurred),
    resolutionRate: ratio(closedTally, foundTally),
    onTimeRate: ratio(tally(onTime), closedTally),
    ...loopFigures(loop),
    rosterCoverage,
    trend: [...trendFound.keys()].map((date) => ({
      date,
      found: tally(trendFound.get(date) ?? []),
      closed: tally(trendClosed.get(date) ?? []),
    })),
    ranking: rankCommittees(standings),
  };
}
