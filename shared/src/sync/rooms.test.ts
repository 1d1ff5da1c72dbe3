import { describe, expect, it } from 'vitest';
import { parseRoomName, roomName } from './rooms.ts';

describe('room names', () => {
  it('parse the district rooms and per-committee rooms', () => {
    expect(parseRoomName('committees')).toEqual({
      ok: true,
      value: { name: 'committees', table: 'committees' },
    });
    expect(parseRoomName('people')).toEqual({ ok: true, value: { name: 'people', table: 'people' } });
    expect(parseRoomName('ledger.taoyuan')).toEqual({
      ok: true,
      value: { name: 'ledger.taoyuan', table: 'ledger', committeeId: 'taoyuan' },
    });
    expect(parseRoomName(`roster.${'a'.repeat(32)}`).ok).toBe(true);
  });

  it('refuse malformed names with the reason as a code', () => {
    const codes = Object.fromEntries(
      [
        'ledger.Bad_Id',
        'ledger.',
        'ledger',
        'unknown',
        '',
        `ledger.${'a'.repeat(33)}`,
        'sites.taoyuan',
        'ledger.-x',
        'ledger.a.b',
        'Ledger.taoyuan',
      ].map((name) => {
        const result = parseRoomName(name);
        return [name, result.ok ? 'ok' : result.error.code];
      }),
    );
    expect(codes).toEqual({
      'ledger.Bad_Id': 'room_committee_invalid',
      'ledger.': 'room_committee_missing',
      ledger: 'room_committee_missing',
      unknown: 'room_unknown_table',
      '': 'room_unknown_table',
      [`ledger.${'a'.repeat(33)}`]: 'room_committee_invalid',
      'sites.taoyuan': 'room_committee_unexpected',
      'ledger.-x': 'room_committee_invalid',
      'ledger.a.b': 'room_committee_invalid',
      'Ledger.taoyuan': 'room_unknown_table',
    });
  });

  it('are made from a table and committee and parse back to them', () => {
    expect(roomName('sites')).toBe('sites');
    const name = roomName('roster', 'hehuachi');
    expect(name).toBe('roster.hehuachi');
    expect(parseRoomName(name)).toEqual({
      ok: true,
      value: { name, table: 'roster', committeeId: 'hehuachi' },
    });
    expect(() => roomName('ledger', 'Bad_Id')).toThrow(RangeError);
  });

  it('shorten an overlong name when they echo it back', () => {
    const result = parseRoomName(`x${'y'.repeat(10_000)}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.en.length).toBeLessThan(120);
  });
});
