// The rules for a table document's meta: its table kind and schema version are fixed by
// the room's name and the server (never by what a client writes, nor by the document
// after the change); custom columns are the office's and must fit every row.
import { isSiteKind, parseChecklist } from '../checks/checklists.ts';
import { CHECKLIST_META_PREFIX, parseRoundMeta, ROUND_META_KEY } from '../checks/round.ts';
import { type DomainError, domainError } from '../core/result.ts';
import { parseFieldDef } from '../schema/field-def.ts';
import { fieldByKey, type RowValues, validateValue } from '../schema/fields.ts';
import { schemaForTable } from '../schema/schema.ts';
import type { Room } from '../sync/rooms.ts';
import { CUSTOM_FIELD_PREFIX } from '../sync/table-meta.ts';
import { isOffice, type Principal } from './access.ts';
import { DEADLINE_RULE_PREFIX, deadlineRuleCategory, parseDeadlineRule } from './deadline-rule.ts';
import { checkEvidenceSetting, EVIDENCE_PREFIX } from './issue-evidence.ts';

export interface MetaChange {
  key: string;
  after: unknown;
}

export interface MetaContext {
  principal: Principal;
  room: Room;
  /** Every row as it is after the change, for a custom column's values. */
  rowsAfter?: () => Iterable<readonly [string, RowValues]>;
}

const TABLE = 'table';
const SCHEMA_VERSION = 'schemaVersion';

/** The meta keys a client may write (the fixed ones only with their fixed values). */
export function isMetaKey(key: string): boolean {
  return (
    key === TABLE ||
    key === SCHEMA_VERSION ||
    key.startsWith(CUSTOM_FIELD_PREFIX) ||
    // A check round's meta (allowed in `checks` rooms only, by checkMeta).
    key === ROUND_META_KEY ||
    key.startsWith(CHECKLIST_META_PREFIX) ||
    key.startsWith(EVIDENCE_PREFIX) ||
    key.startsWith(DEADLINE_RULE_PREFIX)
  );
}

function notAllowed(zh: string, en: string): DomainError<'meta_not_allowed'> {
  return domainError('meta_not_allowed', zh, en);
}

function checkCustomColumn(ctx: MetaContext, change: MetaChange): DomainError | null {
  if (!isOffice(ctx.principal)) {
    return notAllowed('只有街道可以增加自定义列', 'only the office may add custom columns');
  }
  const key = change.key.slice(CUSTOM_FIELD_PREFIX.length);
  const shown = key.slice(0, 40);
  if (fieldByKey(schemaForTable(ctx.room.table), key)) {
    return notAllowed(`“${shown}”是固定字段`, `"${shown}" is a built-in field`);
  }
  const rows = ctx.rowsAfter?.() ?? [];
  if (change.after === undefined) {
    for (const [, row] of rows) {
      // Even an empty value: the key would be left in the row with no field to define it.
      if (row[key] !== undefined) {
        return notAllowed(`自定义列“${shown}”仍有数据`, `custom column "${shown}" still holds values`);
      }
    }
    return null;
  }
  const parsed = parseFieldDef(change.after);
  if (!parsed.ok) return parsed.error;
  if (parsed.value.key !== key) {
    return notAllowed('自定义列的键名与定义不符', 'the custom column is stored under another key');
  }
  for (const [, row] of rows) {
    const valid = validateValue(parsed.value, row[key]);
    if (!valid.ok) return valid.error;
  }
  return null;
}

/**
 * A check round's own meta: the round and its checklists, set by the office. Undefined for
 * a key that is neither.
 */
function checkRoundMeta(ctx: MetaContext, change: MetaChange): DomainError | null | undefined {
  const isRound = change.key === ROUND_META_KEY;
  if (!isRound && !change.key.startsWith(CHECKLIST_META_PREFIX)) return undefined;
  if (!isOffice(ctx.principal)) {
    return notAllowed('检查轮次和检查清单由街道设置', 'the office sets the round and its checklists');
  }
  if (!isRound && !isSiteKind(change.key.slice(CHECKLIST_META_PREFIX.length))) {
    return notAllowed('检查清单须对应一种点位类型', 'a checklist belongs to one site kind');
  }
  if (change.after === undefined)
    return isRound ? notAllowed('不能删除轮次设置', 'the round cannot be removed') : null;
  const parsed = isRound ? parseRoundMeta(change.after) : parseChecklist(change.after);
  return parsed.ok ? null : parsed.error;
}

/** A category's deadline rule (`deadline.<category>`): the office's, on the ledger, valid or removed. */
function checkDeadlineRule(ctx: MetaContext, change: MetaChange): DomainError | null {
  if (!isOffice(ctx.principal)) {
    return notAllowed('只有街道可以设定整改时限规则', 'only the office may set deadline rules');
  }
  const shown = change.key.slice(0, 40);
  if (ctx.room.table !== 'ledger' || deadlineRuleCategory(change.key) === null) {
    return notAllowed(`不允许的表设置“${shown}”`, `meta key "${shown}" is not allowed`);
  }
  if (change.after === undefined) return null;
  const parsed = parseDeadlineRule(change.after);
  return parsed.ok ? null : parsed.error;
}

/** Null when a meta key may take this value; otherwise why not. */
export function checkMeta(ctx: MetaContext, change: MetaChange): DomainError | null {
  if (change.key === TABLE) {
    return change.after === ctx.room.table
      ? null
      : notAllowed('表类型由房间决定，不能更改', 'the table kind is fixed by the room and cannot change');
  }
  if (change.key === SCHEMA_VERSION) {
    return change.after === schemaForTable(ctx.room.table).version
      ? null
      : notAllowed(
          '表结构版本由服务器确定，不能更改',
          'the schema version is the server’s and cannot change',
        );
  }
  if (change.key.startsWith(CUSTOM_FIELD_PREFIX)) return checkCustomColumn(ctx, change);
  if (ctx.room.table === 'checks') {
    const err = checkRoundMeta(ctx, change);
    if (err !== undefined) return err;
  }
  if (change.key.startsWith(EVIDENCE_PREFIX))
    return checkEvidenceSetting(ctx.principal, ctx.room, change.key, change.after);
  if (change.key.startsWith(DEADLINE_RULE_PREFIX)) return checkDeadlineRule(ctx, change);
  return notAllowed(
    `不允许的表设置“${change.key.slice(0, 40)}”`,
    `meta key "${change.key.slice(0, 40)}" is not allowed`,
  );
}
