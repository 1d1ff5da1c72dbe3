import { describe, expect, it } from 'vitest';
import { encodeRowId, isCommitteeId, isRowId, issueCode, isUlid, newRowId, rowIdTime } from './ids.ts';

describe('row ids', () => {
  it('are 26-character Crockford base32 ULIDs carrying the current time', () => {
    const before = Date.now();
    const id = newRowId();
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(isUlid(id)).toBe(true);
    expect(rowIdTime(id)).toBeGreaterThanOrEqual(before);
    expect(rowIdTime(id)).toBeLessThanOrEqual(Date.now());
  });

  it('made in a burst are all different and sort in the order they were made', () => {
    const ids = Array.from({ length: 20_000 }, () => newRowId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('sort by time across milliseconds whatever their random part', () => {
    const late = encodeRowId(1_772_400_000_001, new Uint8Array(10));
    const early = encodeRowId(1_772_400_000_000, new Uint8Array(10).fill(255));
    expect(early < late).toBe(true);
    expect(rowIdTime(early)).toBe(1_772_400_000_000);
    expect(early.endsWith('ZZZZZZZZZZZZZZZZ')).toBe(true);
  });

  it('accept ULIDs and 16+ URL-safe characters, and refuse anything else', () => {
    expect(isRowId(newRowId())).toBe(true);
    expect(isRowId('a1b2c3d4e5f6g7h8')).toBe(true);
    expect(isRowId('short-id')).toBe(false);
    expect(isRowId('has space in the middle')).toBe(false);
    expect(isRowId('x'.repeat(65))).toBe(false);
    expect(isRowId(42)).toBe(false);
    expect(isUlid('a1b2c3d4e5f6g7h8')).toBe(false);
    expect(rowIdTime('a1b2c3d4e5f6g7h8')).toBeNull();
  });
});

describe('committee ids', () => {
  it('are lower-case letters, digits and hyphens, 1 to 32 characters, not starting with a hyphen', () => {
    expect(isCommitteeId('taoyuan')).toBe(true);
    expect(isCommitteeId('no-2')).toBe(true);
    expect(isCommitteeId('a'.repeat(32))).toBe(true);
    expect(isCommitteeId('a'.repeat(33))).toBe(false);
    expect(isCommitteeId('-taoyuan')).toBe(false);
    expect(isCommitteeId('Bad_Id')).toBe(false);
    expect(isCommitteeId('')).toBe(false);
  });
});

describe('issue codes', () => {
  it('read as the Shanghai month and day the issue was made and four characters of its id', () => {
    // 2026-03-01T16:30:00Z is 2026-03-02 00:30 in Shanghai.
    const id = encodeRowId(Date.parse('2026-03-01T16:30:00Z'), new Uint8Array(10).fill(7));
    expect(issueCode(id)).toBe(`0302-${id.slice(-4)}`);
    expect(issueCode('outside-script-id-0001')).toBe('D-0001');
  });
});
