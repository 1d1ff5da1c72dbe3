// Typed field kinds and the one place a cell value is judged: every grid edit, import,
// server check and demo row goes through `validateValue` / `validateRow`.
import { isCommitteeId, isRowId } from '../core/ids.ts';
import type { LocalizedText } from '../core/localized.ts';
import { type DomainError, domainError, fail, ok, type Result } from '../core/result.ts';
import { isIsoDate, isIsoDateTime, isTimeOfDay } from '../core/time.ts';

export const FIELD_KINDS = [
  'text',
  'number',
  'date',
  'datetime',
  'time',
  'select',
  'multiselect',
  'person',
  'site',
  'committee',
  'boolean',
  'photos',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const PHOTO_STAGES = [
  { value: 'found', label: { 'zh-CN': '发现', en: 'Found' } },
  { value: 'rectified', label: { 'zh-CN': '整改后', en: 'Rectified' } },
  { value: 'checked', label: { 'zh-CN': '核查', en: 'Checked' } },
] as const;
export type PhotoStage = (typeof PHOTO_STAGES)[number]['value'];

/**
 * A photo attached to a row: the bytes live in the store under `id` (the SHA-256 of the
 * stored bytes, 64 lowercase hex digits), never in the document; `by` is the account's user
 * name, `at` when it was attached.
 */
export interface PhotoRef {
  readonly id: string;
  readonly stage: PhotoStage;
  readonly at: string;
  readonly by: string;
}

/** At most this many photos on one row. */
export const MAX_ROW_PHOTOS = 24;

/**
 * A stored cell value: a JSON primitive, an array of strings, or (photos fields) a list of
 * photo references; absent means null.
 */
export type CellValue = string | number | boolean | null | readonly string[] | readonly PhotoRef[];
export type RowValues = Record<string, CellValue>;

export interface SelectOption {
  readonly value: string;
  readonly label: LocalizedText;
}

interface FieldBase {
  /** Stable key in the row's Y.Map; never renamed. */
  readonly key: string;
  readonly label: LocalizedText;
  readonly required?: boolean;
  /** Filled in by `insertRow` when the caller gives no value. */
  readonly default?: CellValue;
}

export interface TextField extends FieldBase {
  readonly kind: 'text';
  readonly maxLength?: number;
  /** Regular expression source the whole value must match (base schemas only). */
  readonly pattern?: string;
  readonly multiline?: boolean;
}
export interface NumberField extends FieldBase {
  readonly kind: 'number';
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}
export interface SelectField extends FieldBase {
  readonly kind: 'select' | 'multiselect';
  readonly options: readonly SelectOption[];
}
/** `date` is `YYYY-MM-DD`, `datetime` ISO 8601 with offset, `time` is `HH:MM`. */
export interface TemporalField extends FieldBase {
  readonly kind: 'date' | 'datetime' | 'time';
}
/** A reference by id to a row of the people, sites or committees table. */
export interface RefField extends FieldBase {
  readonly kind: 'person' | 'site' | 'committee';
}
export interface BooleanField extends FieldBase {
  readonly kind: 'boolean';
}
/** A list of photo references (`PhotoRef`), oldest first. */
export interface PhotosField extends FieldBase {
  readonly kind: 'photos';
}

export type FieldDef =
  | TextField
  | NumberField
  | SelectField
  | TemporalField
  | RefField
  | BooleanField
  | PhotosField;

export type FieldErrorCode =
  | 'required'
  | 'wrong_type'
  | 'too_long'
  | 'pattern_mismatch'
  | 'not_integer'
  | 'below_min'
  | 'above_max'
  | 'invalid_date'
  | 'invalid_datetime'
  | 'invalid_time'
  | 'unknown_option'
  | 'invalid_ref'
  | 'unknown_field';
export type FieldError = DomainError<FieldErrorCode>;

export interface RowError extends DomainError<'invalid_row'> {
  /** Field key → what is wrong with it. */
  readonly fields: Readonly<Record<string, FieldError>>;
}

const KIND_NAMES: Record<FieldKind, LocalizedText> = {
  text: { 'zh-CN': '文本', en: 'text' },
  number: { 'zh-CN': '数字', en: 'a number' },
  date: { 'zh-CN': '日期', en: 'a date' },
  datetime: { 'zh-CN': '日期时间', en: 'a date-time' },
  time: { 'zh-CN': '时刻', en: 'a time of day' },
  select: { 'zh-CN': '选项', en: 'an option' },
  multiselect: { 'zh-CN': '选项列表', en: 'a list of options' },
  person: { 'zh-CN': '人员编号', en: 'a person id' },
  site: { 'zh-CN': '点位编号', en: 'a site id' },
  committee: { 'zh-CN': '居民区编号', en: 'a committee id' },
  boolean: { 'zh-CN': '是或否', en: 'yes or no' },
  photos: { 'zh-CN': '照片列表', en: 'a list of photos' },
};

function refuse(
  code: FieldErrorCode,
  field: FieldDef,
  zh: string,
  en: string,
): { ok: false; error: FieldError } {
  return fail(domainError(code, `「${field.label['zh-CN']}」${zh}`, `${field.label.en}: ${en}`));
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function wrongType(field: FieldDef): { ok: false; error: FieldError } {
  const kind = KIND_NAMES[field.kind];
  return refuse('wrong_type', field, `应为${kind['zh-CN']}`, `must be ${kind.en}`);
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

// Patterns come from the base schemas only (custom fields may not carry one), so few.
const patterns = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) {
    re = new RegExp(source);
    patterns.set(source, re);
  }
  return re;
}

function validateText(field: TextField, value: string): Result<CellValue, FieldError> {
  const length = [...value].length;
  if (field.maxLength !== undefined && length > field.maxLength) {
    const n = field.maxLength;
    return refuse(
      'too_long',
      field,
      `最多 ${n} 个字符（现有 ${length} 个）`,
      `at most ${n} characters (has ${length})`,
    );
  }
  if (field.pattern !== undefined && !patternOf(field.pattern).test(value)) {
    return refuse('pattern_mismatch', field, `格式不正确：${shown(value)}`, `wrong format: ${shown(value)}`);
  }
  return ok(value);
}

function validateNumber(field: NumberField, value: number): Result<CellValue, FieldError> {
  if (field.integer && !Number.isInteger(value))
    return refuse('not_integer', field, '应为整数', 'must be a whole number');
  if (field.min !== undefined && value < field.min) {
    return refuse('below_min', field, `不能小于 ${field.min}`, `must be at least ${field.min}`);
  }
  if (field.max !== undefined && value > field.max) {
    return refuse('above_max', field, `不能大于 ${field.max}`, `must be at most ${field.max}`);
  }
  return ok(value);
}

function validateOptions(field: SelectField, values: readonly string[]): Result<CellValue, FieldError> {
  for (const v of values) {
    if (!field.options.some((option) => option.value === v)) {
      return refuse('unknown_option', field, `没有选项“${shown(v)}”`, `no option "${shown(v)}"`);
    }
  }
  return ok(field.kind === 'select' ? (values[0] ?? null) : [...new Set(values)]);
}

const PHOTO_ID = /^[0-9a-f]{64}$/;
const PHOTO_KEYS = ['at', 'by', 'id', 'stage'];

/** Whether a value is one well-formed photo reference, with exactly its four keys. */
export function isPhotoRef(value: unknown): value is PhotoRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v).sort();
  return (
    keys.length === PHOTO_KEYS.length &&
    keys.every((k, i) => k === PHOTO_KEYS[i]) &&
    typeof v.id === 'string' &&
    PHOTO_ID.test(v.id) &&
    PHOTO_STAGES.some((s) => s.value === v.stage) &&
    typeof v.at === 'string' &&
    isIsoDateTime(v.at) &&
    typeof v.by === 'string' &&
    v.by.length > 0 &&
    v.by.length <= 64
  );
}

function validatePhotos(field: PhotosField, value: readonly unknown[]): Result<CellValue, FieldError> {
  if (value.length > MAX_ROW_PHOTOS) {
    return refuse(
      'above_max',
      field,
      `最多 ${MAX_ROW_PHOTOS} 张照片（现有 ${value.length} 张）`,
      `at most ${MAX_ROW_PHOTOS} photos (has ${value.length})`,
    );
  }
  const bad = value.find((v) => !isPhotoRef(v));
  if (bad !== undefined) {
    return refuse(
      'wrong_type',
      field,
      `照片记录格式不正确：${shown(bad)}`,
      `malformed photo entry: ${shown(bad)}`,
    );
  }
  const ids = new Set((value as PhotoRef[]).map((p) => `${p.stage}:${p.id}`));
  if (ids.size !== value.length) {
    return refuse('wrong_type', field, '同一张照片重复出现', 'the same photo appears twice');
  }
  return ok(value as readonly PhotoRef[]);
}

/**
 * Judge one value for a field. Empty input (undefined, null, '' or []) becomes null, which
 * a required field refuses. On success `value` is what to store (multiselects deduplicated).
 */
export function validateValue(field: FieldDef, value: unknown): Result<CellValue, FieldError> {
  if (isEmpty(value)) return field.required ? refuse('required', field, '为必填项', 'is required') : ok(null);
  switch (field.kind) {
    case 'text':
      return typeof value === 'string' ? validateText(field, value) : wrongType(field);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? validateNumber(field, value)
        : wrongType(field);
    case 'boolean':
      return typeof value === 'boolean' ? ok(value) : wrongType(field);
    case 'date':
      if (typeof value !== 'string') return wrongType(field);
      return isIsoDate(value)
        ? ok(value)
        : refuse(
            'invalid_date',
            field,
            `不是有效日期（YYYY-MM-DD）：${shown(value)}`,
            `not a valid date (YYYY-MM-DD): ${shown(value)}`,
          );
    case 'datetime':
      if (typeof value !== 'string') return wrongType(field);
      return isIsoDateTime(value)
        ? ok(value)
        : refuse(
            'invalid_datetime',
            field,
            `不是带时区的有效时间（如 2026-03-02T09:30:00+08:00）：${shown(value)}`,
            `not a valid date-time with offset (e.g. 2026-03-02T09:30:00+08:00): ${shown(value)}`,
          );
    case 'time':
      if (typeof value !== 'string') return wrongType(field);
      return isTimeOfDay(value)
        ? ok(value)
        : refuse(
            'invalid_time',
            field,
            `不是有效时刻（HH:MM）：${shown(value)}`,
            `not a valid time (HH:MM): ${shown(value)}`,
          );
    case 'select':
      return typeof value === 'string' ? validateOptions(field, [value]) : wrongType(field);
    case 'multiselect':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? validateOptions(field, value)
        : wrongType(field);
    case 'photos':
      return Array.isArray(value) ? validatePhotos(field, value) : wrongType(field);
    case 'person':
    case 'site':
    case 'committee': {
      if (typeof value !== 'string') return wrongType(field);
      const valid = field.kind === 'committee' ? isCommitteeId(value) : isRowId(value);
      return valid
        ? ok(value)
        : refuse('invalid_ref', field, `编号无效：${shown(value)}`, `invalid id: ${shown(value)}`);
    }
  }
}

/**
 * Judge a whole row against a schema: every field, required ones present, no unknown keys.
 * On success the row holds only non-null values (absent means null, as stored).
 */
export function validateRow(
  schema: { readonly fields: readonly FieldDef[] },
  row: Readonly<Record<string, unknown>>,
): Result<RowValues, RowError> {
  const values: RowValues = {};
  const errors: Record<string, FieldError> = {};
  for (const field of schema.fields) {
    const result = validateValue(field, row[field.key]);
    if (!result.ok) errors[field.key] = result.error;
    else if (result.value !== null) values[field.key] = result.value;
  }
  for (const key of Object.keys(row)) {
    if (!schema.fields.some((field) => field.key === key) && row[key] !== undefined) {
      errors[key] = domainError('unknown_field', `没有字段“${shown(key)}”`, `no field "${shown(key)}"`);
    }
  }
  const bad = Object.keys(errors);
  if (bad.length === 0) return ok(values);
  return fail({
    ...domainError(
      'invalid_row',
      `有 ${bad.length} 个字段不正确：${bad.join('、')}`,
      `${bad.length} invalid field(s): ${bad.join(', ')}`,
    ),
    fields: errors,
  });
}

/** The field with this key, if the schema has one. */
export function fieldByKey(
  schema: { readonly fields: readonly FieldDef[] },
  key: string,
): FieldDef | undefined {
  return schema.fields.find((field) => field.key === key);
}
