// Demo duty rosters for a week around today: every site in three daily slots, with the
// liaisons, guards, cleaners and leaders on duty, a few gaps and a few double bookings.

import type { Prng } from '../core/prng.ts';
import { addDays } from '../core/time.ts';
import type { RowValues } from '../schema/fields.ts';
import type { RosterRole, RosterStatus } from '../schema/roster-schema.ts';
import { ABSENCE_NOTES } from './demo-names.ts';
import {
  at,
  compactRow,
  type DemoCommittee,
  type DemoPerson,
  type DemoRegistry,
  demoId,
} from './demo-registry.ts';

export const ROSTER_SLOTS: readonly (readonly [string, string])[] = [
  ['07:00', '09:00'],
  ['09:00', '11:30'],
  ['14:00', '17:00'],
];
/** The roster week: two days back (with attendance) to four days ahead. */
const FIRST_DAY = -2;
const DAYS = 7;
const GAP_PROBABILITY = 0.04;
const DOUBLE_BOOKINGS = 5;

interface Slot {
  readonly date: string;
  readonly start: string;
  readonly end: string;
}

function statusFor(prng: Prng, slot: Slot, today: string): RosterStatus {
  const past = slot.date < today || (slot.date === today && slot.end <= '12:00');
  if (!past) return 'scheduled';
  return prng.weighted([
    ['checked_in', 90],
    ['absent', 6],
    ['swapped', 4],
  ]);
}

export function generateRosters(prng: Prng, registry: DemoRegistry, today: string): Map<string, RowValues[]> {
  const out = new Map<string, RowValues[]>(registry.committees.map((c) => [c.id, []]));
  // Rosters were drawn up three days before the week starts; ids sort in drawing order.
  let clock = at(addDays(today, FIRST_DAY - 3), '16:00');
  const busy = new Set<string>();
  const book = (
    c: DemoCommittee,
    siteId: string,
    slot: Slot,
    role: RosterRole,
    person: DemoPerson,
  ): RowValues => {
    busy.add(`${person.id} ${slot.date} ${slot.start}`);
    const status = statusFor(prng, slot, today);
    const note =
      status === 'absent'
        ? prng.pick(ABSENCE_NOTES)
        : status === 'swapped'
          ? `与${prng.pick(c.volunteers).name}调班`
          : undefined;
    const row = compactRow({
      id: demoId(prng, clock++),
      committeeId: c.id,
      ...slot,
      siteId,
      role,
      person: person.id,
      phone: person.phone,
      status,
      note,
    });
    out.get(c.id)?.push(row);
    return row;
  };
  const volunteerRows: { c: DemoCommittee; slot: Slot; siteId: string; row: RowValues }[] = [];

  for (let d = 0; d < DAYS; d++) {
    const date = addDays(today, FIRST_DAY + d);
    const [morning, midday, afternoon] = ROSTER_SLOTS.map(([start, end]) => ({ date, start, end }));
    if (!morning || !midday || !afternoon) continue;
    registry.committees.forEach((c, index) => {
      const [first] = c.sites;
      if (!first) return;
      book(c, first.id, midday, 'liaison', c.liaison);
      if (index === d % registry.committees.length)
        book(c, first.id, afternoon, 'leader_on_duty', prng.pick(registry.leaders));
      c.sites
        .filter((s) => s.kind === 'residential_compound')
        .forEach((s, k) => {
          const cleaner = c.cleaners[k % c.cleaners.length];
          const guard = c.guards[k % c.guards.length];
          if (cleaner) book(c, s.id, morning, 'cleaner', cleaner);
          if (guard) book(c, s.id, afternoon, 'guard', guard);
        });
      for (const site of c.sites) {
        for (const slot of [morning, midday, afternoon]) {
          if (prng.chance(GAP_PROBABILITY)) continue; // a gap the office must see and fill
          const free = c.volunteers.filter((p) => !busy.has(`${p.id} ${slot.date} ${slot.start}`));
          if (free.length === 0) continue;
          const row = book(c, site.id, slot, 'volunteer', prng.pick(free));
          volunteerRows.push({ c, slot, siteId: site.id, row });
        }
      }
    });
  }

  // A few people booked at two sites at once, as happens when two sheets are merged by hand.
  for (let made = 0, tries = 0; made < DOUBLE_BOOKINGS && tries < 100; tries++) {
    const { c, slot, siteId, row } = prng.pick(volunteerRows);
    const elsewhere = c.sites.filter((s) => s.id !== siteId);
    const person = c.volunteers.find((p) => p.id === row.person);
    if (elsewhere.length === 0 || !person) continue;
    book(c, prng.pick(elsewhere).id, slot, 'volunteer', person);
    made++;
  }
  return out;
}
