// What a report request covers and whether its caller may have it: the source (now or a
// snapshot), the committee (members get their own), and the rooms that implies, each
// checked with the shared `can`.
import {
  type Action,
  COMMITTEE_TABLES,
  can,
  committeePart,
  DISTRICT_TABLES,
  type DomainError,
  domainError,
  isCommitteeId,
  ownCommittee,
  type Room,
  type RoomRows,
  refNamesOf,
} from '@civic-ledger/shared';
import type { Account } from '../auth/accounts.ts';
import type { DistrictReader, DistrictSource, DistrictView } from './district-state.ts';

export interface ReportScope {
  readonly source: DistrictSource;
  /** Null: the whole district. */
  readonly committeeId: string | null;
}

export interface ScopeRefusal {
  readonly status: 400 | 403;
  readonly error: DomainError;
}

/** `now` (or absent) or a snapshot id. */
export function parseSource(raw: string | undefined): DistrictSource | null {
  if (raw === undefined || raw === '' || raw === 'now') return 'now';
  return /^[0-9A-Za-z_-]{16,64}$/.test(raw) ? { snapshotId: raw } : null;
}

/** The rooms a scope implies, as names a store may hold (for the permission check). */
function roomsOf(committeeId: string | null): Room[] {
  const rooms: Room[] = DISTRICT_TABLES.map((table) => ({ name: table, table }));
  if (committeeId !== null) {
    for (const table of COMMITTEE_TABLES) rooms.push({ name: `${table}.${committeeId}`, table, committeeId });
  }
  return rooms;
}

/**
 * The scope of a request for `action` (`export` or `read`). A member asking for no
 * committee gets their own; asking for another's is refused, as is the whole district.
 */
export function resolveScope(
  account: Account,
  action: Action,
  query: { snapshot?: string; committee?: string },
): { ok: true; scope: ReportScope } | { ok: false; refusal: ScopeRefusal } {
  const source = parseSource(query.snapshot);
  if (!source) {
    return {
      ok: false,
      refusal: { status: 400, error: domainError('bad_request', '快照编号无效', 'invalid snapshot id') },
    };
  }
  let committeeId = query.committee || null;
  if (committeeId !== null && !isCommitteeId(committeeId)) {
    return {
      ok: false,
      refusal: { status: 400, error: domainError('bad_request', '居民区编号无效', 'invalid committee id') },
    };
  }
  if (committeeId === null) committeeId = ownCommittee(account);
  const forbidden = {
    ok: false as const,
    refusal: {
      status: 403 as const,
      error: domainError('forbidden', '无权查看这些数据', 'no access to this data'),
    },
  };
  // The whole district: asked as for a committee room nobody is a member of ('*' is never a
  // committee id), the answer is the role's right over every committee's rooms.
  if (
    committeeId === null &&
    !can(account, action, { name: 'ledger.*', table: 'ledger', committeeId: '*' })
  ) {
    return forbidden;
  }
  if (!roomsOf(committeeId).every((room) => can(account, action, room))) return forbidden;
  return { ok: true, scope: { source, committeeId } };
}

/** Whether a room belongs in the scope's reading (district tables always: they carry names). */
export function inScope(scope: ReportScope, room: Room): boolean {
  return (
    room.committeeId === undefined || scope.committeeId === null || room.committeeId === scope.committeeId
  );
}

/** The rows the scope shows: for a committee, its rooms and its rows of the registries. */
export function scopedRows(scope: ReportScope, rooms: readonly RoomRows[]): RoomRows[] {
  return scope.committeeId === null ? [...rooms] : committeePart(rooms, scope.committeeId);
}

export interface ScopedRead {
  readonly view: DistrictView;
  /** The rows the scope shows. */
  readonly rooms: readonly RoomRows[];
  /** Names of committees, sites and people of the whole district, for references. */
  readonly names: ReturnType<typeof refNamesOf>;
}

/** Reads the scope's rooms; null when its snapshot does not exist. */
export async function readScope(reader: DistrictReader, scope: ReportScope): Promise<ScopedRead | null> {
  const view = await reader.read(scope.source, (room) => inScope(scope, room));
  if (!view) return null;
  return { view, rooms: scopedRows(scope, view.rooms), names: refNamesOf(view.rooms) };
}

export function snapshotNotFound(): DomainError {
  return domainError('snapshot_not_found', '没有这个快照', 'no such snapshot');
}
