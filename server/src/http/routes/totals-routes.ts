// GET /api/totals: the live totals as JSON, computed by the shared `computeTotals` from
// the current state of the rooms the caller may read (live documents, not the store's lag).
import {
  computeTotals,
  domainError,
  isCommitteeId,
  type Principal,
  parseRoomName,
  roomAccess,
  roomName,
  seesWholeDistrict,
} from '@civic-ledger/shared';
import type { Hono } from 'hono';
import { errorFields, log } from '../../ops/log.ts';
import type { Store } from '../../store/store.ts';
import type { RoomManager } from '../../sync/rooms.ts';
import type { AppEnv } from '../app-env.ts';
import { roomRows } from '../live-rows.ts';

type Scope = { ok: true; committees: 'all' | string[] } | { ok: false };

/**
 * Office roles and managers see the district, or one committee with `?committee=`; a
 * committee member sees their own committee only. Whether a committee may be seen is
 * whether its ledger room may be read (`roomAccess`), so this follows the room rights.
 */
function scopeOf(p: Principal, asked: string | undefined): Scope {
  if (asked === undefined) {
    if (seesWholeDistrict(p)) return { ok: true, committees: 'all' };
    return p.committeeId === null ? { ok: false } : { ok: true, committees: [p.committeeId] };
  }
  const room = isCommitteeId(asked) ? parseRoomName(roomName('ledger', asked)) : null;
  return room?.ok && roomAccess(p, room.value) !== 'none' ? { ok: true, committees: [asked] } : { ok: false };
}

/** Every committee the district knows: the registry and any committee room ever stored. */
async function allCommittees(rooms: RoomManager, store: Store): Promise<string[]> {
  const ids = new Set<string>();
  for (const row of await roomRows(rooms, roomName('committees'))) {
    if (isCommitteeId(row.id)) ids.add(row.id);
  }
  for (const name of await store.listRooms()) {
    const parsed = parseRoomName(name);
    if (parsed.ok && parsed.value.committeeId !== undefined) ids.add(parsed.value.committeeId);
  }
  return [...ids].sort();
}

/** Drops the row id lists (`?ids=0`) for a caller that wants the figures only. */
function withoutIds(key: string, value: unknown): unknown {
  return key === 'ids' || key === 'shiftIds' ? undefined : value;
}

export function mountTotals(app: Hono<AppEnv>, deps: { store: Store; rooms: RoomManager }) {
  app.get('/api/totals', async (c) => {
    const account = c.get('account');
    const scope = scopeOf(account, c.req.query('committee') || undefined);
    if (!scope.ok) {
      return c.json(
        {
          error: domainError(
            'forbidden',
            '无权查看此居民区的统计',
            'no access to the totals of this committee',
          ),
        },
        403,
      );
    }
    try {
      const committees =
        scope.committees === 'all' ? await allCommittees(deps.rooms, deps.store) : scope.committees;
      const [sites, ledgers, rosters] = await Promise.all([
        roomRows(deps.rooms, roomName('sites')),
        Promise.all(committees.map((id) => roomRows(deps.rooms, roomName('ledger', id)))),
        Promise.all(committees.map((id) => roomRows(deps.rooms, roomName('roster', id)))),
      ]);
      const inScope = new Set(committees);
      const totals = computeTotals({
        ledger: ledgers.flat(),
        roster: rosters.flat(),
        sites: scope.committees === 'all' ? sites : sites.filter((s) => inScope.has(String(s.committeeId))),
        now: new Date(),
      });
      const body = { ...totals, committees };
      const json = c.req.query('ids') === '0' ? JSON.stringify(body, withoutIds) : JSON.stringify(body);
      return c.body(json, 200, { 'content-type': 'application/json; charset=utf-8' });
    } catch (err) {
      log.error('totals failed', { user: account.username, ...errorFields(err) });
      return c.json(
        {
          error: domainError(
            'totals_unavailable',
            '暂时无法统计，请稍后再试',
            'totals are unavailable: try again',
          ),
        },
        503,
      );
    }
  });
}
