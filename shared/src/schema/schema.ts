// The table schemas: which fields each campaign table has, and the registry that maps a
// table name to its schema. Custom columns from a table's meta extend a base schema.
import { checksSchema } from './checks-schema.ts';
import { committeesSchema } from './committees-schema.ts';
import type { FieldDef } from './fields.ts';
import { ledgerSchema } from './ledger-schema.ts';
import { peopleSchema } from './people-schema.ts';
import { rosterSchema } from './roster-schema.ts';
import { sitesSchema } from './sites-schema.ts';
import type { TableName, TableSchema } from './table-schema.ts';

const SCHEMAS: Record<TableName, TableSchema> = {
  ledger: ledgerSchema,
  roster: rosterSchema,
  sites: sitesSchema,
  committees: committeesSchema,
  people: peopleSchema,
  checks: checksSchema,
};

export function schemaForTable(table: TableName): TableSchema {
  return SCHEMAS[table];
}

/**
 * The base schema followed by custom fields, in the order given. A custom field whose key
 * is already taken (by a base field or an earlier custom field) is left out: base wins.
 */
export function effectiveSchema(base: TableSchema, customFields: readonly FieldDef[]): TableSchema {
  const fields = [...base.fields];
  for (const field of customFields) {
    if (!fields.some((f) => f.key === field.key)) fields.push(field);
  }
  return { ...base, fields };
}
