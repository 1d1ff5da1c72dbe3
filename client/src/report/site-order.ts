// The order of sites in the report page's picker: those matching the search (name or
// address), recently used first, then the nearest when the phone gave a position, then by name.

export interface PickSite {
  readonly id: string;
  readonly name: string;
  readonly address: string;
  readonly committeeId: string;
  readonly lat: number | null;
  readonly lng: number | null;
}

export interface Position {
  readonly lat: number;
  readonly lng: number;
}

/** Distance in metres on a sphere (haversine); plenty for "which compound is nearer". */
export function distanceMetres(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function matches(site: PickSite, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  return site.name.toLowerCase().includes(q) || site.address.toLowerCase().includes(q);
}

/**
 * The sites to offer: matching `query`, recent ones (in `recent` order) first, then by
 * distance from `here` (sites without a position after those with one), then by name.
 */
export function orderSites(
  sites: readonly PickSite[],
  query: string,
  recent: readonly string[],
  here: Position | null,
): PickSite[] {
  const rank = new Map(recent.map((id, i) => [id, i]));
  const distance = (s: PickSite) =>
    here && s.lat !== null && s.lng !== null ? distanceMetres(here, { lat: s.lat, lng: s.lng }) : Infinity;
  return sites
    .filter((s) => matches(s, query))
    .map((s) => ({ s, r: rank.get(s.id) ?? Infinity, d: distance(s) }))
    .sort((a, b) => a.r - b.r || a.d - b.d || a.s.name.localeCompare(b.s.name, 'zh-CN'))
    .map((x) => x.s);
}

/** The recent list after using `id`: it goes first, at most `limit` kept. */
export function withRecent(recent: readonly string[], id: string, limit = 8): string[] {
  return [id, ...recent.filter((r) => r !== id)].slice(0, limit);
}
