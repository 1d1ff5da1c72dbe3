// The rules an accepted change must keep, whoever makes it: values valid for their
// field, rows in the right committee, status changes the role may make, custom columns
// only by the office. The server checks every update with these before it applies it.

import { isCommitteeId, isRowId } from '../core/ids.ts';
import { type DomainError, domainError } from '../core/result.ts';
import { parseFieldDef } from '../schema/field-def.ts';
import { type CellValue, fieldByKey, type RowValues, validateValue } from '../schema/fields.ts';
import type { LedgerStatus } from '../schema/ledger-schema.ts';
import type { TableSchema } from '../schema/table-schema.ts';
import type { Room } from '../sync/rooms.ts';
import { CUSTOM_FIELD_PREFIX } from '../sync/table-meta.ts';
import { isOffice, type Principal } from './access.ts';
import { checkTransition, OFFICE_ONLY_LEDGER_FIELDS } from './issue-workflow.ts';

/** One row as it was and is after a change; `fields` lists the keys whose value changed. */
export interface RowChange {
  rowId: string;
  before: RowValues | null;
  after: RowValues | null;
  fields: readonly string[];
}

export interface MetaChange {
  key: string;
  after: unknown;
}

export interface ChangeContext {
  schema: TableSchema;
  principal: Principal;
  room: Room;
}

export type ChangeRuleCode =
  | 'invalid_row_id'
  | 'unknown_field'
  | 'invalid_value'
  | 'wrong_committee'
  | 'field_office_only'
  | 'delete_office_only'
  | 'meta_not_allowed'
  | 'required_cleared';

type RuleError = DomainError<ChangeRuleCode | string>;

/** Fields that may never be emptied once a row has them. */
const KEEP: readonly string[] = ['id', 'committeeId', 'status'];

function describe(rowId: string, err: DomainError): RuleError {
  return {
    code: err.code,
    message: { 'zh-CN': `行 ${rowId}：${err.message['zh-CN']}`, en: `row ${rowId}: ${err.message.en}` },
  };
}

function checkMeta(ctx: ChangeContext, change: MetaChange): RuleError | null {
  if (change.key === 'table') {
    return change.after === ctx.schema.table
      ? null
      : domainError('meta_not_allowed', '不能更改表类型', 'the table kind cannot change');
  }
  if (change.key === 'schemaVersion') {
    return typeof change.after === 'number' && Number.isInteger(change.after)
      ? null
      : domainError('meta_not_allowed', '无效的表结构版本', 'invalid schema version');
  }
  if (change.key.startsWith(CUSTOM_FIELD_PREFIX)) {
    if (!isOffice(ctx.principal)) {
      return domainError(
        'meta_not_allowed',
        '只有街道可以增加自定义列',
        'only the office may add custom columns',
      );
    }
    if (change.after === undefined) return null;
    const parsed = parseFieldDef(change.after);
    return parsed.ok ? null : parsed.error;
  }
  return domainError(
    'meta_not_allowed',
    `不允许的表设置“${change.key}”`,
    `meta key "${change.key}" is not allowed`,
  );
}

function checkRow(ctx: ChangeContext, change: RowChange): RuleError | null {
  const { rowId, before, after } = change;
  const office = isOffice(ctx.principal);
  const shown = rowId.slice(0, 40);
  if (!isRowId(rowId) && !isCommitteeId(rowId)) {
    return domainError('invalid_row_id', `无效的行编号“${shown}”`, `invalid row id "${shown}"`);
  }
  const ledger = ctx.schema.table === 'ledger';
  if (after === null) {
    const status = before?.status;
    if (ledger && !office && (status === 'closed' || status === 'reopened')) {
      return domainError(
        'delete_office_only',
        '已销账或回潮的问题只能由街道删除',
        'only the office may delete a closed or recurred issue',
      );
    }
    return null;
  }
  for (const key of change.fields) {
    const field = fieldByKey(ctx.schema, key);
    if (!field)
      return domainError(
        'unknown_field',
        `未知字段“${key.slice(0, 40)}”`,
        `unknown field "${key.slice(0, 40)}"`,
      );
    const value = after[key] ?? null;
    if (value === null) {
      if (KEEP.includes(key) && before?.[key] != null) {
        return domainError(
          'required_cleared',
          `“${field.label['zh-CN']}”不能清空`,
          `${field.label.en} cannot be cleared`,
        );
      }
      continue;
    }
    const valid = validateValue(field, value);
    if (!valid.ok) return valid.error;
    if (key === 'id' && value !== rowId) {
      return domainError('invalid_value', '行编号与记录不符', 'the id field must equal the row id');
    }
    if (key === 'committeeId' && ctx.room.committeeId !== undefined && value !== ctx.room.committeeId) {
      return domainError(
        'wrong_committee',
        '记录不属于本居委',
        `the row belongs to committee "${String(value)}", not this room's`,
      );
    }
    if (ledger && !office && OFFICE_ONLY_LEDGER_FIELDS.includes(key)) {
      return domainError(
        'field_office_only',
        `“${field.label['zh-CN']}”由街道核查时填写`,
        `${field.label.en} is set by the office`,
      );
    }
  }
  if (ledger && change.fields.includes('status')) {
    const from = (before?.status ?? null) as LedgerStatus | null;
    const to = after.status as LedgerStatus | undefined;
    if (to !== undefined) {
      const err = checkTransition(ctx.principal, from, to);
      if (err) return err;
    }
  }
  return null;
}

/** Null when every change keeps the rules; otherwise the first broken rule, with the row. */
export function checkChanges(
  ctx: ChangeContext,
  rows: readonly RowChange[],
  meta: readonly MetaChange[],
): RuleError | null {
  for (const m of meta) {
    const err = checkMeta(ctx, m);
    if (err) return err;
  }
  for (const r of rows) {
    const err = checkRow(ctx, r);
    if (err) return describe(r.rowId, err);
  }
  return null;
}

/** The keys whose values differ between two versions of a row. */
export function changedFields(before: RowValues | null, after: RowValues | null): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const same = (a: CellValue | undefined, b: CellValue | undefined) =>
    JSON.stringify(a) === JSON.stringify(b);
  return [...keys].filter((k) => !same(before?.[k], after?.[k])).sort();
}
