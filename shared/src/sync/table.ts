// The generic table model over Yjs, used alike by the server and the React client. A
// table document keeps its rows in `doc.getMap('rows')` (row id → Y.Map of field key →
// value); every write is validated against the document's schema and is one transaction.
import * as Y from 'yjs';
import { newRowId } from '../core/ids.ts';
import { type DomainError, domainError, fail, ok, type Result } from '../core/result.ts';
import { nowIsoShanghai } from '../core/time.ts';
import {
  type CellValue,
  type FieldError,
  fieldByKey,
  isPhotoRef,
  type PhotoRef,
  type RowValues,
  validateRow,
  validateValue,
} from '../schema/fields.ts';
import { schemaForTable } from '../schema/schema.ts';
import type { TableName } from '../schema/table-schema.ts';
import { initTable, readTableSchema, type TableError } from './table-meta.ts';

export const ROWS_MAP = 'rows';
// Stamped by the model when the schema has them, so no caller can forget.
const CREATED_AT = 'createdAt';
const UPDATED_AT = 'updatedAt';

function rowsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ROWS_MAP);
}

// Only cell values are shown; anything else a foreign client wrote is ignored.
function toCell(value: unknown): CellValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return [...value];
  // A photos field: a list of photo references (the schema's validation says which field).
  if (Array.isArray(value) && value.every(isPhotoRef)) return value.map((p: PhotoRef) => ({ ...p }));
  return undefined;
}

function plainRow(id: string, row: Y.Map<unknown>): RowValues {
  const out: RowValues = {};
  for (const [key, value] of row.entries()) {
    const cell = toCell(value);
    if (cell !== undefined) out[key] = cell;
  }
  out.id = id; // the map key is the identity, whatever the stored `id` cell says
  return out;
}

function rowMap(doc: Y.Doc, rowId: string): Y.Map<unknown> | undefined {
  const row = rowsOf(doc).get(rowId);
  return row instanceof Y.Map ? row : undefined;
}

/** Every row as a plain object (a field with no key is null), sorted by id (ULIDs: by creation). */
export function readRows(doc: Y.Doc): RowValues[] {
  const out: RowValues[] = [];
  for (const [id, row] of rowsOf(doc).entries()) {
    if (row instanceof Y.Map) out.push(plainRow(id, row));
  }
  return out.sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
}

export function getRow(doc: Y.Doc, rowId: string): RowValues | undefined {
  const row = rowMap(doc, rowId);
  return row ? plainRow(rowId, row) : undefined;
}

function rowNotFound(rowId: string): { ok: false; error: DomainError<'row_not_found'> } {
  return fail(domainError('row_not_found', `没有这一行：${rowId}`, `no such row: ${rowId}`));
}

/**
 * Add a row. Missing `id` gets a new row id, missing fields their defaults, and
 * `createdAt` / `updatedAt` the current time when the schema has them. Returns the stored row.
 */
export function insertRow(
  doc: Y.Doc,
  values: Readonly<Record<string, unknown>>,
  origin?: unknown,
): Result<RowValues, TableError> {
  const schema = readTableSchema(doc);
  if (!schema.ok) return schema;
  const input: Record<string, unknown> = { ...values };
  if (input.id === undefined || input.id === null || input.id === '') input.id = newRowId();
  const now = nowIsoShanghai();
  for (const field of schema.value.fields) {
    if (input[field.key] !== undefined) continue;
    if (field.default !== undefined) input[field.key] = field.default;
    else if ((field.key === CREATED_AT || field.key === UPDATED_AT) && field.kind === 'datetime')
      input[field.key] = now;
  }
  const checked = validateRow(schema.value, input);
  if (!checked.ok) return checked;
  const id = String(checked.value.id);
  const rows = rowsOf(doc);
  if (rows.has(id))
    return fail(domainError('row_exists', `这一行已存在：${id}`, `row already exists: ${id}`));
  doc.transact(() => rows.set(id, new Y.Map<unknown>(Object.entries(checked.value))), origin);
  return ok({ ...checked.value, id });
}

function sameCell(a: unknown, b: CellValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b || (a === undefined && b === null);
}

/**
 * Change some fields of one row, all or nothing, in one transaction. Unchanged values are
 * not rewritten; if anything changed and the schema has `updatedAt`, it is stamped.
 */
export function updateRow(
  doc: Y.Doc,
  rowId: string,
  patch: Readonly<Record<string, unknown>>,
  origin?: unknown,
): Result<RowValues, TableError> {
  const schema = readTableSchema(doc);
  if (!schema.ok) return schema;
  const row = rowMap(doc, rowId);
  if (!row) return rowNotFound(rowId);
  const changes: [string, CellValue][] = [];
  const errors: Record<string, FieldError> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'id') {
      if (value === rowId) continue;
      return fail(domainError('id_immutable', '编号不能修改', 'the id cannot be changed'));
    }
    const field = fieldByKey(schema.value, key);
    if (!field) return fail(domainError('unknown_field', `没有字段“${key}”`, `no field "${key}"`));
    const checked = validateValue(field, value);
    if (!checked.ok) errors[key] = checked.error;
    else if (!sameCell(row.get(key), checked.value)) changes.push([key, checked.value]);
  }
  const bad = Object.keys(errors);
  if (bad.length > 0) {
    const [first] = bad;
    if (bad.length === 1 && first !== undefined && errors[first]) return fail(errors[first]);
    return fail({
      ...domainError(
        'invalid_row',
        `有 ${bad.length} 个字段不正确：${bad.join('、')}`,
        `${bad.length} invalid fields: ${bad.join(', ')}`,
      ),
      fields: errors,
    });
  }
  if (
    changes.length > 0 &&
    !(UPDATED_AT in patch) &&
    fieldByKey(schema.value, UPDATED_AT)?.kind === 'datetime'
  ) {
    changes.push([UPDATED_AT, nowIsoShanghai()]);
  }
  if (changes.length > 0) {
    doc.transact(() => {
      for (const [key, value] of changes) {
        if (value === null) row.delete(key);
        else row.set(key, value);
      }
    }, origin);
  }
  return ok(plainRow(rowId, row));
}

/** Change one cell; returns the stored value (null when cleared). */
export function setCell(
  doc: Y.Doc,
  rowId: string,
  key: string,
  value: unknown,
  origin?: unknown,
): Result<CellValue, TableError> {
  const updated = updateRow(doc, rowId, { [key]: value }, origin);
  return updated.ok ? ok(updated.value[key] ?? null) : updated;
}

export function deleteRow(doc: Y.Doc, rowId: string, origin?: unknown): Result<null, TableError> {
  if (!rowMap(doc, rowId)) return rowNotFound(rowId);
  doc.transact(() => rowsOf(doc).delete(rowId), origin);
  return ok(null);
}

/** Which rows one transaction touched, for batched grid updates. Ids are sorted. */
export interface RowsChange {
  readonly added: readonly string[];
  readonly updated: readonly string[];
  readonly deleted: readonly string[];
  /** The origin passed to the write (or the sync provider for remote updates). */
  readonly origin: unknown;
  /** True for changes made on this peer, false for applied remote updates. */
  readonly local: boolean;
}

/** Call `listener` once per transaction that touches rows. Returns the unsubscribe function. */
export function observeRows(doc: Y.Doc, listener: (change: RowsChange) => void): () => void {
  const rows = rowsOf(doc);
  const handler = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
    const added = new Set<string>();
    const updated = new Set<string>();
    const deleted = new Set<string>();
    for (const event of events) {
      if (event.target === rows) {
        for (const [key, change] of event.changes.keys) {
          if (change.action === 'add') added.add(key);
          else if (change.action === 'delete') deleted.add(key);
          else updated.add(key); // the whole row map was replaced
        }
      } else {
        const rowId = event.path[0];
        if (typeof rowId === 'string') updated.add(rowId);
      }
    }
    for (const id of [...added, ...deleted]) updated.delete(id);
    if (added.size + updated.size + deleted.size === 0) return;
    listener({
      added: [...added].sort(),
      updated: [...updated].sort(),
      deleted: [...deleted].sort(),
      origin: transaction.origin,
      local: transaction.local,
    });
  };
  rows.observeDeep(handler);
  return () => rows.unobserveDeep(handler);
}

/** A new document for `table` holding `rows` (each validated as by `insertRow`), in one transaction. */
export function buildRoomDoc(
  table: TableName,
  rows: readonly Readonly<Record<string, unknown>>[],
): Result<Y.Doc, TableError> {
  const doc = new Y.Doc();
  const init = initTable(doc, schemaForTable(table));
  if (!init.ok) return init;
  let failure: TableError | undefined;
  doc.transact(() => {
    for (const [index, row] of rows.entries()) {
      const inserted = insertRow(doc, row);
      if (inserted.ok) continue;
      const { message } = inserted.error;
      failure = {
        ...inserted.error,
        message: {
          'zh-CN': `第 ${index + 1} 行：${message['zh-CN']}`,
          en: `row ${index + 1}: ${message.en}`,
        },
      };
      return;
    }
  });
  if (failure) {
    doc.destroy();
    return fail(failure);
  }
  return ok(doc);
}
