import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { translator } from './messages.ts';
import { zhCN } from './zh-CN.ts';

describe('interface text', () => {
  it('Chinese comes first and English has every key', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    expect(translator('zh-CN')('save.saved')).toBe('所有修改已保存');
    expect(translator('en')('save.saved')).toBe('All changes saved');
  });

  it('fills in placeholders and leaves unknown ones visible', () => {
    expect(translator('zh-CN')('status.rows', { shown: 3, total: 10 })).toBe('3 / 10 行');
    expect(translator('en')('paste.partial', { n: 2 })).toBe('2 cell(s) not pasted: {reason}');
  });

  it('every placeholder in one language is in the other', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(names(en[key]), key).toEqual(names(zhCN[key]));
    }
  });
});
