import { describe, expect, it } from 'vitest';
import { isTableRoute, parseRoute, routePath, routeRooms, type TableRoute } from './route.ts';

function tableRoute(path: string): TableRoute {
  const route = parseRoute(path);
  if (!isTableRoute(route)) throw new Error(`${path} is not a table`);
  return route;
}

describe('routes', () => {
  it('reads and writes every view', () => {
    for (const path of [
      '/ledger/all',
      '/ledger/taoyuan',
      '/roster/hexi',
      '/sites',
      '/committees',
      '/dashboard',
      '/coverage',
      '/snapshots',
      '/snapshots/01JDX4Q0S6W7N5Y2B3C4D5E6F7',
    ]) {
      expect(routePath(parseRoute(path))).toBe(path);
    }
  });

  it('falls back to every committee’s ledger for unknown paths', () => {
    expect(routePath(parseRoute('/'))).toBe('/ledger/all');
    expect(routePath(parseRoute('/nope/x'))).toBe('/ledger/all');
    expect(routePath(parseRoute('/ledger/Bad_Id'))).toBe('/ledger/all');
    expect(routePath(parseRoute('/snapshots/x'))).toBe('/snapshots');
  });

  it('the office view opens one room per committee', () => {
    expect(routeRooms(tableRoute('/ledger/all'), ['a', 'b'])).toEqual(['ledger.a', 'ledger.b']);
    expect(routeRooms(tableRoute('/roster/a'), ['a', 'b'])).toEqual(['roster.a']);
    expect(routeRooms(tableRoute('/sites'), ['a'])).toEqual(['sites']);
  });
});
