// The demo district's registries: 16 committees, 68 sites and a few hundred people, kept
// as typed records so the ledger and roster generators can draw consistent references.

import { encodeRowId } from '../core/ids.ts';
import type { Prng } from '../core/prng.ts';
import { addDays, parseIsoDateTime, shanghaiDateTime } from '../core/time.ts';
import type { CellValue, RowValues } from '../schema/fields.ts';
import type { PersonRole } from '../schema/people-schema.ts';
import type { SiteKind } from '../schema/sites-schema.ts';
import { COMPOUND_SUFFIXES, DEMO_COMMITTEES, DEMO_ROADS, GIVEN_NAME_CHARS, SURNAMES } from './demo-names.ts';

export interface DemoPerson {
  readonly id: string;
  readonly name: string;
  readonly role: PersonRole;
  readonly committeeId: string | null;
  readonly phone: string;
  readonly volunteer: boolean;
}

export interface DemoSite {
  readonly id: string;
  readonly name: string;
  readonly kind: SiteKind;
  readonly committeeId: string;
  readonly address: string;
}

export interface DemoCommittee {
  readonly id: string;
  readonly name: string;
  readonly sites: DemoSite[];
  readonly secretary: DemoPerson;
  readonly director: DemoPerson;
  readonly socialWorkers: DemoPerson[];
  /** Resident volunteers and the office workers paired with this committee. */
  readonly volunteers: DemoPerson[];
  readonly guards: DemoPerson[];
  readonly cleaners: DemoPerson[];
  readonly liaison: DemoPerson;
}

export interface DemoRegistry {
  readonly committees: DemoCommittee[];
  readonly people: DemoPerson[];
  readonly leaders: DemoPerson[];
}

/** Epoch milliseconds of a Shanghai date and `HH:MM`. */
export function at(date: string, time: string): number {
  const ms = parseIsoDateTime(shanghaiDateTime(date, time));
  if (ms === null) throw new RangeError(`bad instant ${date} ${time}`);
  return ms;
}

/** A reproducible ULID made at `timeMs`. */
export function demoId(prng: Prng, timeMs: number): string {
  return encodeRowId(timeMs, prng.bytes(10));
}

/** A row without its null and undefined fields (absent means null). */
export function compactRow(values: Record<string, CellValue | undefined>): RowValues {
  const row: RowValues = {};
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== null) row[key] = value;
  return row;
}

export function shuffle<T>(prng: Prng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

// Extra sites beyond two compounds and an activity room per committee: 16 × 3 + 20 = 68.
const EXTRA_SITE_KINDS: readonly SiteKind[] = [
  ...Array<SiteKind>(6).fill('main_street'),
  ...Array<SiteKind>(6).fill('back_street'),
  ...Array<SiteKind>(4).fill('key_crossing'),
  ...Array<SiteKind>(4).fill('market'),
];
const BACK_STREET_SUFFIXES = ['后街', '支路', '小弄', '横街'];

export function generateRegistry(prng: Prng, today: string): DemoRegistry {
  // Registry rows were "entered" two months ago, a millisecond apart, so their ids sort.
  let clock = at(addDays(today, -60), '08:00');
  const newId = (): string => demoId(prng, clock++);
  const people: DemoPerson[] = [];
  const person = (role: PersonRole, committeeId: string | null, volunteer = false): DemoPerson => {
    const given = prng.chance(0.3)
      ? prng.pick(GIVEN_NAME_CHARS)
      : prng.pick(GIVEN_NAME_CHARS) + prng.pick(GIVEN_NAME_CHARS);
    const digits = Array.from({ length: 9 }, () => prng.int(0, 9)).join('');
    const p = {
      id: newId(),
      name: prng.pick(SURNAMES) + given,
      role,
      committeeId,
      volunteer,
      phone: `1${prng.pick(['3', '5', '7', '8', '9'])}${digits}`,
    };
    people.push(p);
    return p;
  };
  const number = (): number => prng.int(1, 999);
  const stretch = (road: string): string => {
    const [from, to] = [number(), number()].sort((a, b) => a - b);
    return `${road}${from}号至${to}号`;
  };

  const committees: DemoCommittee[] = DEMO_COMMITTEES.map(([id, short], index) => {
    const road = DEMO_ROADS[index % DEMO_ROADS.length] ?? '文明路';
    const [first, second] = shuffle(prng, COMPOUND_SUFFIXES);
    const site = (name: string, kind: SiteKind, address: string): DemoSite => ({
      id: newId(),
      name,
      kind,
      committeeId: id,
      address,
    });
    const sites = [
      site(`${short}${first}`, 'residential_compound', `${road}${number()}弄`),
      site(`${short}${second}`, 'residential_compound', `${road}${number()}弄`),
      site(`${short}社区活动室`, 'activity_room', `${road}${number()}号`),
    ];
    const volunteers = Array.from({ length: prng.int(12, 16) }, () => person('resident', id, true));
    return {
      id,
      name: `${short}居民区`,
      sites,
      secretary: person('secretary', id),
      director: person('director', id),
      socialWorkers: Array.from({ length: 3 }, () => person('social_worker', id)),
      volunteers,
      guards: [person('guard', id), person('guard', id)],
      cleaners: [person('cleaner', id), person('cleaner', id)],
      liaison: person('liaison', id, true),
    };
  });

  // Office workers volunteer on the committee they are paired with.
  for (const committee of committees) {
    for (let i = prng.int(2, 3); i > 0; i--)
      committee.volunteers.push(person('office_worker', committee.id, true));
  }
  const leaders = Array.from({ length: 4 }, () => person('leader', null));

  const hosts = shuffle(prng, committees);
  EXTRA_SITE_KINDS.forEach((kind, k) => {
    const host = hosts[k % hosts.length] as DemoCommittee;
    const index = committees.indexOf(host);
    const short = DEMO_COMMITTEES[index]?.[1] ?? '';
    const road = DEMO_ROADS[index % DEMO_ROADS.length] ?? '';
    const cross = DEMO_ROADS[(index + 1 + (k % 5)) % DEMO_ROADS.length] ?? '';
    const other = DEMO_ROADS[(index + 7 + (k % 3)) % DEMO_ROADS.length] ?? '';
    const taken = new Set(host.sites.map((s) => s.name));
    const named = (...names: string[]): string => names.find((n) => !taken.has(n)) ?? `${names[0]}（${k}）`;
    const [name, address] =
      kind === 'main_street'
        ? [named(`${road}（${cross}至${other}段）`, `${cross}（${road}至${other}段）`), stretch(road)]
        : kind === 'back_street'
          ? [named(...BACK_STREET_SUFFIXES.map((s) => `${short}${s}`)), `${road}${number()}弄`]
          : kind === 'key_crossing'
            ? [named(`${road}/${cross}路口`, `${road}/${other}路口`), `${road}与${cross}交叉口`]
            : [named(`${short}农贸市场`, `${short}菜场`), `${road}${number()}号`];
    host.sites.push({ id: newId(), name, kind, committeeId: host.id, address });
  });

  return { committees, people, leaders };
}

export function committeeRows(registry: DemoRegistry): RowValues[] {
  return registry.committees.map((c) =>
    compactRow({ id: c.id, name: c.name, secretary: c.secretary.id, director: c.director.id }),
  );
}

/**
 * A plausible position of a demo site, without drawing from the generator (so every other
 * demo value stays as it was): the committees on a 4 × 4 grid about 650 m apart around a
 * sub-district in central Shanghai, each committee's sites a short walk from each other.
 */
function demoPosition(committeeIndex: number, siteIndex: number): { lat: number; lng: number } {
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
    lat: round(31.2215 + Math.floor(committeeIndex / 4) * 0.0058 + (siteIndex % 3) * 0.0011),
    lng: round(121.4605 + (committeeIndex % 4) * 0.0068 + Math.floor(siteIndex / 3) * 0.0013),
  };
}

export function siteRows(registry: DemoRegistry): RowValues[] {
  return registry.committees.flatMap((c, ci) =>
    c.sites.map((s, si) => compactRow({ ...s, ...demoPosition(ci, si) })),
  );
}

export function personRows(registry: DemoRegistry): RowValues[] {
  return registry.people.map((p) => compactRow({ ...p }));
}
