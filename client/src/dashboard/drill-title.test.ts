import { NO_VALUE } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/messages.ts';
import { drillTitle, type TitleContext } from './drill-title.ts';

const names: Record<string, string> = { taoyuan: '桃园居民区' };
const zh: TitleContext = { t: translator('zh-CN'), locale: 'zh-CN', committeeName: (id) => names[id] ?? id };
const en: TitleContext = { t: translator('en'), locale: 'en', committeeName: (id) => names[id] ?? id };

describe('drill-down titles', () => {
  it('name the figure, in the chosen language', () => {
    expect(drillTitle({ kind: 'figure', figure: 'closedToday' }, zh)).toBe('今日销账');
    expect(drillTitle({ kind: 'figure', figure: 'closedToday' }, en)).toBe('Closed today');
  });

  it('name the committee and the status or figure behind a breakdown', () => {
    expect(drillTitle({ kind: 'committeeStatus', committeeId: 'taoyuan', status: 'closed' }, zh)).toBe(
      '桃园居民区 · 已销账',
    );
    expect(drillTitle({ kind: 'committee', committeeId: 'taoyuan', figure: 'overdue' }, en)).toBe(
      '桃园居民区 · Overdue',
    );
    expect(drillTitle({ kind: 'status', status: 'reopened' }, en)).toBe('Whole sub-district · Recurred');
  });

  it('use the schema labels for categories and sources, and say when a value is missing', () => {
    expect(drillTitle({ kind: 'source', value: 'hotline_12345' }, zh)).toBe('按问题来源 · 12345热线');
    expect(drillTitle({ kind: 'category', value: NO_VALUE }, en)).toBe('By category · (empty)');
  });

  it('name both parts of a rate and of coverage, and the day of a trend bar', () => {
    expect(drillTitle({ kind: 'rate', figure: 'onTimeRate', part: 'numerator' }, zh)).toBe(
      '按时销账率 · 按时销账',
    );
    expect(drillTitle({ kind: 'coverage', part: 'gaps', committeeId: null }, zh)).toBe('全街道 · 空岗');
    expect(drillTitle({ kind: 'trend', date: '2026-03-02', series: 'found' }, zh)).toBe('3月2日 · 发现');
  });
});
