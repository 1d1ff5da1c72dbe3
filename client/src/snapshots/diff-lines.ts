// The server's diff of two states (the shared `diffDistrict`) as one list of lines for the
// compare table: each row added, written off, recurred, changed or removed, with its table,
// committee, a readable title and its changed fields in words.
import {
  type CellValue,
  type DistrictDiff,
  type FieldChange,
  issueCode,
  type Locale,
  localize,
  parseRoomName,
  type RowValues,
  schemaForTable,
  TABLE_NAMES,
  type TableName,
  textOf,
} from '@civic-ledger/shared';
import { formatCell } from '../grid/cell-format.ts';
import type { Lookups } from '../registry/lookups.ts';

export const DIFF_KINDS = ['added', 'closed', 'reopened', 'changed', 'removed'] as const;
export type DiffKind = (typeof DIFF_KINDS)[number];

export interface DiffLine {
  /** Unique among the lines: kind, room and row id. */
  readonly key: string;
  readonly kind: DiffKind;
  readonly table: TableName;
  readonly room: string;
  readonly committeeId: string | null;
  readonly id: string;
  /** The row as it is on the later side (the earlier one for removed rows). */
  readonly row: Readonly<RowValues>;
  /** Changed fields; for written-off and recurred rows, those of the same row's change. */
  readonly changes: readonly FieldChange[];
}

function committeeOf(room: string, row: Readonly<RowValues>): string | null {
  const parsed = parseRoomName(room);
  if (parsed.ok && parsed.value.committeeId !== undefined) return parsed.value.committeeId;
  return textOf(row, 'committeeId');
}

/** Every line of a diff, table by table, in the order of `DIFF_KINDS`. */
export function diffLines(tables: DistrictDiff['tables']): DiffLine[] {
  const lines: DiffLine[] = [];
  for (const table of TABLE_NAMES) {
    const diff = tables[table];
    if (!diff) continue;
    const changesOf = new Map(diff.changed.map((c) => [`${c.room}\u0000${c.id}`, c.changes]));
    const line = (kind: DiffKind, room: string, id: string, row: Readonly<RowValues>) =>
      lines.push({
        key: `${kind}|${room}|${id}`,
        kind,
        table,
        room,
        committeeId: committeeOf(room, row),
        id,
        row,
        changes: kind === 'added' || kind === 'removed' ? [] : (changesOf.get(`${room}\u0000${id}`) ?? []),
      });
    for (const r of diff.added) line('added', r.room, r.id, r.row);
    for (const r of diff.closed) line('closed', r.room, r.id, r.row);
    for (const r of diff.reopened) line('reopened', r.room, r.id, r.row);
    for (const c of diff.changed) line('changed', c.room, c.id, c.after);
    for (const r of diff.removed) line('removed', r.room, r.id, r.row);
  }
  return lines;
}

export function kindCounts(lines: readonly DiffLine[]): Record<DiffKind, number> {
  const counts: Record<DiffKind, number> = { added: 0, closed: 0, reopened: 0, changed: 0, removed: 0 };
  for (const l of lines) counts[l.kind] += 1;
  return counts;
}

function fieldText(
  table: TableName,
  key: string,
  value: CellValue | undefined,
  locale: Locale,
  lookups: Lookups,
): string {
  const field = schemaForTable(table).fields.find((f) => f.key === key);
  if (!field) return value === null || value === undefined ? '' : String(value);
  return formatCell(field, value, locale, lookups);
}

/** How a person recognises the row: an issue's code and description, a shift, a name. */
export function rowTitle(line: DiffLine, locale: Locale, lookups: Lookups): string {
  const text = (key: string) => fieldText(line.table, key, line.row[key], locale, lookups);
  switch (line.table) {
    case 'ledger':
      return `${issueCode(line.id)} ${text('description')}`.trim();
    case 'roster':
      return [text('date'), `${text('start')}–${text('end')}`, text('siteId'), text('person')]
        .filter((s) => s !== '' && s !== '–')
        .join(' ');
    default:
      return text('name') || line.id;
  }
}

export interface ChangeWords {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

/** A changed field in words: its label, and both values as the grid shows them. */
export function changeWords(
  table: TableName,
  change: FieldChange,
  locale: Locale,
  lookups: Lookups,
): ChangeWords {
  const field = schemaForTable(table).fields.find((f) => f.key === change.key);
  return {
    field: field ? localize(field.label, locale) : change.key,
    before: fieldText(table, change.key, change.before, locale, lookups),
    after: fieldText(table, change.key, change.after, locale, lookups),
  };
}
