// The totals sheet of an export (and the CSV `totals` table): the meeting's figures, counts
// by status, category and source, and the committee ranking, as typed spreadsheet rows.

import type { Locale, LocalizedText } from '../core/localized.ts';
import { RECURRENCE_LABELS } from '../reports/recurrence-labels.ts';
import type { Ratio, Tally } from '../reports/tally.ts';
import { NO_VALUE, type Totals } from '../reports/totals.ts';
import { ISSUE_CATEGORIES, ISSUE_SOURCES, LEDGER_STATUSES } from '../schema/ledger-schema.ts';
import type { ExportCell } from './export-format.ts';
import { formulaSafe } from './formula-guard.ts';

const PERCENT = '0.0%';

function t(text: string): ExportCell {
  return text === '' ? { type: 'empty', text: '' } : { type: 'text', text: formulaSafe(text) };
}

function n(value: number): ExportCell {
  return { type: 'number', text: String(value), value };
}

function pct(rate: number | null): ExportCell {
  if (rate === null) return t('—');
  return { type: 'number', text: `${(rate * 100).toFixed(1)}%`, value: rate, numFmt: PERCENT };
}

function rateOf(r: Ratio): ExportCell {
  return pct(r.rate);
}

const L = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

const HEADINGS = {
  title: L('汇总', 'Totals'),
  computedAt: L('统计时间', 'Computed at'),
  figure: L('指标', 'Figure'),
  value: L('数值', 'Value'),
  found: L('问题总数', 'Issues found'),
  closed: L('已销账', 'Written off'),
  resolutionRate: L('销账率', 'Resolution rate'),
  onTimeRate: L('按期销账率', 'On-time rate'),
  overdue: L('超期未整改', 'Overdue'),
  recurred: RECURRENCE_LABELS.ever,
  foundToday: L('当日发现', 'Found that day'),
  closedToday: L('当日销账', 'Written off that day'),
  coverage: L('当日排班覆盖率', 'Roster coverage that day'),
  byStatus: L('按状态', 'By status'),
  byCategory: L('按问题类别', 'By category'),
  bySource: L('按问题来源', 'By source'),
  ranking: L('居民区排名', 'Committee ranking'),
  rank: L('排名', 'Rank'),
  committee: L('居民区', 'Committee'),
  none: L('（未填）', '(none)'),
} as const;

function counts(
  heading: LocalizedText,
  tallies: Readonly<Record<string, Tally>>,
  options: readonly { value: string; label: LocalizedText }[],
  locale: Locale,
): ExportCell[][] {
  const rows: ExportCell[][] = [[t(heading[locale]), t('')]];
  for (const [key, tally] of Object.entries(tallies)) {
    const label =
      key === NO_VALUE ? HEADINGS.none[locale] : (options.find((o) => o.value === key)?.label[locale] ?? key);
    rows.push([t(label), n(tally.count)]);
  }
  return rows;
}

/** Rows of the totals sheet; the first cell of each section row is its label. */
export function totalsSheetRows(
  totals: Totals,
  committeeNames: ReadonlyMap<string, string>,
  locale: Locale = 'zh-CN',
): ExportCell[][] {
  const h = (key: keyof typeof HEADINGS) => t(HEADINGS[key][locale]);
  const rows: ExportCell[][] = [
    [h('computedAt'), t(totals.computedAt.slice(0, 16).replace('T', ' '))],
    [],
    [h('figure'), h('value')],
    [h('found'), n(totals.found.count)],
    [h('closed'), n(totals.byStatus.closed?.count ?? 0)],
    [h('resolutionRate'), rateOf(totals.resolutionRate)],
    [h('onTimeRate'), rateOf(totals.onTimeRate)],
    [h('overdue'), n(totals.overdue.count)],
    [h('recurred'), n(totals.recurred.count)],
    [h('foundToday'), n(totals.foundToday.count)],
    [h('closedToday'), n(totals.closedToday.count)],
    [h('coverage'), pct(totals.rosterCoverage.rate)],
    [],
    ...counts(HEADINGS.byStatus, totals.byStatus, LEDGER_STATUSES, locale),
    [],
    ...counts(HEADINGS.byCategory, totals.byCategory, ISSUE_CATEGORIES, locale),
    [],
    ...counts(HEADINGS.bySource, totals.bySource, ISSUE_SOURCES, locale),
    [],
    [h('ranking')],
    [
      h('rank'),
      h('committee'),
      h('found'),
      h('closed'),
      h('resolutionRate'),
      h('onTimeRate'),
      h('overdue'),
      h('recurred'),
      h('coverage'),
    ],
  ];
  for (const s of totals.ranking) {
    rows.push([
      n(s.rank),
      t(committeeNames.get(s.committeeId) ?? s.committeeId),
      n(s.found.count),
      n(s.closed.count),
      rateOf(s.resolutionRate),
      rateOf(s.onTimeRate),
      n(s.overdue.count),
      n(s.recurred.count),
      pct(s.rosterCoverage.rate),
    ]);
  }
  return rows;
}

/** The name of the totals sheet. */
export const TOTALS_SHEET_LABEL: LocalizedText = HEADINGS.title;

/** Column widths of the totals sheet, in characters. */
export const TOTALS_SHEET_WIDTHS: readonly number[] = [18, 14, 10, 10, 10, 12, 12, 10, 16];
