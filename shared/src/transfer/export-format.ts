// How a table becomes spreadsheet columns and typed cells, the same for XLSX and CSV:
// column order and headers from the schema, option values as labels, references as names.

import { issueCode } from '../core/ids.ts';
import type { Locale, LocalizedText } from '../core/localized.ts';
import { daysBetween, isIsoDate, isTimeOfDay, parseIsoDateTime } from '../core/time.ts';
import { DEADLINE_LIGHT_LABELS, deadlineLight } from '../rules/deadline-light.ts';
import type { CellValue, FieldDef, RowValues } from '../schema/fields.ts';
import type { TableName, TableSchema } from '../schema/table-schema.ts';
import { formulaSafe } from './formula-guard.ts';

/** Sheet names and file-name parts per table. */
export const TABLE_LABELS: Readonly<Record<TableName, LocalizedText>> = {
  ledger: { 'zh-CN': '问题台账', en: 'Issue ledger' },
  roster: { 'zh-CN': '排班', en: 'Duty roster' },
  sites: { 'zh-CN': '点位', en: 'Sites' },
  committees: { 'zh-CN': '居民区', en: 'Committees' },
  people: { 'zh-CN': '人员', en: 'People' },
  checks: { 'zh-CN': '检查记录', en: 'Check records' },
};

export interface ExportColumn {
  readonly key: string;
  /**
   * `code`: the issue code people read in the grid and the bulletin (`1023-T5R4`), made
   * from the row id; absent: the field's value.
   */
  readonly shows?: 'code' | 'light';
  /** Already formula-safe. */
  readonly header: string;
  readonly field: FieldDef;
  /** Width in characters (a CJK character counts as two). */
  readonly width: number;
  /** Excel number format for typed cells; absent for text. */
  readonly numFmt?: string;
}

/**
 * One cell ready for a spreadsheet. `text` is what CSV writes (and what a reader sees);
 * XLSX writes `serial` for dates and times (days since 1899-12-30, Shanghai wall clock),
 * `value` for numbers, and `text` for everything else. Text is already formula-safe.
 */
export type ExportCell =
  | { readonly type: 'empty'; readonly text: '' }
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'number'; readonly text: string; readonly value: number; readonly numFmt?: string }
  | { readonly type: 'date' | 'datetime' | 'time'; readonly text: string; readonly serial: number };

/** Names of referenced rows, by kind then id; ids without a name are shown as they are. */
export interface RefNames {
  readonly person?: ReadonlyMap<string, string>;
  readonly site?: ReadonlyMap<string, string>;
  readonly committee?: ReadonlyMap<string, string>;
}

const EXCEL_EPOCH = '1899-12-30';
const EXCEL_EPOCH_DAYS_BEFORE_UNIX = 25_569; // 1899-12-30 → 1970-01-01
const MS_PER_DAY = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export const NUM_FMT = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm', time: 'hh:mm' } as const;

const KIND_WIDTH: Readonly<Record<FieldDef['kind'], number>> = {
  text: 16,
  number: 10,
  date: 12,
  datetime: 18,
  time: 8,
  select: 14,
  multiselect: 20,
  person: 12,
  site: 22,
  committee: 12,
  boolean: 8,
  photos: 8,
};

/** Display width: CJK and other wide characters count as two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1;
  return width;
}

function columnWidth(field: FieldDef, header: string): number {
  let width = KIND_WIDTH[field.kind];
  if (field.kind === 'text') {
    if (field.key === 'id') width = 28;
    else if (field.multiline || (field.maxLength ?? 0) >= 200) width = 40;
    else if ((field.maxLength ?? 0) >= 100) width = 24;
  }
  return Math.min(60, Math.max(width, displayWidth(header) + 2));
}

/** The last column of the ledger: the row id, the identity, for scripts and re-imports. */
export const ROW_ID_HEADER: LocalizedText = { 'zh-CN': '内部编号', en: 'Internal ID' };

/** Width of the issue code column (`1023-T5R4`). */
const CODE_WIDTH = 11;

/**
 * The columns of a table in schema order (base fields, then custom fields). The ledger's
 * 编号 is the issue code shown everywhere else, and its row id comes last.
 */
export function exportColumns(schema: TableSchema, locale: Locale = 'zh-CN'): ExportColumn[] {
  const columns = fieldColumns(schema, locale);
  if (schema.table !== 'ledger') return columns;
  const id = columns.find((c) => c.key === 'id');
  if (!id) return columns;
  const withCode = columns.flatMap((c) => {
    if (c === id) return [{ ...c, shows: 'code' as const, width: CODE_WIDTH }];
    // The deadline light at the moment of the export, beside the deadline it judges.
    if (c.key === 'deadline') {
      const header = formulaSafe(LIGHT_HEADER[locale]);
      const { numFmt: _, ...light } = c;
      return [c, { ...light, shows: 'light' as const, header, width: LIGHT_WIDTH }];
    }
    return [c];
  });
  return [...withCode, { ...id, header: formulaSafe(ROW_ID_HEADER[locale]) }];
}

const LIGHT_HEADER: Readonly<Record<Locale, string>> = { 'zh-CN': '时限灯', en: 'Deadline light' };
const LIGHT_WIDTH = 18;

function lightCell(row: Readonly<RowValues>, at: Date, locale: Locale): ExportCell {
  const light = deadlineLight(row, at);
  return light === null ? { type: 'empty', text: '' } : text(DEADLINE_LIGHT_LABELS[light][locale]);
}

function fieldColumns(schema: TableSchema, locale: Locale): ExportColumn[] {
  return schema.fields.map((field) => {
    const header = formulaSafe(field.label[locale]);
    const numFmt =
      field.kind === 'date' || field.kind === 'datetime' || field.kind === 'time'
        ? NUM_FMT[field.kind]
        : undefined;
    return {
      key: field.key,
      header,
      field,
      width: columnWidth(field, header),
      ...(numFmt ? { numFmt } : {}),
    };
  });
}

const EMPTY: ExportCell = { type: 'empty', text: '' };

function text(value: string): ExportCell {
  return value === '' ? EMPTY : { type: 'text', text: formulaSafe(value) };
}

/** Excel serial of a Shanghai calendar date `YYYY-MM-DD`. */
export function excelDateSerial(date: string): number {
  return daysBetween(EXCEL_EPOCH, date);
}

/** Excel serial of an instant, as the wall clock in Shanghai shows it. */
export function excelDateTimeSerial(epochMs: number): number {
  return (epochMs + SHANGHAI_OFFSET_MS) / MS_PER_DAY + EXCEL_EPOCH_DAYS_BEFORE_UNIX;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD HH:MM` in Shanghai: what Excel and people read as a date-time. */
function shanghaiWallClock(epochMs: number): string {
  const d = new Date(epochMs + SHANGHAI_OFFSET_MS);
  const date = d.toISOString().slice(0, 10);
  return `${date} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

function optionLabel(field: FieldDef, value: string, locale: Locale): string {
  if (field.kind !== 'select' && field.kind !== 'multiselect') return value;
  return field.options.find((o) => o.value === value)?.label[locale] ?? value;
}

const BOOLEAN_TEXT: Readonly<Record<Locale, readonly [string, string]>> = {
  'zh-CN': ['是', '否'],
  en: ['yes', 'no'],
};

/**
 * A stored value as a typed cell for its field. A value that does not fit its field (a
 * foreign client's) is exported as text rather than dropped.
 */
export function exportCell(
  field: FieldDef,
  value: CellValue | undefined,
  names: RefNames = {},
  locale: Locale = 'zh-CN',
): ExportCell {
  if (value === undefined || value === null || value === '') return EMPTY;
  // Photos are exported as their count; the bytes stay in the store.
  if (field.kind === 'photos') {
    const count = Array.isArray(value) ? value.length : 0;
    return count === 0 ? EMPTY : { type: 'number', text: String(count), value: count };
  }
  if (Array.isArray(value)) {
    const labels = value.map((v) => optionLabel(field, String(v), locale));
    return text(labels.join(locale === 'zh-CN' ? '、' : ', '));
  }
  switch (field.kind) {
    case 'number':
      return typeof value === 'number' ? { type: 'number', text: String(value), value } : text(String(value));
    case 'date':
      return isIsoDate(value)
        ? { type: 'date', text: value, serial: excelDateSerial(value) }
        : text(String(value));
    case 'datetime': {
      const ms = typeof value === 'string' ? parseIsoDateTime(value) : null;
      return ms === null
        ? text(String(value))
        : { type: 'datetime', text: shanghaiWallClock(ms), serial: excelDateTimeSerial(ms) };
    }
    case 'time': {
      if (!isTimeOfDay(value)) return text(String(value));
      const [h, m] = (value as string).split(':').map(Number);
      return { type: 'time', text: value as string, serial: ((h ?? 0) * 60 + (m ?? 0)) / 1440 };
    }
    case 'boolean':
      return typeof value === 'boolean' ? text(BOOLEAN_TEXT[locale][value ? 0 : 1]) : text(String(value));
    case 'select':
    case 'multiselect':
      return text(optionLabel(field, String(value), locale));
    case 'person':
    case 'site':
    case 'committee':
      return text(names[field.kind]?.get(String(value)) ?? String(value));
    case 'text':
      return text(String(value));
  }
  return text(String(value));
}

/** One row's cells in column order. */
export function exportRow(
  columns: readonly ExportColumn[],
  row: Readonly<RowValues>,
  names: RefNames = {},
  locale: Locale = 'zh-CN',
  at: Date = new Date(),
): ExportCell[] {
  return columns.map((c) => {
    if (c.shows === 'light') return lightCell(row, at, locale);
    return c.shows === 'code' && typeof row[c.key] === 'string'
      ? text(issueCode(String(row[c.key])))
      : exportCell(c.field, row[c.key], names, locale);
  });
}

/** A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`. */
export function sheetName(name: string): string {
  const clean = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
  return clean === '' ? 'Sheet' : clean;
}

/**
 * `Content-Disposition` for a download: an ASCII fallback name and the real (Chinese)
 * name as RFC 5987 `filename*`, which every current browser prefers.
 */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
