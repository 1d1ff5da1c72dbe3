// What a manager asks to export (format, now or a snapshot, the district or one committee,
// which table) as the server's `GET /api/export/<format>` and `GET /api/bulletin` paths.
import type { Locale, TableName } from '@civic-ledger/shared';

export type ExportFormat = 'xlsx' | 'csv';
/** Every table in one workbook (XLSX only), one table, or the totals (CSV only). */
export type ExportContent = 'all' | TableName | 'totals';

export interface ExportChoice {
  readonly format: ExportFormat;
  /** `now` or a snapshot id. */
  readonly source: string;
  /** Null: the whole district. */
  readonly committeeId: string | null;
  readonly content: ExportContent;
  readonly locale: Locale;
}

const TABLES: readonly TableName[] = ['ledger', 'roster', 'sites', 'committees', 'people'];

/** What each format can hold: a workbook has every table or one; a CSV one table or the totals. */
export function contentsFor(format: ExportFormat): ExportContent[] {
  return format === 'xlsx' ? ['all', ...TABLES] : [...TABLES, 'totals'];
}

/** The choice made valid for its format (switching format keeps what still makes sense). */
export function normalizeChoice(choice: ExportChoice): ExportChoice {
  if (contentsFor(choice.format).includes(choice.content)) return choice;
  return { ...choice, content: choice.format === 'csv' ? 'ledger' : 'all' };
}

export function exportPath(choice: ExportChoice): string {
  const c = normalizeChoice(choice);
  const params = new URLSearchParams({ snapshot: c.source });
  if (c.committeeId) params.set('committee', c.committeeId);
  if (c.content !== 'all') params.set('table', c.content);
  params.set('locale', c.locale);
  return `/api/export/${c.format}?${params}`;
}

/** A name to save under if the server gives none. */
export function fallbackFileName(choice: ExportChoice): string {
  const c = normalizeChoice(choice);
  const where = c.committeeId ?? 'district';
  return `civic-ledger_${c.content}_${where}_${c.source}.${c.format}`;
}

/** The printable weekly bulletin of the same source and committee, compared as the server chooses. */
export function bulletinPath(choice: Pick<ExportChoice, 'source' | 'committeeId'>): string {
  const params = new URLSearchParams({ snapshot: choice.source, since: 'auto' });
  if (choice.committeeId) params.set('committee', choice.committeeId);
  return `/api/bulletin?${params}`;
}
