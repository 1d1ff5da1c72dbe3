// The app's routes as paths, so a view can be bookmarked and reloaded offline:
// /ledger/all, /ledger/<committeeId>, /roster/<committeeId>, /sites, /committees,
// /report (the phone report page), /dashboard (the office's live totals), /coverage (duty coverage, liaison report, re-checks)
// and /snapshots (snapshots, compare, exports), /snapshots/<id> (one snapshot, read-only).
import { isCommitteeId, roomName } from '@civic-ledger/shared';

export interface CommitteeRoute {
  readonly view: 'ledger' | 'roster';
  /** A committee id, or 'all' for the office's view over every committee. */
  readonly committeeId: string;
}
export type TableRoute = CommitteeRoute | { readonly view: 'sites' | 'committees' };
/** The snapshots page; with `snapshotId`, that snapshot opened read-only. */
export type SnapshotsRoute = { readonly view: 'snapshots'; readonly snapshotId?: string };
/** Pages that are not one table: live totals, duty coverage, snapshots. */
export type PageRoute = { readonly view: 'dashboard' | 'coverage' | 'report' } | SnapshotsRoute;
export type Route = TableRoute | PageRoute;

/** Snapshot ids are ULIDs; the server accepts ids of this shape. */
const SNAPSHOT_ID = /^[0-9A-Za-z_-]{16,64}$/;

export function isCommitteeRoute(route: Route): route is CommitteeRoute {
  return 'committeeId' in route;
}

export function isTableRoute(route: Route): route is TableRoute {
  return (
    route.view !== 'dashboard' &&
    route.view !== 'coverage' &&
    route.view !== 'snapshots' &&
    route.view !== 'report'
  );
}

export const DEFAULT_ROUTE: Route = { view: 'ledger', committeeId: 'all' };

/** The address with no page in it: each account's first page. */
export function isHomePath(pathname: string): boolean {
  return pathname.split('/').every((part) => part === '');
}

export function parseRoute(pathname: string): Route {
  const [view, committee] = pathname.split('/').filter((part) => part !== '');
  if (view === 'sites' || view === 'committees') return { view };
  if (view === 'snapshots' && committee !== undefined && SNAPSHOT_ID.test(committee))
    return { view, snapshotId: committee };
  if (view === 'dashboard' || view === 'coverage' || view === 'snapshots' || view === 'report')
    return { view };
  if (view === 'ledger' || view === 'roster') {
    if (committee === undefined || committee === 'all') return { view, committeeId: 'all' };
    if (isCommitteeId(committee)) return { view, committeeId: committee };
  }
  return DEFAULT_ROUTE;
}

export function routePath(route: Route): string {
  if (route.view === 'snapshots' && route.snapshotId !== undefined) return `/snapshots/${route.snapshotId}`;
  return isCommitteeRoute(route) ? `/${route.view}/${route.committeeId}` : `/${route.view}`;
}

/** The rooms a route shows; `committees` lists every committee id (for "all"). */
export function routeRooms(route: TableRoute, committees: readonly string[]): string[] {
  if (!isCommitteeRoute(route)) return [route.view];
  const table = route.view;
  const ids = route.committeeId === 'all' ? committees : [route.committeeId];
  return ids.map((id) => roomName(table, id));
}

/** The query parameter naming a row for a table page to show and focus. */
export const ROW_PARAM = 'row';

/** The address of a row in its committee's ledger (the page focuses it). */
export function ledgerRowPath(committeeId: string, rowId: string): string {
  const committee = isCommitteeId(committeeId) ? committeeId : 'all';
  return `/ledger/${committee}?${ROW_PARAM}=${encodeURIComponent(rowId)}`;
}

/** Goes to an address of the app without reloading the page (the app follows popstate). */
export function openInApp(href: string): void {
  history.pushState(null, '', href);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
