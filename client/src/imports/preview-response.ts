// The answer of POST /api/import/preview as the import dialog reads it: checked for shape
// before use, so a proxy's error page or a half answer is an error, not a crash.
import type { FieldKind, ImportPreview, LocalizedText } from '@civic-ledger/shared';

/** A field of the target table as the server offers it to the mapping step. */
export interface PreviewField {
  readonly key: string;
  readonly label: LocalizedText;
  readonly kind: FieldKind;
  readonly required: boolean;
}

export interface PreviewResponse {
  readonly format: 'xlsx' | 'csv';
  /** Every sheet of the workbook (one, `CSV`, for a CSV file). */
  readonly sheets: readonly string[];
  /** The sheet read: the one asked for, or the one that looks most like the table. */
  readonly sheet: string;
  readonly fields: readonly PreviewField[];
  readonly preview: ImportPreview;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isLocalized(v: unknown): v is LocalizedText {
  return isObject(v) && typeof v['zh-CN'] === 'string' && typeof v.en === 'string';
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

function isPreview(v: unknown): v is ImportPreview {
  if (!isObject(v)) return false;
  const { headerRow, columns, missingRequired, rows, rejected, skipped } = v;
  return (
    typeof headerRow === 'number' &&
    Array.isArray(columns) &&
    columns.every(
      (c) =>
        isObject(c) &&
        typeof c.column === 'number' &&
        typeof c.header === 'string' &&
        (c.field === null || typeof c.field === 'string'),
    ) &&
    Array.isArray(missingRequired) &&
    missingRequired.every((m) => isObject(m) && typeof m.key === 'string' && isLocalized(m.label)) &&
    Array.isArray(rows) &&
    rows.every((r) => isObject(r) && typeof r.line === 'number' && isObject(r.values)) &&
    Array.isArray(rejected) &&
    rejected.every(
      (r) =>
        isObject(r) &&
        typeof r.line === 'number' &&
        isStringArray(r.cells) &&
        Array.isArray(r.problems) &&
        r.problems.every((p) => isObject(p) && typeof p.code === 'string' && isLocalized(p.message)),
    ) &&
    isObject(skipped) &&
    typeof skipped.blank === 'number' &&
    typeof skipped.repeatedHeader === 'number' &&
    typeof skipped.totals === 'number'
  );
}

/** The answer, or null when it is not one the dialog can show. */
export function parsePreviewResponse(body: unknown): PreviewResponse | null {
  if (!isObject(body)) return null;
  const { format, sheets, sheet, fields, preview } = body;
  if (format !== 'xlsx' && format !== 'csv') return null;
  if (!isStringArray(sheets) || typeof sheet !== 'string') return null;
  if (
    !Array.isArray(fields) ||
    !fields.every(
      (f) =>
        isObject(f) &&
        typeof f.key === 'string' &&
        isLocalized(f.label) &&
        typeof f.kind === 'string' &&
        typeof f.required === 'boolean',
    )
  )
    return null;
  if (!isPreview(preview)) return null;
  return { format, sheets, sheet, fields: fields as PreviewField[], preview };
}
