import { describe, expect, it } from 'vitest';
import { issueCode } from '../core/ids.ts';
import type { LiaisonDay } from '../reports/liaison-report.ts';
import { liaisonSheet } from './liaison-sheet.ts';

const A = '01JD0000000000000000000001';
const B = '01JD0000000000000000000002';

const day: LiaisonDay = {
  personId: 'PERSON-WANG00000',
  name: '=王芳',
  committeeId: 'taoyuan',
  date: '2026-03-02',
  found: [A],
  resolved: [],
  unresolved: [A, B],
};

describe('liaison sheet', () => {
  it('has a header and one row per liaison with counts and issue codes, the unresolved included', () => {
    const sheet = liaisonSheet([day], { committee: new Map([['taoyuan', '桃园居委']]) });
    const rows = [...sheet.rows()];
    expect(sheet.rowCount).toBe(1);
    expect(rows[0]?.map((c) => c.text)).toEqual([
      '联络员',
      '居民区',
      '日期',
      '当日发现',
      '发现的问题',
      '本人销账',
      '销账的问题',
      '未销账',
      '未销账的问题',
    ]);
    const cells = rows[1] ?? [];
    // A name that looks like a formula is written as text.
    expect(cells[0]?.text).toBe("'=王芳");
    expect(cells[1]?.text).toBe('桃园居委');
    expect(cells[2]).toMatchObject({ type: 'date', text: '2026-03-02' });
    expect(cells[3]).toMatchObject({ type: 'number', value: 1 });
    expect(cells[4]?.text).toBe(issueCode(A));
    expect(cells[5]).toMatchObject({ type: 'number', value: 0 });
    expect(cells[6]).toMatchObject({ type: 'empty' });
    expect(cells[7]).toMatchObject({ type: 'number', value: 2 });
    expect(cells[8]?.text).toBe(`${issueCode(A)}、${issueCode(B)}`);
  });

  it('speaks English when asked', () => {
    const rows = [...liaisonSheet([day], {}, 'en').rows()];
    expect(rows[0]?.[7]?.text).toBe('Unresolved');
    expect(rows[1]?.[1]?.text).toBe('taoyuan');
  });
});
