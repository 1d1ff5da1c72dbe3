import { describe, expect, it } from 'vitest';
import { parseRoute, routePath, routeRooms } from './route.ts';

describe('routes', () => {
  it('reads and writes every view', () => {
    for (const path of ['/ledger/all', '/ledger/taoyuan', '/roster/hexi', '/sites', '/committees']) {
      expect(routePath(parseRoute(path))).toBe(path);
    }
  });

  it('falls back to every committee’s ledger for unknown paths', () => {
    expect(routePath(parseRoute('/'))).toBe('/ledger/all');
    expect(routePath(parseRoute('/nope/x'))).toBe('/ledger/all');
    expect(routePath(parseRoute('/ledger/Bad_Id'))).toBe('/ledger/all');
  });

  it('the office view opens one room per committee', () => {
    expect(routeRooms(parseRoute('/ledger/all'), ['a', 'b'])).toEqual(['ledger.a', 'ledger.b']);
    expect(routeRooms(parseRoute('/roster/a'), ['a', 'b'])).toEqual(['roster.a']);
    expect(routeRooms(parseRoute('/sites'), ['a'])).toEqual(['sites']);
  });
});
