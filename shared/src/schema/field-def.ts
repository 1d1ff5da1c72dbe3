// Reading a field definition from untrusted JSON (custom columns kept in a table's meta):
// only known properties survive, and a definition is refused whole if any part is wrong.

import type { LocalizedText } from '../core/localized.ts';
import { type DomainError, domainError, fail, ok, type Result } from '../core/result.ts';
import { FIELD_KINDS, type FieldDef, type FieldKind, type SelectOption, validateValue } from './fields.ts';

/** Keys of custom fields: camelCase-ish identifiers, so they never collide with row ids. */
export const CUSTOM_FIELD_KEY_PATTERN = '^[a-z][A-Za-z0-9_]{0,39}$';
const KEY_RE = new RegExp(CUSTOM_FIELD_KEY_PATTERN);
const MAX_LABEL = 100;
const MAX_OPTIONS = 200;

type FieldDefError = DomainError<'invalid_field_def'>;

function refuse(zh: string, en: string): { ok: false; error: FieldDefError } {
  return fail(domainError('invalid_field_def', `字段定义无效：${zh}`, `invalid field definition: ${en}`));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readLabel(value: unknown): LocalizedText | null {
  if (!isRecord(value)) return null;
  const zh = value['zh-CN'];
  const en = value.en;
  if (typeof zh !== 'string' || typeof en !== 'string') return null;
  if (zh.length === 0 || zh.length > MAX_LABEL || en.length === 0 || en.length > MAX_LABEL) return null;
  return { 'zh-CN': zh, en };
}

function readOptions(value: unknown): SelectOption[] | null {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_OPTIONS) return null;
  const options: SelectOption[] = [];
  for (const item of value) {
    if (
      !isRecord(item) ||
      typeof item.value !== 'string' ||
      item.value === '' ||
      item.value.length > MAX_LABEL
    ) {
      return null;
    }
    const label = readLabel(item.label);
    if (!label || options.some((o) => o.value === item.value)) return null;
    options.push({ value: item.value, label });
  }
  return options;
}

function optionalNumber(value: unknown): number | undefined | null {
  if (value === undefined) return undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function isFieldKind(value: unknown): value is FieldKind {
  return typeof value === 'string' && (FIELD_KINDS as readonly string[]).includes(value);
}

/**
 * A clean field definition from untrusted input. Custom fields may not carry a `pattern`
 * (a regular expression from any client would run on the server).
 */
export function parseFieldDef(input: unknown): Result<FieldDef, FieldDefError> {
  if (!isRecord(input)) return refuse('不是对象', 'not an object');
  const { key, kind } = input;
  if (typeof key !== 'string' || !KEY_RE.test(key)) {
    return refuse(`键名须匹配 ${CUSTOM_FIELD_KEY_PATTERN}`, `key must match ${CUSTOM_FIELD_KEY_PATTERN}`);
  }
  if (!isFieldKind(kind)) return refuse(`未知类型 ${String(kind)}`, `unknown kind ${String(kind)}`);
  const label = readLabel(input.label);
  if (!label) return refuse('标签须有中文和英文', 'label needs zh-CN and en text');
  if (input.required !== undefined && typeof input.required !== 'boolean') {
    return refuse('required 须为布尔值', 'required must be a boolean');
  }
  const base = { key, label, ...(input.required === true ? { required: true } : {}) };
  let field: FieldDef;
  switch (kind) {
    case 'text': {
      const maxLength = optionalNumber(input.maxLength);
      if (
        maxLength === null ||
        (maxLength !== undefined && (!Number.isInteger(maxLength) || maxLength < 1))
      ) {
        return refuse('maxLength 须为正整数', 'maxLength must be a positive integer');
      }
      field = { ...base, kind, ...(maxLength !== undefined ? { maxLength } : {}) };
      break;
    }
    case 'number': {
      const min = optionalNumber(input.min);
      const max = optionalNumber(input.max);
      if (min === null || max === null || (min !== undefined && max !== undefined && min > max)) {
        return refuse('min/max 无效', 'invalid min/max');
      }
      field = {
        ...base,
        kind,
        ...(min !== undefined ? { min } : {}),
        ...(max !== undefined ? { max } : {}),
        ...(input.integer === true ? { integer: true } : {}),
      };
      break;
    }
    case 'select':
    case 'multiselect': {
      const options = readOptions(input.options);
      if (!options)
        return refuse('选项须为不重复的值和中英文标签', 'options need unique values and zh-CN/en labels');
      field = { ...base, kind, options };
      break;
    }
    default:
      field = { ...base, kind };
  }
  if (input.default !== undefined) {
    const checked = validateValue(field, input.default);
    if (!checked.ok) return refuse('默认值不符合该字段', 'default does not fit the field');
    field = { ...field, default: checked.value };
  }
  return ok(field);
}
