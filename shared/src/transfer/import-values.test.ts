import { describe, expect, it } from 'vitest';
import { type FieldDef, fieldByKey } from '../schema/fields.ts';
import { ledgerSchema } from '../schema/ledger-schema.ts';
import { peopleSchema } from '../schema/people-schema.ts';
import { rosterSchema } from '../schema/roster-schema.ts';
import { parseSheetDate, parseTimeText, readCell } from './import-values.ts';

function field(schema: { fields: readonly FieldDef[] }, key: string): FieldDef {
  const f = fieldByKey(schema, key);
  if (!f) throw new Error(key);
  return f;
}

describe('reading sheet cells', () => {
  it('reads the dates committees write', () => {
    for (const text of [
      '2020年5月11日',
      '2020 年 5 月 11 号',
      '2020/5/11',
      '2020-05-11',
      '2020.5.11',
      '20200511',
    ]) {
      expect(parseSheetDate(text)).toEqual({ date: '2020-05-11' });
    }
    expect(parseSheetDate('２０２０／５／１１')).toEqual({ date: '2020-05-11' });
    expect(parseSheetDate('2020年5月11日 14:30')).toEqual({ date: '2020-05-11', time: '14:30' });
    expect(parseSheetDate('2020/5/11 8点30分')).toEqual({ date: '2020-05-11', time: '08:30' });
  });

  it('reads Excel serial dates, as numbers or as text', () => {
    expect(parseSheetDate(43962)).toEqual({ date: '2020-05-11' });
    expect(parseSheetDate(43962.75)).toEqual({ date: '2020-05-11', time: '18:00' });
    expect(parseSheetDate('43962')).toEqual({ date: '2020-05-11' });
  });

  it('refuses dates that do not exist or are not dates', () => {
    for (const text of ['2020年2月30日', '2020/13/1', '5月11日', 'next week', '12']) {
      expect(parseSheetDate(text)).toBeNull();
    }
  });

  it('reads times of day', () => {
    expect(parseTimeText('8:00')).toBe('08:00');
    expect(parseTimeText('18:30:00')).toBe('18:30');
    expect(parseTimeText('8点')).toBe('08:00');
    expect(parseTimeText('8点半')).toBe('08:30');
    expect(parseTimeText('25:00')).toBeNull();
    expect(readCell(field(rosterSchema, 'start'), 0.375)).toEqual({ ok: true, value: '09:00' });
  });

  it('gives date-time fields a Shanghai offset, midnight when only a day is known', () => {
    const foundAt = field(ledgerSchema, 'foundAt');
    expect(readCell(foundAt, '2020年5月11日')).toEqual({ ok: true, value: '2020-05-11T00:00:00+08:00' });
    expect(readCell(foundAt, { date: '2020-05-11', time: '09:15' })).toEqual({
      ok: true,
      value: '2020-05-11T09:15:00+08:00',
    });
    expect(readCell(foundAt, '2020-05-11T09:15:42+08:00')).toEqual({
      ok: true,
      value: '2020-05-11T09:15:42+08:00',
    });
  });

  it('maps option labels, values and status words to option values', () => {
    const category = field(ledgerSchema, 'category');
    expect(readCell(category, '楼道堆物')).toEqual({ ok: true, value: 'stairwell_clutter' });
    expect(readCell(category, ' Bikes parked in disorder ')).toEqual({ ok: true, value: 'bikes_disorder' });
    expect(readCell(field(ledgerSchema, 'status'), '已销号')).toEqual({ ok: true, value: 'closed' });
    const unknown = readCell(category, '乱贴小广告');
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) {
      expect(unknown.error.code).toBe('unknown_option');
      expect(unknown.error.message['zh-CN']).toContain('乱贴小广告');
    }
  });

  it('looks up references by id or by name, preferring the importing committee on a tie', () => {
    const site = field(ledgerSchema, 'siteId');
    const lookups = {
      site: [
        { id: 'SITE_TAOYUAN_GATE_1', name: '东门', committeeId: 'taoyuan' },
        { id: 'SITE_HONGQIAO_GATE1', name: '东门', committeeId: 'hongqiao' },
        { id: 'SITE_TAOYUAN_MARKET', name: '桃园菜场', committeeId: 'taoyuan' },
      ],
    };
    expect(readCell(site, '桃园菜场', lookups)).toEqual({ ok: true, value: 'SITE_TAOYUAN_MARKET' });
    expect(readCell(site, 'SITE_HONGQIAO_GATE1', lookups)).toEqual({
      ok: true,
      value: 'SITE_HONGQIAO_GATE1',
    });
    expect(readCell(site, '东门', lookups, 'hongqiao')).toEqual({ ok: true, value: 'SITE_HONGQIAO_GATE1' });
    expect(readCell(site, '东门', lookups)).toMatchObject({ ok: false, error: { code: 'ambiguous_ref' } });
    expect(readCell(site, '西门', lookups)).toMatchObject({ ok: false, error: { code: 'unknown_ref' } });
  });

  it('reads yes and no, numbers with separators, and text without its formula guard', () => {
    expect(readCell(field(peopleSchema, 'volunteer'), '是')).toEqual({ ok: true, value: true });
    expect(readCell(field(peopleSchema, 'volunteer'), '×')).toEqual({ ok: true, value: false });
    expect(readCell(field(ledgerSchema, 'recurrences'), '１,２')).toEqual({ ok: true, value: 12 });
    expect(readCell(field(ledgerSchema, 'recurrences'), '两次')).toMatchObject({ ok: false });
    expect(readCell(field(ledgerSchema, 'description'), "'=1+1")).toEqual({ ok: true, value: '=1+1' });
    expect(readCell(field(ledgerSchema, 'description'), '   ')).toEqual({ ok: true, value: null });
  });
});
