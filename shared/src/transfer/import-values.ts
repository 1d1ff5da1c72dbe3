// Reading one spreadsheet cell as a value of a field, the way committees actually type them:
// Chinese dates (2020年5月11日), slashes, Excel serial dates, option labels, names for ids.
// The result still goes through `validateValue`; this only turns what people write into it.

import { type DomainError, domainError, fail, ok, type Result } from '../core/result.ts';
import { addDays, isIsoDate, isIsoDateTime, parseIsoDateTime, shanghaiDateTime } from '../core/time.ts';
import type { FieldDef } from '../schema/fields.ts';
import { unFormulaSafe } from './formula-guard.ts';

/** A date (and maybe a time of day) a spreadsheet stored as a date: wall clock, no zone. */
export interface SheetDate {
  /** `YYYY-MM-DD` */
  readonly date: string;
  /** `HH:MM`, when the cell had a time of day. */
  readonly time?: string;
}

/** One cell as read from an XLSX or CSV file. */
export type SheetCell = string | number | boolean | null | SheetDate;

/** A row of another table an import may refer to by id or by name. */
export interface RefEntry {
  readonly id: string;
  readonly name: string;
  /** The committee it belongs to: picks between rows of the same name. */
  readonly committeeId?: string | null;
}

export interface ImportLookups {
  readonly person?: readonly RefEntry[];
  readonly site?: readonly RefEntry[];
  readonly committee?: readonly RefEntry[];
}

export type ImportValueErrorCode =
  | 'unreadable_date'
  | 'unreadable_time'
  | 'unreadable_number'
  | 'unreadable_boolean'
  | 'unreadable_photos'
  | 'unknown_option'
  | 'unknown_ref'
  | 'ambiguous_ref';
export type ImportValueError = DomainError<ImportValueErrorCode>;

const FULL_WIDTH = /[\uFF01-\uFF5E]/g;

/** Full-width ASCII to half-width, spaces trimmed: `２０２０／５／１１` → `2020/5/11`. */
export function halfWidth(text: string): string {
  return text
    .replace(FULL_WIDTH, (c) => String.fromCharCode((c.codePointAt(0) ?? 0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

/** For comparing labels: half-width, lower case, without spaces. */
export function normalizeLabel(text: string): string {
  return halfWidth(text).toLowerCase().replace(/\s+/g, '');
}

const EXCEL_EPOCH = '1899-12-30';
/** Serials of 1900-03-01 and 9999-12-31: outside them a number is no date. */
const MIN_SERIAL = 61;
const MAX_SERIAL = 2_958_465;

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function toDate(y: number, m: number, d: number): string | null {
  const iso = `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
  return isIsoDate(iso) ? iso : null;
}

function toTime(h: number, m: number): string | null {
  return h >= 0 && h <= 23 && m >= 0 && m <= 59 ? `${pad2(h)}:${pad2(m)}` : null;
}

function fromSerial(serial: number): SheetDate | null {
  if (!(serial >= MIN_SERIAL && serial <= MAX_SERIAL)) return null;
  const days = Math.floor(serial);
  const minutes = Math.round((serial - days) * 1440);
  const date = addDays(EXCEL_EPOCH, days + (minutes === 1440 ? 1 : 0));
  if (minutes === 0 || minutes === 1440) return { date };
  return { date, time: toTime(Math.floor(minutes / 60), minutes % 60) ?? '00:00' };
}

const TIME_PART = /^(\d{1,2})(?::|时|点)(\d{1,2})?(?::\d{1,2}(?:\.\d+)?|分(?:\d{1,2}秒)?)?$/;

/** `14:30`, `8:00:00`, `8点`, `8点30`, `8时30分` → `HH:MM`. */
export function parseTimeText(text: string): string | null {
  const t = halfWidth(text).replace(/\s+/g, '');
  const m = TIME_PART.exec(t) ?? /^(\d{1,2})点半$/.exec(t);
  if (!m) return null;
  const minutes = t.endsWith('点半') ? 30 : Number(m[2] ?? '0');
  return toTime(Number(m[1]), minutes);
}

const CHINESE_DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?(.*)$/;
const NUMERIC_DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](.*))?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * A date as people write it: `2020年5月11日`, `2020/5/11`, `2020-05-11`, `2020.5.11`,
 * `20200511`, each optionally followed by a time; an Excel serial number; or a cell the
 * file itself stored as a date. ISO date-times with an offset are read in Shanghai time.
 */
export function parseSheetDate(cell: SheetCell): SheetDate | null {
  if (cell === null || typeof cell === 'boolean') return null;
  if (typeof cell === 'object') return isIsoDate(cell.date) ? cell : null;
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell > MAX_SERIAL) return parseSheetDate(String(cell));
    return fromSerial(cell);
  }
  const text = halfWidth(cell);
  const instant = parseIsoDateTime(text);
  if (instant !== null) {
    const local = new Date(instant + 8 * 3_600_000).toISOString();
    return { date: local.slice(0, 10), time: local.slice(11, 16) };
  }
  const m = CHINESE_DATE.exec(text) ?? NUMERIC_DATE.exec(text);
  if (m) {
    const date = toDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (!date) return null;
    const rest = (m[4] ?? '').trim();
    if (rest === '') return { date };
    const time = parseTimeText(rest);
    return time ? { date, time } : null;
  }
  const compact = COMPACT_DATE.exec(text);
  if (compact) {
    const date = toDate(Number(compact[1]), Number(compact[2]), Number(compact[3]));
    return date ? { date } : null;
  }
  // A serial written out as text (CSV saved from a sheet whose dates were numbers).
  if (/^\d{5}(?:\.\d+)?$/.test(text)) return fromSerial(Number(text));
  return null;
}

/** The cell as trimmed text ('' for empty), formula guard undone. */
export function cellText(cell: SheetCell): string {
  if (cell === null) return '';
  if (typeof cell === 'object') return cell.time ? `${cell.date} ${cell.time}` : cell.date;
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  // Line breaks inside a cell are LF in XLSX, CRLF in CSV; a lone CR is kept as typed.
  return unFormulaSafe(cell.trim()).replace(/\r\n/g, '\n');
}

function refuse(code: ImportValueErrorCode, field: FieldDef, zh: string, en: string) {
  return fail(domainError(code, `「${field.label['zh-CN']}」${zh}`, `${field.label.en}: ${en}`));
}

const TRUE_WORDS = ['是', '有', 'y', 'yes', 'true', '1', '√', '✓', '✔', '对'];
const FALSE_WORDS = ['否', '无', '没有', 'n', 'no', 'false', '0', '×', '✗', '✘', '不是'];

/** Words committees use for a status that are not its label. */
const OPTION_SYNONYMS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  status: {
    未整改: 'open',
    正在整改: 'in_progress',
    已整改: 'rectified',
    已完成整改: 'rectified',
    已销号: 'closed',
    已核销: 'closed',
    已回潮: 'reopened',
  },
};

function findOption(field: FieldDef, raw: string): string | null {
  if (field.kind !== 'select' && field.kind !== 'multiselect') return null;
  const wanted = normalizeLabel(raw);
  for (const o of field.options) {
    if ([o.value, o.label['zh-CN'], o.label.en].some((t) => normalizeLabel(t) === wanted)) return o.value;
  }
  const synonym = OPTION_SYNONYMS[field.key]?.[wanted];
  return synonym !== undefined && field.options.some((o) => o.value === synonym) ? synonym : null;
}

function findRef(
  field: FieldDef,
  raw: string,
  entries: readonly RefEntry[] | undefined,
  committeeId: string | null,
): Result<string, ImportValueError> {
  if (!entries) return ok(raw); // nothing to look names up in: the value must be an id
  if (entries.some((e) => e.id === raw)) return ok(raw);
  const wanted = normalizeLabel(raw);
  let matches = entries.filter((e) => normalizeLabel(e.name) === wanted);
  if (matches.length > 1 && committeeId !== null) {
    const own = matches.filter((e) => e.committeeId === committeeId);
    if (own.length > 0) matches = own;
  }
  const [first] = matches;
  if (first && matches.length === 1) return ok(first.id);
  if (matches.length > 1) {
    return refuse(
      'ambiguous_ref',
      field,
      `“${raw}”有 ${matches.length} 个同名`,
      `"${raw}" matches ${matches.length} rows`,
    );
  }
  return refuse('unknown_ref', field, `找不到“${raw}”`, `no "${raw}" found`);
}

/**
 * The value of `cell` for `field`, ready for `validateValue` (which still judges it). An
 * empty cell is null. `committeeId` is the importing room's committee, for names that
 * several committees use.
 */
export function readCell(
  field: FieldDef,
  cell: SheetCell,
  lookups: ImportLookups = {},
  committeeId: string | null = null,
): Result<unknown, ImportValueError> {
  const text = cellText(cell);
  if (text === '') return ok(null);
  switch (field.kind) {
    case 'text':
      return ok(text);
    case 'number': {
      if (typeof cell === 'number') return ok(cell);
      const digits = halfWidth(text).replace(/[,\s]/g, '');
      const n = Number(digits);
      return Number.isFinite(n) && /\d/.test(digits)
        ? ok(n)
        : refuse('unreadable_number', field, `不是数字：${text}`, `not a number: ${text}`);
    }
    case 'date':
    case 'datetime': {
      // Already a full date-time with offset: keep it to the second.
      if (field.kind === 'datetime' && isIsoDateTime(halfWidth(text))) return ok(halfWidth(text));
      const d = parseSheetDate(cell);
      if (!d) return refuse('unreadable_date', field, `无法识别的日期：${text}`, `unreadable date: ${text}`);
      return ok(field.kind === 'date' ? d.date : shanghaiDateTime(d.date, d.time ?? '00:00'));
    }
    case 'time': {
      if (typeof cell === 'number' && cell >= 0 && cell < 1) {
        const minutes = Math.round(cell * 1440) % 1440;
        return ok(toTime(Math.floor(minutes / 60), minutes % 60));
      }
      const time = typeof cell === 'object' && cell !== null ? (cell.time ?? null) : parseTimeText(text);
      return time
        ? ok(time)
        : refuse('unreadable_time', field, `无法识别的时刻：${text}`, `unreadable time: ${text}`);
    }
    case 'boolean': {
      if (typeof cell === 'boolean') return ok(cell);
      const word = normalizeLabel(text);
      if (TRUE_WORDS.includes(word)) return ok(true);
      if (FALSE_WORDS.includes(word)) return ok(false);
      return refuse('unreadable_boolean', field, `应填“是”或“否”：${text}`, `expected yes or no: ${text}`);
    }
    case 'select': {
      const value = findOption(field, text);
      return value !== null ? ok(value) : unknownOption(field, text);
    }
    case 'multiselect': {
      const values: string[] = [];
      for (const part of text
        .split(/[、,，;；\n/]+/)
        .map((p) => p.trim())
        .filter(Boolean)) {
        const value = findOption(field, part);
        if (value === null) return unknownOption(field, part);
        values.push(value);
      }
      return ok(values);
    }
    case 'person':
    case 'site':
    case 'committee':
      return findRef(field, text, lookups[field.kind], committeeId);
    case 'photos':
      // Photos come with their bytes, through the photo upload; a sheet cannot carry them.
      return refuse(
        'unreadable_photos',
        field,
        '照片须通过上传添加，不能从表格导入',
        'photos are added by uploading them, not from a sheet',
      );
  }
}

function unknownOption(field: FieldDef, text: string) {
  const labels = field.kind === 'select' || field.kind === 'multiselect' ? field.options : [];
  const zh = labels.map((o) => o.label['zh-CN']).join('、');
  const en = labels.map((o) => o.label.en).join(', ');
  return refuse(
    'unknown_option',
    field,
    `没有选项“${text}”（可选：${zh}）`,
    `no option "${text}" (one of: ${en})`,
  );
}
