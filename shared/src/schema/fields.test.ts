import { describe, expect, it } from 'vitest';
import { type FieldDef, validateRow, validateValue } from './fields.ts';
import { ledgerSchema } from './ledger-schema.ts';

const label = { 'zh-CN': '字段', en: 'Field' };
const text: FieldDef = { key: 't', kind: 'text', label, maxLength: 5 };
const coded: FieldDef = { key: 'c', kind: 'text', label, pattern: '^[A-Z]{2}$' };
const number: FieldDef = { key: 'n', kind: 'number', label, min: 0, max: 10, integer: true };
const date: FieldDef = { key: 'd', kind: 'date', label };
const datetime: FieldDef = { key: 'dt', kind: 'datetime', label };
const time: FieldDef = { key: 'tm', kind: 'time', label };
const options = [
  { value: 'a', label: { 'zh-CN': '甲', en: 'A' } },
  { value: 'b', label: { 'zh-CN': '乙', en: 'B' } },
];
const select: FieldDef = { key: 's', kind: 'select', label, options };
const multi: FieldDef = { key: 'm', kind: 'multiselect', label, options };
const person: FieldDef = { key: 'p', kind: 'person', label };
const site: FieldDef = { key: 'si', kind: 'site', label };
const committee: FieldDef = { key: 'co', kind: 'committee', label };
const boolean: FieldDef = { key: 'b', kind: 'boolean', label };
const PERSON_ID = '01KJNDT7Q0ABCDEFGHJKMNPQRS';

function codeOf(field: FieldDef, value: unknown): string | null {
  const result = validateValue(field, value);
  return result.ok ? null : result.error.code;
}

describe('validateValue', () => {
  it('accepts a valid value of every kind and returns what to store', () => {
    const cases: [FieldDef, unknown][] = [
      [text, '楼道堆物'],
      [coded, 'TY'],
      [number, 7],
      [date, '2026-03-02'],
      [datetime, '2026-03-02T09:30:00+08:00'],
      [time, '07:00'],
      [select, 'a'],
      [multi, ['a', 'b']],
      [person, PERSON_ID],
      [site, PERSON_ID],
      [committee, 'taoyuan'],
      [boolean, false],
    ];
    for (const [field, value] of cases)
      expect(validateValue(field, value), field.kind).toEqual({ ok: true, value });
  });

  it('refuses an invalid value of every kind with a code', () => {
    expect(codeOf(text, 123)).toBe('wrong_type');
    expect(codeOf(text, '超过五个字符了')).toBe('too_long');
    expect(codeOf(coded, 'ty')).toBe('pattern_mismatch');
    expect(codeOf(number, '7')).toBe('wrong_type');
    expect(codeOf(number, Number.NaN)).toBe('wrong_type');
    expect(codeOf(number, -1)).toBe('below_min');
    expect(codeOf(number, 11)).toBe('above_max');
    expect(codeOf(number, 2.5)).toBe('not_integer');
    expect(codeOf(date, '2026-02-30')).toBe('invalid_date');
    expect(codeOf(date, 20260302)).toBe('wrong_type');
    expect(codeOf(datetime, '2026-03-02T09:30:00')).toBe('invalid_datetime');
    expect(codeOf(time, '25:00')).toBe('invalid_time');
    expect(codeOf(select, 'c')).toBe('unknown_option');
    expect(codeOf(select, ['a'])).toBe('wrong_type');
    expect(codeOf(multi, ['a', 'z'])).toBe('unknown_option');
    expect(codeOf(multi, 'a')).toBe('wrong_type');
    expect(codeOf(multi, ['a', 1])).toBe('wrong_type');
    expect(codeOf(person, 'Zhang San')).toBe('invalid_ref');
    expect(codeOf(site, 42)).toBe('wrong_type');
    expect(codeOf(committee, 'Bad_Id')).toBe('invalid_ref');
    expect(codeOf(boolean, 'true')).toBe('wrong_type');
  });

  it('turns empty input into null unless the field is required', () => {
    for (const empty of [undefined, null, '', []]) {
      expect(validateValue(text, empty)).toEqual({ ok: true, value: null });
      expect(codeOf({ ...text, required: true }, empty)).toBe('required');
    }
  });

  it('stores a multiselect without duplicates', () => {
    expect(validateValue(multi, ['b', 'a', 'b'])).toEqual({ ok: true, value: ['b', 'a'] });
  });

  it('explains a refusal in Chinese and English naming the field', () => {
    const result = validateValue(number, 11);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message['zh-CN']).toBe('「字段」不能大于 10');
    expect(result.error.message.en).toBe('Field: must be at most 10');
  });
});

describe('validateRow', () => {
  const valid = {
    id: PERSON_ID,
    committeeId: 'taoyuan',
    siteId: PERSON_ID,
    category: 'stairwell_clutter',
    description: '3号楼楼道堆放纸箱',
    source: 'self_check',
    foundAt: '2026-03-02T09:30:00+08:00',
    status: 'open',
    recurrences: 0,
    deadline: null,
  };

  it('accepts a valid ledger row and drops its null fields', () => {
    const result = validateRow(ledgerSchema, valid);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).not.toHaveProperty('deadline');
  });

  it('reports every bad field by key: missing, out of list, out of range, unknown', () => {
    const result = validateRow(ledgerSchema, {
      ...valid,
      description: undefined,
      status: 'done',
      recurrences: -1,
      deadline: '2026-02-30',
      colour: 'red',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_row');
    expect(Object.fromEntries(Object.entries(result.error.fields).map(([k, e]) => [k, e.code]))).toEqual({
      description: 'required',
      status: 'unknown_option',
      recurrences: 'below_min',
      deadline: 'invalid_date',
      colour: 'unknown_field',
    });
  });
});

describe('photos', () => {
  const photos: FieldDef = { key: 'photos', kind: 'photos', label };
  const ref = {
    id: 'a'.repeat(64),
    stage: 'found',
    at: '2026-03-02T09:30:00+08:00',
    by: 'patrol',
  };

  it('accepts a list of photo references and an empty list as no value', () => {
    expect(validateValue(photos, [ref, { ...ref, stage: 'rectified' }])).toEqual({
      ok: true,
      value: [ref, { ...ref, stage: 'rectified' }],
    });
    expect(validateValue(photos, [])).toEqual({ ok: true, value: null });
  });

  it('refuses malformed entries, extra keys, duplicates and too many photos', () => {
    expect(codeOf(photos, 'a'.repeat(64))).toBe('wrong_type');
    expect(codeOf(photos, [{ ...ref, id: 'A'.repeat(64) }])).toBe('wrong_type');
    expect(codeOf(photos, [{ ...ref, id: 'a'.repeat(63) }])).toBe('wrong_type');
    expect(codeOf(photos, [{ ...ref, stage: 'before' }])).toBe('wrong_type');
    expect(codeOf(photos, [{ ...ref, at: '2026-03-02' }])).toBe('wrong_type');
    expect(codeOf(photos, [{ ...ref, by: '' }])).toBe('wrong_type');
    expect(codeOf(photos, [{ ...ref, hidden: 'x'.repeat(1000) }])).toBe('wrong_type');
    expect(codeOf(photos, [ref, ref])).toBe('wrong_type');
    const many = Array.from({ length: 25 }, (_, i) => ({ ...ref, id: i.toString(16).padStart(64, '0') }));
    expect(codeOf(photos, many)).toBe('above_max');
  });
});
