// Which fields an import may take from a sheet, and which required ones nothing supplies:
// one rule for the mapping step in the browser and the preview on the server.
import type { FieldDef } from '../schema/fields.ts';
import type { TableSchema } from '../schema/table-schema.ts';

/** Fields the table model stamps itself: never taken from a sheet. */
const STAMPED: ReadonlySet<string> = new Set(['createdAt', 'updatedAt']);

/**
 * Whether `key` of this table is filled from a sheet: every field but the stamps and the row
 * id, which is made on insert (committees are the exception: their id names their rooms).
 */
export function isImportable(schema: TableSchema, key: string): boolean {
  return !STAMPED.has(key) && (key !== 'id' || schema.table === 'committees');
}

/** The fields an import offers to fill, in schema order. */
export function importableFields(schema: TableSchema): FieldDef[] {
  return schema.fields.filter((f) => isImportable(schema, f.key));
}

/**
 * Required fields of `fields` that nothing supplies: not `supplied` (by a column or a fixed
 * value), no default, and not the committee when the room supplies it (`committeeId` not
 * null). Every row would be refused for want of them.
 */
export function missingRequiredFields(
  fields: readonly FieldDef[],
  supplied: (key: string) => boolean,
  committeeId: string | null,
): FieldDef[] {
  return fields.filter(
    (f) =>
      f.required &&
      f.default === undefined &&
      !supplied(f.key) &&
      !(f.key === 'committeeId' && committeeId !== null),
  );
}
