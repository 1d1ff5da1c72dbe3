// The mapping step's model: which sheet column feeds each field of the table (at most one
// column per field and one field per column), and what goes back to the server.
import { type FieldDef, importableFields, missingRequiredFields } from '@civic-ledger/shared';

/** Field key → 0-based sheet column, or null for none. */
export type ColumnChoice = Readonly<Record<string, number | null>>;

/** The fields the mapping step offers: those the shared import rule fills from a sheet. */
export const mappableFields = importableFields;

/**
 * The choice the server suggested, from its column list, kept to the fields offered (a
 * field the account may not fill is not suggested: every row would be refused for it).
 */
export function choiceFromColumns(
  columns: readonly { readonly column: number; readonly field: string | null }[],
  offered: readonly FieldDef[],
): ColumnChoice {
  const keys = new Set(offered.map((f) => f.key));
  const choice: Record<string, number | null> = {};
  for (const c of columns)
    if (c.field !== null && keys.has(c.field) && !(c.field in choice)) choice[c.field] = c.column;
  return choice;
}

/** `field` takes `column`; a field that had that column before lets go of it. */
export function assignColumn(choice: ColumnChoice, field: string, column: number | null): ColumnChoice {
  const next: Record<string, number | null> = {};
  for (const [key, value] of Object.entries(choice))
    next[key] = column !== null && value === column ? null : value;
  next[field] = column;
  return next;
}

/** The `mapping` parameter of the preview request: one entry per column that feeds a field. */
export function mappingOf(choice: ColumnChoice): { column: number; field: string }[] {
  return Object.entries(choice)
    .flatMap(([field, column]) => (column === null ? [] : [{ column, field }]))
    .sort((a, b) => a.column - b.column);
}

/** The `fixed` parameter: the values filled in, blanks left out. */
export function fixedOf(values: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (value.trim() !== '') out[key] = value.trim();
  return out;
}

/** The spreadsheet's letter for a 0-based column: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * Required fields that neither a column, a fixed value nor a default supplies (the room's
 * committee is supplied by the room): every row would be refused for want of them.
 */
export function missingRequired(
  fields: readonly FieldDef[],
  choice: ColumnChoice,
  fixed: Readonly<Record<string, string>>,
  committeeId: string | null,
): FieldDef[] {
  const supplied = (key: string) => (choice[key] ?? null) !== null || (fixed[key] ?? '').trim() !== '';
  return missingRequiredFields(fields, supplied, committeeId);
}
