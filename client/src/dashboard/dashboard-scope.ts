// Which committees the live totals cover for an account, and which rooms that means: the
// committees whose ledger room the account may read (a member: its own; the office and
// managers: every committee in the registry) and their rosters. Which sites count is the
// shared `sitesInScope`.
import {
  can,
  isCommitteeId,
  type Principal,
  parseRoomName,
  roomName,
  seesWholeDistrict,
} from '@civic-ledger/shared';

export interface DashboardScope {
  /** Committee ids in scope, sorted. */
  readonly committees: readonly string[];
  /** Whether the account sees the whole district (then every site counts for coverage). */
  readonly wholeDistrict: boolean;
  readonly ledgerRooms: readonly string[];
  readonly rosterRooms: readonly string[];
}

function mayRead(p: Principal, room: string): boolean {
  const parsed = parseRoomName(room);
  return parsed.ok && can(p, 'read', parsed.value);
}

/** The scope for `p`, given the committee ids the registry lists (an account's own committee counts too). */
export function dashboardScope(p: Principal, registryIds: readonly string[]): DashboardScope {
  const candidates = new Set(registryIds.filter(isCommitteeId));
  if (p.committeeId !== null && isCommitteeId(p.committeeId)) candidates.add(p.committeeId);
  const committees = [...candidates].filter((id) => mayRead(p, roomName('ledger', id))).sort();
  return {
    committees,
    wholeDistrict: seesWholeDistrict(p),
    ledgerRooms: committees.map((id) => roomName('ledger', id)),
    rosterRooms: committees.map((id) => roomName('roster', id)).filter((room) => mayRead(p, room)),
  };
}
