// What the signed-in account may see and change, for the interface: which committees it
// is offered, which route it may open, whether a view is editable, which columns and
// which status changes. All of it asks the shared `roomAccess` / `can` / workflow, so the
// interface offers exactly what the server will accept.
import {
  can,
  checkTransition,
  isLedgerStatus,
  isOffice,
  LEDGER_STATUSES,
  type LedgerStatus,
  nextStatuses,
  OFFICE_ONLY_LEDGER_FIELDS,
  ownCommittee,
  type Principal,
  parseRoomName,
  type RowValues,
  seesWholeDistrict,
  type TableName,
} from '@civic-ledger/shared';
import { DEFAULT_ROUTE, isCommitteeRoute, isHomePath, parseRoute, type Route } from './route.ts';

/** The committees whose ledger and roster the account may open (all of them for the office and managers). */
export function visibleCommittees<T extends { readonly id: string }>(
  p: Principal,
  committees: readonly T[],
): T[] {
  if (seesWholeDistrict(p)) return [...committees];
  return committees.filter((c) => c.id === p.committeeId);
}

/** Whether the "all committees" view is offered (it opens every committee's room). */
export function seesAllCommittees(p: Principal): boolean {
  return seesWholeDistrict(p);
}

/**
 * The first page of an account (the address `/`): a manager reads the live totals for the
 * 16:00 meeting and writes nothing, so the dashboard; a patrol reports from its phone, so
 * the report page; everyone else the issue ledger.
 */
export function homeRoute(p: Principal): Route {
  if (p.role === 'patrol') return { view: 'report' };
  return p.role === 'manager' ? { view: 'dashboard' } : allowedRoute(p, DEFAULT_ROUTE);
}

/** The route an address opens for this account: its first page for `/`. */
export function routeForPath(p: Principal, pathname: string): Route {
  return isHomePath(pathname) ? homeRoute(p) : allowedRoute(p, parseRoute(pathname));
}

/** The route to show instead of one outside the account's rights (a member's own committee). */
export function allowedRoute(p: Principal, route: Route): Route {
  const own = ownCommittee(p);
  if (!isCommitteeRoute(route) || own === null) return route;
  return route.committeeId === own ? route : { view: route.view, committeeId: own };
}

export type ViewAccess = 'write' | 'read' | 'none';

/** A view over several rooms is editable only if every room is; hidden if any is out of reach. */
export function viewAccess(p: Principal, rooms: readonly string[]): ViewAccess {
  let access: ViewAccess = 'write';
  for (const name of rooms) {
    const room = parseRoomName(name);
    if (!room.ok || !can(p, 'read', room.value)) return 'none';
    if (!can(p, 'write', room.value)) access = 'read';
  }
  return access;
}

/** Whether a column may be edited by this account in a writable view. */
export function fieldEditable(p: Principal, table: TableName, key: string): boolean {
  return !(table === 'ledger' && !isOffice(p) && OFFICE_ONLY_LEDGER_FIELDS.includes(key));
}

/** The statuses the status editor offers: the current one, then the moves this account may make. */
export function statusOptions(p: Principal, current: unknown, row: RowValues | null = null): LedgerStatus[] {
  if (!isLedgerStatus(current))
    return LEDGER_STATUSES.map((s) => s.value).filter((s) => checkTransition(p, null, s) === null);
  return [current, ...nextStatuses(p, current, row)];
}

/** Whether this account may see audit trails of a room. */
export function canSeeHistory(p: Principal, room: string): boolean {
  const parsed = parseRoomName(room);
  return parsed.ok && can(p, 'audit', parsed.value);
}
