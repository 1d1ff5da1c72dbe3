// What a table schema is: the table names and the shape every schema has. Kept apart from
// the registry in schema.ts, which imports each table's schema, so no schema imports it back.
import type { FieldDef } from './fields.ts';

export const TABLE_NAMES = ['ledger', 'roster', 'sites', 'committees', 'people', 'checks'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export interface TableSchema {
  readonly table: TableName;
  /** Bumped with a migration whenever base fields change meaning. */
  readonly version: number;
  readonly fields: readonly FieldDef[];
}

export function isTableName(value: unknown): value is TableName {
  return typeof value === 'string' && (TABLE_NAMES as readonly string[]).includes(value);
}
