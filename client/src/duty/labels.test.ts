import { LEDGER_STATUSES } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import { optionText, percentText, slotText } from './labels.ts';

describe('duty page labels', () => {
  it('names an option in either language and shows an unknown value as is', () => {
    expect(optionText(LEDGER_STATUSES, 'closed', 'zh-CN')).toBe('已销账');
    expect(optionText(LEDGER_STATUSES, 'closed', 'en')).toBe('Closed');
    expect(optionText(LEDGER_STATUSES, 'lost', 'en')).toBe('lost');
    expect(optionText(LEDGER_STATUSES, null, 'en')).toBe('');
  });

  it('writes a rate as a percentage with one decimal, and no rate as a dash', () => {
    expect(percentText(23 / 24, 'zh-CN')).toBe('95.8%');
    expect(percentText(1, 'en')).toBe('100%');
    expect(percentText(null, 'en')).toBe('—');
  });

  it('writes a slot with an en dash', () => {
    expect(slotText({ start: '09:00', end: '11:30' })).toBe('09:00–11:30');
  });
});
