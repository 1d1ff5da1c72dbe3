import { describe, expect, it } from 'vitest';
import { parseFieldDef } from './field-def.ts';

const label = { 'zh-CN': '楼栋', en: 'Building' };

describe('parseFieldDef', () => {
  it('accepts a custom select column and keeps only known properties', () => {
    const result = parseFieldDef({
      key: 'weather',
      kind: 'select',
      label,
      required: true,
      options: [{ value: 'rain', label: { 'zh-CN': '雨', en: 'Rain' }, colour: 'blue' }],
      default: 'rain',
      extra: 1,
    });
    expect(result).toEqual({
      ok: true,
      value: {
        key: 'weather',
        kind: 'select',
        label,
        required: true,
        options: [{ value: 'rain', label: { 'zh-CN': '雨', en: 'Rain' } }],
        default: 'rain',
      },
    });
  });

  it('drops a regular expression pattern, which no client may make the server run', () => {
    const result = parseFieldDef({ key: 'building', kind: 'text', label, maxLength: 10, pattern: '(a+)+$' });
    expect(result).toEqual({ ok: true, value: { key: 'building', kind: 'text', label, maxLength: 10 } });
  });

  it('refuses bad keys, kinds, labels, options and defaults', () => {
    const bad: unknown[] = [
      null,
      { key: 'Building', kind: 'text', label },
      { key: 'rows.x', kind: 'text', label },
      { key: 'building', kind: 'colour', label },
      { key: 'building', kind: 'text', label: { en: 'Building' } },
      { key: 'building', kind: 'select', label, options: [] },
      {
        key: 'building',
        kind: 'select',
        label,
        options: [
          { value: 'a', label },
          { value: 'a', label },
        ],
      },
      { key: 'floors', kind: 'number', label, min: 5, max: 1 },
      { key: 'floors', kind: 'number', label, max: 3, default: 4 },
      { key: 'building', kind: 'text', label, maxLength: 0 },
    ];
    for (const input of bad) {
      const result = parseFieldDef(input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_field_def');
    }
  });
});
