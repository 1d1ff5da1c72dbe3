// The liaison daily report (联络员日报) as one sheet for XLSX or CSV: per liaison the
// committee, the day, and the issues found, written off by the liaison and still open,
// each as a count and the issue codes people read everywhere else.

import { issueCode } from '../core/ids.ts';
import type { Locale, LocalizedText } from '../core/localized.ts';
import type { LiaisonDay } from '../reports/liaison-report.ts';
import { type ExportCell, excelDateSerial, type RefNames, sheetName } from './export-format.ts';
import type { ExportSheet } from './export-sheets.ts';
import { formulaSafe } from './formula-guard.ts';

export const LIAISON_SHEET_LABEL: LocalizedText = { 'zh-CN': '联络员日报', en: 'Liaison daily report' };

const HEADERS: readonly { readonly label: LocalizedText; readonly width: number }[] = [
  { label: { 'zh-CN': '联络员', en: 'Liaison' }, width: 12 },
  { label: { 'zh-CN': '居民区', en: 'Committee' }, width: 14 },
  { label: { 'zh-CN': '日期', en: 'Date' }, width: 12 },
  { label: { 'zh-CN': '当日发现', en: 'Found' }, width: 10 },
  { label: { 'zh-CN': '发现的问题', en: 'Issues found' }, width: 30 },
  { label: { 'zh-CN': '本人销账', en: 'Written off' }, width: 10 },
  { label: { 'zh-CN': '销账的问题', en: 'Issues written off' }, width: 30 },
  { label: { 'zh-CN': '未销账', en: 'Unresolved' }, width: 10 },
  { label: { 'zh-CN': '未销账的问题', en: 'Issues unresolved' }, width: 30 },
];

function text(value: string): ExportCell {
  return value === '' ? { type: 'empty', text: '' } : { type: 'text', text: formulaSafe(value) };
}

function count(ids: readonly string[]): ExportCell {
  return { type: 'number', text: String(ids.length), value: ids.length };
}

function codes(ids: readonly string[], locale: Locale): ExportCell {
  return text(ids.map(issueCode).join(locale === 'zh-CN' ? '、' : ', '));
}

/** The report of one day as a sheet with a header row, one row per liaison in report order. */
export function liaisonSheet(
  entries: readonly LiaisonDay[],
  names: RefNames = {},
  locale: Locale = 'zh-CN',
): ExportSheet {
  const headers = HEADERS.map((h) => formulaSafe(h.label[locale]));
  return {
    name: sheetName(LIAISON_SHEET_LABEL[locale]),
    content: 'liaison',
    columns: HEADERS.map((h, i) => ({ header: headers[i] ?? '', width: h.width })),
    hasHeader: true,
    rowCount: entries.length,
    *rows() {
      yield headers.map((h): ExportCell => ({ type: 'text', text: h }));
      for (const e of entries) {
        yield [
          text(e.name),
          text(e.committeeId ? (names.committee?.get(e.committeeId) ?? e.committeeId) : ''),
          { type: 'date', text: e.date, serial: excelDateSerial(e.date) },
          count(e.found),
          codes(e.found, locale),
          count(e.resolved),
          codes(e.resolved, locale),
          count(e.unresolved),
          codes(e.unresolved, locale),
        ];
      }
    },
  };
}
