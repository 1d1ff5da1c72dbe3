// A table document's meta (`doc.getMap('meta')`): which table it holds, the schema
// version, and custom field definitions; together they give the document's schema.
import type * as Y from 'yjs';
import { type DomainError, domainError, fail, ok, type Result } from '../core/result.ts';
import { parseFieldDef } from '../schema/field-def.ts';
import { type FieldDef, type FieldError, fieldByKey, type RowError } from '../schema/fields.ts';
import { effectiveSchema, schemaForTable } from '../schema/schema.ts';
import { isTableName, type TableName, type TableSchema } from '../schema/table-schema.ts';

export const META_MAP = 'meta';
/**
 * Custom field definitions live in meta under `field.<key>`, one entry each (not one
 * nested map), so two committees adding columns offline both keep theirs.
 */
export const CUSTOM_FIELD_PREFIX = 'field.';

export type TableErrorCode =
  | 'table_uninitialized'
  | 'table_mismatch'
  | 'row_not_found'
  | 'row_exists'
  | 'id_immutable'
  | 'unknown_field'
  | 'field_exists';
export type TableError =
  | DomainError<TableErrorCode>
  | FieldError
  | RowError
  | DomainError<'invalid_field_def'>;

function metaOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(META_MAP);
}

/**
 * Mark a document as holding `schema.table` (idempotent; safe on every peer). Refused if the
 * document already holds another table. Returns the effective schema.
 */
export function initTable(
  doc: Y.Doc,
  schema: TableSchema,
  origin?: unknown,
): Result<TableSchema, TableError> {
  const meta = metaOf(doc);
  const existing = meta.get('table');
  if (existing !== undefined && existing !== schema.table) {
    return fail(
      domainError(
        'table_mismatch',
        `文档已是 ${String(existing)} 表`,
        `document already holds table ${String(existing)}`,
      ),
    );
  }
  const version = meta.get('schemaVersion');
  if (existing === undefined || typeof version !== 'number' || version < schema.version) {
    doc.transact(() => {
      meta.set('table', schema.table);
      meta.set('schemaVersion', schema.version);
    }, origin);
  }
  return readTableSchema(doc);
}

/** The document's schema: the base schema of its table plus its valid custom fields, by key. */
export function readTableSchema(doc: Y.Doc): Result<TableSchema, TableError> {
  const table = metaOf(doc).get('table');
  if (!isTableName(table)) {
    return fail(domainError('table_uninitialized', '文档尚未初始化为数据表', 'document is not a table yet'));
  }
  return ok(readRoomSchema(doc, table));
}

/**
 * The schema of a room's document when the room's name says which table it holds: that
 * table's base schema plus the custom fields in meta. What meta says the table is does not
 * count here (the rules judge every change by this).
 */
export function readRoomSchema(doc: Y.Doc, table: TableName): TableSchema {
  const meta = metaOf(doc);
  const custom: FieldDef[] = [];
  for (const [key, value] of meta.entries()) {
    if (!key.startsWith(CUSTOM_FIELD_PREFIX)) continue;
    const parsed = parseFieldDef(value);
    if (parsed.ok && parsed.value.key === key.slice(CUSTOM_FIELD_PREFIX.length)) custom.push(parsed.value);
  }
  // Y.Map iteration order differs between peers; sort so every peer sees the same columns.
  custom.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return effectiveSchema(schemaForTable(table), custom);
}

/** Add a custom column (untrusted definition, checked by `parseFieldDef`). */
export function addCustomField(doc: Y.Doc, input: unknown, origin?: unknown): Result<FieldDef, TableError> {
  const parsed = parseFieldDef(input);
  if (!parsed.ok) return parsed;
  const schema = readTableSchema(doc);
  if (!schema.ok) return schema;
  const field = parsed.value;
  if (fieldByKey(schema.value, field.key)) {
    return fail(domainError('field_exists', `字段 ${field.key} 已存在`, `field ${field.key} already exists`));
  }
  doc.transact(() => metaOf(doc).set(CUSTOM_FIELD_PREFIX + field.key, field), origin);
  return ok(field);
}
