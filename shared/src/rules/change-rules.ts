// The rules an accepted change must keep, whoever makes it: rows only under valid row
// ids, created complete, every changed value valid for its field (emptying included),
// rows in the right committee, status changes the role may make, the office's fields and
// rights kept to the office, and the meta rules. The server checks every update with
// these before it applies it; the browser checks every local edit with the same function.

import { checkCheckRow } from '../checks/check-rules.ts';
import { type ActiveCheck, checkCheckerChange } from '../checks/checker-rights.ts';
import type { RoundDocument } from '../checks/round.ts';
import { issueCode } from '../core/ids.ts';
import type { LocalizedText } from '../core/localized.ts';
import { type DomainError, domainError } from '../core/result.ts';
import { type CellValue, fieldByKey, type RowValues, validateValue } from '../schema/fields.ts';
import type { LedgerStatus } from '../schema/ledger-schema.ts';
import type { TableSchema } from '../schema/table-schema.ts';
import { isOffice } from './access.ts';
import { checkEvidence, type EvidencePolicy } from './issue-evidence.ts';
import { checkExtensionRequest, checkParkedReason } from './issue-extensions.ts';
import { checkIssueDelete, checkPatrolChange, checkRecurrences, checkSourceChange } from './issue-rights.ts';
import { checkTransition, OFFICE_ONLY_LEDGER_FIELDS } from './issue-workflow.ts';
import { checkMeta, type MetaChange, type MetaContext } from './meta-rules.ts';

/** One row as it was and is after a change; `fields` lists the keys whose value changed. */
export interface RowChange {
  rowId: string;
  before: RowValues | null;
  after: RowValues | null;
  fields: readonly string[];
  /**
   * Values the change wrote that lost to a concurrent write of the same field (the row kept
   * the other value), by field; the rules ignore them, the audit trail records them.
   */
  lost?: Readonly<Record<string, CellValue>>;
}

/**
 * The audit trail's field for a value written at the same time as another and not kept:
 * `<field key>` + this mark, with `before` the value kept and `after` the value lost.
 */
export const OVERWRITTEN_MARK = '~overwritten';

export interface ChangeContext extends MetaContext {
  /** The room's schema: its table's (from the room name) with the custom columns after the change. */
  schema: TableSchema;
  /** In a `checks` room: the round's meta and checklists as they were before the change. */
  round?: RoundDocument;
  /** Today in Shanghai (`YYYY-MM-DD`), where the rules depend on it (a round's dates). */
  today?: string;
  /** Who checks whom in the running rounds (given by the server; none when absent). */
  checks?: readonly ActiveCheck[];
  /** A ledger's evidence rules per category, as its meta holds them after the change; none: no photo needed. */
  evidence?: EvidencePolicy;
}

export type ChangeRuleCode =
  | 'invalid_row_id'
  | 'unknown_field'
  | 'invalid_value'
  | 'wrong_committee'
  | 'field_office_only'
  | 'delete_office_only'
  | 'meta_not_allowed'
  | 'required_cleared'
  | 'row_incomplete';

type RuleError = DomainError<ChangeRuleCode | string>;

/** Fields that may never be emptied once a row has them, even where optional. */
const KEEP: readonly string[] = ['id', 'committeeId', 'status'];

/** Empty as a cell: absent, null, '' or an empty list. Emptying is a change like any other. */
export function isEmptyCell(value: CellValue | undefined): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/** How a refusal names a row: an issue by its human code (as the grid shows it), other rows by id. */
export function rowLabel(table: string, rowId: string): LocalizedText {
  if (table === 'ledger') return { 'zh-CN': `问题 ${issueCode(rowId)}`, en: `issue ${issueCode(rowId)}` };
  const shown = rowId.slice(0, 40);
  return { 'zh-CN': `行 ${shown}`, en: `row ${shown}` };
}

/** A refusal about one row, its message prefixed with how the row is named (`rowLabel`). */
export function refusalForRow(table: string, rowId: string, err: DomainError): RuleError {
  const label = rowLabel(table, rowId);
  return {
    code: err.code,
    message: {
      'zh-CN': `${label['zh-CN']}：${err.message['zh-CN']}`,
      en: `${label.en}: ${err.message.en}`,
    },
  };
}

/** A row key must be a valid value of the table's `id` field (a row id; a committee id for committees). */
export function checkRowKey(schema: TableSchema, rowId: string): RuleError | null {
  const idField = fieldByKey(schema, 'id');
  if (idField && validateValue(idField, rowId).ok) return null;
  const shown = rowId.slice(0, 40);
  return domainError('invalid_row_id', `无效的行编号“${shown}”`, `invalid row id "${shown}"`);
}

function unknownField(key: string): RuleError {
  const shown = key.slice(0, 40);
  return domainError('unknown_field', `未知字段“${shown}”`, `unknown field "${shown}"`);
}

/**
 * What an update writes under, whatever it writes there (a value, or content no row shows):
 * a row only under a valid row id, in a row only keys the schema (with the office's custom
 * columns) defines. Null when all are; otherwise the refusal, naming the row.
 */
export function checkWrittenKeys(
  schema: TableSchema,
  rowId: string,
  keys: Iterable<string>,
): RuleError | null {
  const badKey = checkRowKey(schema, rowId);
  if (badKey) return refusalForRow(schema.table, rowId, badKey);
  for (const key of keys)
    if (!fieldByKey(schema, key)) return refusalForRow(schema.table, rowId, unknownField(key));
  return null;
}

function checkField(ctx: ChangeContext, change: RowChange, key: string): RuleError | null {
  const { rowId, before, after } = change;
  const field = fieldByKey(ctx.schema, key);
  const value = after?.[key];
  // Taking a value away from a key no field defines only cleans the row.
  if (!field) return value === undefined ? null : unknownField(key);
  if (ctx.schema.table === 'ledger' && !isOffice(ctx.principal) && OFFICE_ONLY_LEDGER_FIELDS.includes(key)) {
    return domainError(
      'field_office_only',
      `“${field.label['zh-CN']}”由街道核查时填写`,
      `${field.label.en} is set by the office`,
    );
  }
  if (isEmptyCell(value)) {
    if (field.required || (KEEP.includes(key) && before?.[key] != null)) {
      return domainError(
        'required_cleared',
        `“${field.label['zh-CN']}”不能清空`,
        `${field.label.en} cannot be cleared`,
      );
    }
    return null;
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
  return null;
}

/** A new row holds every required field at once: rows are created complete, in one change. */
function checkComplete(schema: TableSchema, after: RowValues): RuleError | null {
  for (const field of schema.fields) {
    if (field.required && isEmptyCell(after[field.key])) {
      return domainError(
        'row_incomplete',
        `新记录须填写“${field.label['zh-CN']}”`,
        `a new row needs ${field.label.en}`,
      );
    }
  }
  return null;
}

function checkLedgerRow(ctx: ChangeContext, change: RowChange, after: RowValues): RuleError | null {
  const { before, fields } = change;
  if (fields.includes('status')) {
    const from = (before?.status ?? null) as LedgerStatus | null;
    const to = after.status as LedgerStatus | undefined;
    if (to !== undefined) {
      const err = checkTransition(ctx.principal, from, to, before);
      if (err) return err;
    }
  }
  const evidence = checkEvidence(ctx.principal, ctx.evidence ?? new Map(), before, after, fields);
  if (evidence) return evidence;
  if (fields.includes('source')) {
    const err = checkSourceChange(ctx.principal, before);
    if (err) return err;
  }
  if (fields.includes('status') || fields.includes('parkedReason')) {
    const err = checkParkedReason(after);
    if (err) return err;
  }
  if (fields.includes('extensionDeadline') || fields.includes('extensionReason')) {
    const err = checkExtensionRequest(after);
    if (err) return err;
  }
  if (before === null || fields.includes('recurrences'))
    return checkRecurrences(ctx.principal, before, after);
  return null;
}

function checkRow(ctx: ChangeContext, change: RowChange): RuleError | null {
  const { rowId, before, after } = change;
  const ledger = ctx.schema.table === 'ledger';
  const patrol = checkPatrolChange(ctx.principal, ctx.schema.table, before, after, change.fields);
  if (patrol) return patrol;
  const checker = checkCheckerChange(ctx.principal, ctx.room, ctx.checks, before, after, change.fields);
  if (checker) return checker;
  if (ctx.schema.table === 'checks') {
    const err = checkCheckRow(ctx.principal, ctx.round, before, after, ctx.today);
    if (err) return err;
  }
  if (after === null) return ledger && before !== null ? checkIssueDelete(ctx.principal, before) : null;
  const badKey = checkRowKey(ctx.schema, rowId);
  if (badKey) return badKey;
  for (const key of change.fields) {
    const err = checkField(ctx, change, key);
    if (err) return err;
  }
  if (before === null) {
    const err = checkComplete(ctx.schema, after);
    if (err) return err;
  }
  return ledger ? checkLedgerRow(ctx, change, after) : null;
}

/** Null when every change keeps the rules; otherwise the first broken rule, naming the row. */
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
    if (err) return refusalForRow(ctx.schema.table, r.rowId, err);
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
