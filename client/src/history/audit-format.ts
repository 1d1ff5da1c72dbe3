// A row's audit trail as people read it: who, when (Asia/Shanghai), which field by its
// label, and the value before and after as the grid shows it (option labels, names). A
// value written at the same time as another's and not kept is a line of its own.
import {
  type CellValue,
  fieldByKey,
  isoShanghai,
  type Locale,
  localize,
  OVERWRITTEN_MARK,
  type TableSchema,
} from '@civic-ledger/shared';
import { formatCell } from '../grid/cell-format.ts';
import type { Lookups } from '../registry/lookups.ts';

/** One entry of `GET /api/audit`. */
export interface AuditEntry {
  readonly room: string;
  readonly rowId: string;
  /** A field key, or `*` for the whole row added or deleted. */
  readonly field: string;
  /** JSON of the value before and after; null when absent. */
  readonly before: string | null;
  readonly after: string | null;
  readonly userId: string;
  readonly username: string;
  /** Milliseconds since the epoch. */
  readonly at: number;
}

export interface AuditLine {
  /** `overwritten`: `to` was written at the same time as `from`, which was kept instead. */
  readonly kind: 'change' | 'added' | 'deleted' | 'overwritten';
  readonly who: string;
  /** `YYYY-MM-DD HH:MM:SS`, Shanghai wall time. */
  readonly when: string;
  readonly field: string;
  readonly from: string;
  readonly to: string;
}

function isEntry(value: unknown): value is AuditEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const json = (x: unknown) => x === null || typeof x === 'string';
  return (
    typeof v.rowId === 'string' &&
    typeof v.field === 'string' &&
    typeof v.username === 'string' &&
    typeof v.at === 'number' &&
    json(v.before) &&
    json(v.after)
  );
}

/** The entries of an API answer, newest first; anything malformed is left out. */
export function auditEntries(body: unknown): AuditEntry[] {
  const list = (body as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(list)) return [];
  return list.filter(isEntry).sort((a, b) => b.at - a.at);
}

export function shanghaiTimestamp(ms: number): string {
  return isoShanghai(ms).slice(0, 19).replace('T', ' ');
}

function parseValue(json: string | null): CellValue | null {
  if (json === null) return null;
  try {
    return JSON.parse(json) as CellValue;
  } catch {
    return json;
  }
}

export function formatAuditEntry(
  entry: AuditEntry,
  schema: TableSchema,
  locale: Locale,
  lookups: Lookups,
): AuditLine {
  const base = { who: entry.username, when: shanghaiTimestamp(entry.at) };
  if (entry.field === '*') {
    return { ...base, kind: entry.before === null ? 'added' : 'deleted', field: '', from: '', to: '' };
  }
  const overwritten = entry.field.endsWith(OVERWRITTEN_MARK);
  const key = overwritten ? entry.field.slice(0, -OVERWRITTEN_MARK.length) : entry.field;
  const field = fieldByKey(schema, key);
  const show = (json: string | null) => {
    const value = parseValue(json);
    if (value === null) return '';
    return field ? formatCell(field, value, locale, lookups) : String(value);
  };
  return {
    ...base,
    kind: overwritten ? 'overwritten' : 'change',
    field: field ? localize(field.label, locale) : key,
    from: show(entry.before),
    to: show(entry.after),
  };
}
