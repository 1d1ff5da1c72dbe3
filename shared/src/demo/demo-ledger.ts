// Demo ledger rows: issues found over the last six weeks, each carried as far through the
// closure loop as its status says, with the fields that status implies.

import type { Prng } from '../core/prng.ts';
import { addDays, daysBetween, isoShanghai, shanghaiDate } from '../core/time.ts';
import type { RowValues } from '../schema/fields.ts';
import type { IssueCategory, IssueSource, LedgerStatus } from '../schema/ledger-schema.ts';
import type { SiteKind } from '../schema/sites-schema.ts';
import { ISSUE_DESCRIPTIONS, RECTIFICATIONS } from './demo-names.ts';
import {
  at,
  compactRow,
  type DemoCommittee,
  type DemoPerson,
  type DemoRegistry,
  demoId,
} from './demo-registry.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How far back issues go. */
const LEDGER_DAYS = 42;

const CATEGORIES_BY_SITE: Record<SiteKind, readonly IssueCategory[]> = {
  residential_compound: [
    'stairwell_clutter',
    'stairwell_clutter',
    'flying_wire_charging',
    'bikes_disorder',
    'greenbelt_rubbish',
    'greenery_damage',
    'wall_damage',
    'glass_damage',
    'publicity_lacking',
  ],
  activity_room: ['publicity_lacking', 'glass_damage', 'wall_damage', 'street_rubbish'],
  main_street: [
    'bikes_disorder',
    'street_rubbish',
    'road_damage',
    'publicity_lacking',
    'greenery_damage',
    'greenbelt_rubbish',
  ],
  back_street: ['street_rubbish', 'bikes_disorder', 'wall_damage', 'road_damage', 'greenbelt_rubbish'],
  key_crossing: ['bikes_disorder', 'road_damage', 'publicity_lacking', 'street_rubbish'],
  market: ['street_rubbish', 'bikes_disorder', 'road_damage', 'wall_damage'],
};

const SOURCE_WEIGHTS: readonly (readonly [IssueSource, number])[] = [
  ['district_inspection', 10],
  ['office', 18],
  ['citizen_patrol', 9],
  ['third_party', 10],
  ['mutual_check', 10],
  ['self_check', 22],
  ['volunteer', 15],
  ['hotline_12345', 6],
];

// Quick fixes are due the same day (发现问题不隔夜); repairs take longer.
const URGENT: readonly IssueCategory[] = [
  'bikes_disorder',
  'greenbelt_rubbish',
  'stairwell_clutter',
  'street_rubbish',
  'flying_wire_charging',
];

function statusFor(prng: Prng, age: number): LedgerStatus {
  if (age >= 7)
    return prng.weighted([
      ['closed', 80],
      ['rectified', 6],
      ['in_progress', 5],
      ['reopened', 6],
      ['open', 3],
    ]);
  if (age >= 2)
    return prng.weighted([
      ['closed', 50],
      ['rectified', 20],
      ['in_progress', 15],
      ['open', 10],
      ['reopened', 5],
    ]);
  return prng.weighted([
    ['open', 35],
    ['in_progress', 25],
    ['rectified', 20],
    ['closed', 20],
  ]);
}

function between(prng: Prng, from: number, to: number): number {
  return to > from ? from + Math.floor(prng.next() * (to - from)) : from;
}

// People fix and sign off problems in the daytime: fold night-time instants into 08:00–19:00.
function daytime(prng: Prng, from: number, to: number): number {
  const t = between(prng, from, to);
  const local = (t + 8 * HOUR) % DAY;
  if (local >= 7.5 * HOUR && local <= 20 * HOUR) return t;
  const folded = t - local + 8 * HOUR + prng.int(0, 11 * 60) * MINUTE;
  return Math.min(Math.max(folded, from), Math.max(from, to));
}

function finder(
  prng: Prng,
  source: IssueSource,
  c: DemoCommittee,
  all: readonly DemoCommittee[],
): DemoPerson | null {
  switch (source) {
    case 'volunteer':
      return prng.pick(c.volunteers);
    case 'office':
      return prng.chance(0.6) ? c.liaison : prng.pick(c.volunteers.filter((p) => p.role === 'office_worker'));
    case 'self_check':
      return prng.pick([...c.socialWorkers, c.director]);
    case 'mutual_check':
      return prng.pick(prng.pick(all.filter((o) => o !== c)).socialWorkers);
    default:
      return null; // inspectors, patrols, assessors and the hotline are not in our registry
  }
}

function issue(
  prng: Prng,
  c: DemoCommittee,
  registry: DemoRegistry,
  today: string,
  nowMs: number,
): RowValues {
  const site = prng.pick(c.sites);
  const category = prng.pick(CATEGORIES_BY_SITE[site.kind]);
  const source = prng.weighted(SOURCE_WEIGHTS);
  const age = prng.int(0, LEDGER_DAYS - 1);
  const foundDate = addDays(today, -age);
  const foundMs =
    at(foundDate, '07:30') + prng.int(0, age === 0 ? 210 : 630) * MINUTE + prng.int(0, 59) * 1000;
  const deadlineDays = URGENT.includes(category) ? (prng.chance(0.5) ? 0 : prng.int(1, 3)) : prng.int(2, 10);
  let deadline = addDays(foundDate, deadlineDays);
  let status = statusFor(prng, age);
  const assignee =
    status === 'open' && prng.chance(0.2) ? null : prng.pick([...c.socialWorkers, c.director, ...c.cleaners]);
  const recorder = source === 'office' ? c.liaison : prng.pick(c.socialWorkers);
  const createdMs = foundMs + prng.int(1, 30) * MINUTE;

  let rectification: string | null = null;
  let rectifiedMs: number | null = null;
  let closedMs: number | null = null;
  let verifiedBy: DemoPerson | null = null;
  let recheckAt: string | null = null;
  let recurrences = 0;
  if (status !== 'open') rectification = prng.pick(RECTIFICATIONS[category]);
  if (status === 'rectified' || status === 'closed' || status === 'reopened') {
    const dueMs = Math.min(at(deadline, '18:00'), nowMs - HOUR);
    // Most are fixed on time; some late, which the on-time rate should show.
    const earliest = createdMs + 30 * MINUTE;
    rectifiedMs = prng.chance(0.85)
      ? daytime(prng, earliest, dueMs)
      : daytime(prng, Math.max(dueMs, earliest), Math.min(dueMs + 3 * DAY, nowMs - HOUR));
  }
  if ((status === 'closed' || status === 'reopened') && rectifiedMs !== null) {
    closedMs = daytime(prng, rectifiedMs + 20 * MINUTE, Math.min(rectifiedMs + 2 * DAY, nowMs));
    verifiedBy = prng.chance(0.7) ? c.liaison : prng.pick(registry.leaders);
    const closedDate = shanghaiDate(isoShanghai(closedMs)) ?? today;
    const room = daysBetween(closedDate, today);
    if (status === 'reopened' && room < 1) status = 'closed';
    if (status === 'reopened') {
      // Came back at the re-check (回头看): reopened, counted, given a new deadline.
      recheckAt = addDays(closedDate, prng.int(1, Math.min(room, 10)));
      recurrences = prng.chance(0.8) ? 1 : 2;
      deadline = addDays(recheckAt, prng.int(1, 3));
      rectifiedMs = null;
      closedMs = null;
      verifiedBy = null;
    } else if (room >= 7 && prng.chance(0.6)) {
      recheckAt = addDays(closedDate, prng.int(7, Math.min(room, 14)));
      recurrences = prng.chance(0.1) ? 1 : 0;
    }
  }
  const stamps = [createdMs, rectifiedMs ?? 0, closedMs ?? 0, recheckAt ? at(recheckAt, '10:00') : 0];
  const description = prng.pick(ISSUE_DESCRIPTIONS[category]).replace('{n}', String(prng.int(1, 30)));
  return compactRow({
    id: demoId(prng, foundMs),
    committeeId: c.id,
    siteId: site.id,
    category,
    description,
    source,
    foundAt: isoShanghai(foundMs),
    foundBy: finder(prng, source, c, registry.committees)?.id,
    assignee: assignee?.id,
    deadline,
    status,
    rectification,
    rectifiedAt: rectifiedMs === null ? null : isoShanghai(rectifiedMs),
    verifiedBy: verifiedBy?.id,
    closedAt: closedMs === null ? null : isoShanghai(closedMs),
    recheckAt,
    recurrences,
    createdAt: isoShanghai(createdMs),
    createdBy: recorder.id,
    updatedAt: isoShanghai(Math.min(Math.max(...stamps), nowMs)),
  });
}

/** Ledger rows per committee id: 320–380 in all, shared out unevenly like real workloads. */
export function generateLedger(prng: Prng, registry: DemoRegistry, today: string): Map<string, RowValues[]> {
  const nowMs = at(today, '17:00');
  const total = prng.int(320, 380);
  const weights = registry.committees.map(() => 0.6 + prng.next() * 0.8);
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = new Map<string, RowValues[]>();
  registry.committees.forEach((c, i) => {
    const n = Math.round((total * (weights[i] ?? 1)) / sum);
    out.set(
      c.id,
      Array.from({ length: n }, () => issue(prng, c, registry, today, nowMs)),
    );
  });
  parkLongRepairs(out, today);
  return out;
}

/** Repairs no committee deadline can meet: they wait for the district's works budget. */
const PARKED_REASONS: Readonly<Partial<Record<IssueCategory, string>>> = {
  road_damage: '需区建管委统一翻修，已报街道城建科列入年度计划',
  wall_damage: '外墙整体出新需业委会维修资金，已上报待审批',
};

/**
 * The office has parked (挂账) a few repairs that were overdue for over a week: the first
 * open or in-progress road or wall repair of each committee that has one. Chosen without
 * the generator, so every other value of the district stays as it was.
 */
function parkLongRepairs(ledger: Map<string, RowValues[]>, today: string): void {
  for (const rows of ledger.values()) {
    const row = rows.find(
      (r) =>
        (r.status === 'open' || r.status === 'in_progress') &&
        PARKED_REASONS[r.category as IssueCategory] !== undefined &&
        typeof r.deadline === 'string' &&
        daysBetween(r.deadline, today) > 7,
    );
    if (!row) continue;
    row.status = 'parked';
    row.parkedReason = PARKED_REASONS[row.category as IssueCategory] ?? null;
  }
}
