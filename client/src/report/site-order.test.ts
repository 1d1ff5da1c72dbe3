// The report page's site order: search by name or address, recent first, then nearest.
import { describe, expect, it } from 'vitest';
import { distanceMetres, orderSites, type PickSite, withRecent } from './site-order.ts';

function site(id: string, name: string, address: string, lat: number | null, lng: number | null): PickSite {
  return { id, name, address, committeeId: 'taoyuan', lat, lng };
}

const sites = [
  site('a', '桃源一村', '文明路12弄', 31.23, 121.47),
  site('b', '桃源二村', '和谐路5弄', 31.24, 121.48),
  site('c', '桃源社区活动室', '文明路30号', null, null),
  site('d', '幸福菜场', '幸福路8号', 31.2301, 121.4701),
];

describe('site order', () => {
  it('finds sites by a part of the name or of the address', () => {
    expect(orderSites(sites, '二村', [], null).map((s) => s.id)).toEqual(['b']);
    expect(
      orderSites(sites, '文明路', [], null)
        .map((s) => s.id)
        .sort(),
    ).toEqual(['a', 'c']);
  });

  it('puts recent sites first, then the nearest, sites without a position last', () => {
    const here = { lat: 31.2302, lng: 121.4702 };
    expect(orderSites(sites, '', ['c'], here).map((s) => s.id)).toEqual(['c', 'd', 'a', 'b']);
  });

  it('keeps the recent list short with the newest first', () => {
    expect(withRecent(['a', 'b', 'c'], 'b', 3)).toEqual(['b', 'a', 'c']);
    expect(withRecent(['a', 'b', 'c'], 'd', 3)).toEqual(['d', 'a', 'b']);
  });

  it('measures about 1.1 km for a hundredth of a degree of latitude', () => {
    const d = distanceMetres({ lat: 31.23, lng: 121.47 }, { lat: 31.24, lng: 121.47 });
    expect(d).toBeGreaterThan(1_100);
    expect(d).toBeLessThan(1_120);
  });
});
