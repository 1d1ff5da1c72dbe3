import { fieldByKey, ledgerSchema, peopleSchema, rosterSchema, validateValue } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import { EMPTY_LOOKUPS, type Lookups, refTable } from '../registry/lookups.ts';
import { formatCell } from './cell-format.ts';
import { parseCellInput, readDateTime } from './cell-input.ts';

const lookups: Lookups = {
  ...EMPTY_LOOKUPS,
  sites: refTable([{ id: 'S000000000000001', name: '桃园小区', committeeId: 'taoyuan' }]),
  committees: refTable([{ id: 'taoyuan', name: '桃园居民区' }]),
};
const field = (key: string) => fieldByKey(ledgerSchema, key)!;

describe('reading typed and pasted cell input', () => {
  it('reads option labels in either language as the option code', () => {
    expect(parseCellInput(field('status'), '整改中', lookups)).toBe('in_progress');
    expect(parseCellInput(field('status'), 'closed', lookups)).toBe('closed');
    expect(parseCellInput(field('status'), 'In Progress', lookups)).toBe('in_progress');
  });

  it('reads a site name as its id and leaves an unknown name for validation to refuse', () => {
    expect(parseCellInput(field('siteId'), '桃园小区', lookups)).toBe('S000000000000001');
    const unknown = parseCellInput(field('siteId'), '不存在', lookups);
    expect(validateValue(field('siteId'), unknown).ok).toBe(false);
  });

  it('reads spreadsheet date styles as ISO dates', () => {
    expect(parseCellInput(field('deadline'), '2026/3/2', lookups)).toBe('2026-03-02');
    expect(parseCellInput(field('deadline'), '2026年3月2日', lookups)).toBe('2026-03-02');
  });

  it('reads a wall-clock date-time as Shanghai time and keeps an explicit offset', () => {
    expect(readDateTime('2026-03-02 09:30')).toBe('2026-03-02T09:30:00+08:00');
    expect(readDateTime('2026-03-02T01:30:00Z')).toBe('2026-03-02T01:30:00Z');
    expect(readDateTime('2026-03-02')).toBe('2026-03-02T00:00:00+08:00');
    expect(readDateTime('昨天')).toBeNull();
  });

  it('reads numbers with separators and keeps non-numbers for a clear refusal', () => {
    expect(parseCellInput(field('recurrences'), '1,024', lookups)).toBe(1024);
    const bad = parseCellInput(field('recurrences'), 'abc', lookups);
    const result = validateValue(field('recurrences'), bad);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('wrong_type');
  });

  it('reads yes and no in Chinese and English', () => {
    const volunteer = fieldByKey(peopleSchema, 'volunteer')!;
    expect(parseCellInput(volunteer, '是', lookups)).toBe(true);
    expect(parseCellInput(volunteer, 'No', lookups)).toBe(false);
  });

  it('reads times of day', () => {
    expect(parseCellInput(fieldByKey(rosterSchema, 'start')!, '8:30', lookups)).toBe('08:30');
  });

  it('empty input clears the cell', () => {
    expect(parseCellInput(field('deadline'), '  ', lookups)).toBeNull();
  });
});

describe('showing cell values', () => {
  it('shows option labels, names and Shanghai times in the chosen language', () => {
    expect(formatCell(field('status'), 'rectified', 'zh-CN', lookups)).toBe('已整改待核查');
    expect(formatCell(field('status'), 'rectified', 'en', lookups)).toBe('Rectified, awaiting check');
    expect(formatCell(field('siteId'), 'S000000000000001', 'zh-CN', lookups)).toBe('桃园小区');
    expect(formatCell(field('foundAt'), '2026-03-02T01:30:00Z', 'en', lookups)).toBe('2026-03-02 09:30');
  });

  it('what is shown reads back as the same value', () => {
    for (const [key, value] of [
      ['status', 'reopened'],
      ['category', 'flying_wire_charging'],
      ['foundAt', '2026-03-02T09:30:00+08:00'],
      ['siteId', 'S000000000000001'],
      ['committeeId', 'taoyuan'],
      ['deadline', '2026-03-09'],
    ] as const) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const shown = formatCell(field(key), value, locale, lookups);
        expect(parseCellInput(field(key), shown, lookups)).toBe(value);
      }
    }
  });
});
