import { describe, expect, it } from 'vitest';
import { refusalReason } from './refusal-reason.ts';

describe('a refusal reason in the chosen language', () => {
  it('names the rule in Chinese and keeps the server message in English, never both', () => {
    const reason = 'field_office_only: only the office may change closedAt';
    expect(refusalReason(reason, 'zh-CN')).toBe('这一列只有街道可以修改');
    expect(refusalReason(reason, 'zh-CN')).not.toMatch(/[A-Za-z]{3}/);
    expect(refusalReason(reason, 'en')).toBe('only the office may change closedAt');
  });

  it('names the rules on complete rows, recurrences, outside sources and table content in Chinese', () => {
    for (const code of ['row_incomplete', 'recurrences_by_reopen', 'source_office_only', 'malformed_table']) {
      const zh = refusalReason(`${code}: issue 1203-CPYA: something`, 'zh-CN');
      expect(zh, code).not.toContain(code);
      expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('says an unknown rule in Chinese with its code, and an English reason without a code in Chinese words', () => {
    expect(refusalReason('brand_new_rule: something', 'zh-CN')).toBe('修改不符合规则（brand_new_rule）');
    expect(refusalReason('update rejected: bad bytes', 'zh-CN')).toBe('修改不符合规则');
    expect(refusalReason('4422', 'en')).toBe('4422');
  });
});
