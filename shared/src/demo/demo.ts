// The demo district seeded into an empty store: a pure, deterministic function of a seed
// and a date, giving each room's rows under the contract's room names.

import { createPrng } from '../core/prng.ts';
import { isIsoDate } from '../core/time.ts';
import type { RowValues } from '../schema/fields.ts';
import type { TableName } from '../schema/table-schema.ts';
import { checksRoomName, roomName } from '../sync/rooms.ts';
import { generateCheckRound } from './demo-checks.ts';
import { generateLedger } from './demo-ledger.ts';
import { committeeRows, generateRegistry, personRows, siteRows } from './demo-registry.ts';
import { generateRosters } from './demo-roster.ts';

export interface DemoRoom {
  readonly room: string;
  readonly table: TableName;
  readonly rows: readonly RowValues[];
  /** Meta entries beyond the table's own (a check round's round and checklists). */
  readonly meta?: Readonly<Record<string, unknown>>;
}

export interface DemoDistrict {
  readonly rooms: readonly DemoRoom[];
}

export interface DemoOptions {
  /** Any integer; the same seed and `today` always give the same district. */
  readonly seed: number;
  /** The Shanghai date the district is seen from, `YYYY-MM-DD` (see `todayInShanghai`). */
  readonly today: string;
}

/**
 * 16 committees, 68 sites, a few hundred people, 320–380 issues over the last six weeks
 * and a week of rosters. Every row passes `validateRow` for its table.
 */
export function generateDemoDistrict({ seed, today }: DemoOptions): DemoDistrict {
  if (!isIsoDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${today}`);
  const prng = createPrng(seed);
  const registry = generateRegistry(prng, today);
  const ledger = generateLedger(prng, registry, today);
  const rosters = generateRosters(prng, registry, today);
  const rooms: DemoRoom[] = [
    { room: roomName('committees'), table: 'committees', rows: committeeRows(registry) },
    { room: roomName('sites'), table: 'sites', rows: siteRows(registry) },
    { room: roomName('people'), table: 'people', rows: personRows(registry) },
  ];
  for (const { id } of registry.committees) {
    rooms.push({ room: roomName('ledger', id), table: 'ledger', rows: ledger.get(id) ?? [] });
    rooms.push({ room: roomName('roster', id), table: 'roster', rows: rosters.get(id) ?? [] });
  }
  // Its own generator, so the round leaves the rest of the district as it was for a seed.
  const round = generateCheckRound(createPrng(seed + 1), registry, today);
  rooms.push({ room: checksRoomName(round.roundId), table: 'checks', rows: round.rows, meta: round.meta });
  return { rooms };
}
