// Each person's column layout of a table, kept on this device: the order, widths, hidden
// and pinned columns they arranged come back on the next visit. Sort and filters are not
// layout and are not kept. Stored in localStorage under the account and the table.
import type { ColumnState } from 'ag-grid-community';

/** What is kept of a column: where it is, how wide, hidden or pinned. */
export interface KeptColumn {
  readonly colId: string;
  readonly width?: number;
  readonly hide?: boolean;
  readonly pinned?: 'left' | 'right' | null;
}

const PREFIX = 'civic-ledger.columns';

export function columnLayoutKey(username: string, table: string): string {
  return `${PREFIX}.${username}.${table}`;
}

/** The layout part of the grid's column state, in display order. */
export function keptColumns(state: readonly ColumnState[]): KeptColumn[] {
  return state.map((c) => ({
    colId: c.colId,
    ...(typeof c.width === 'number' ? { width: c.width } : {}),
    hide: c.hide ?? false,
    pinned: c.pinned === 'left' || c.pinned === 'right' ? c.pinned : null,
  }));
}

function isKeptColumn(value: unknown): value is KeptColumn {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.colId === 'string' &&
    (c.width === undefined || typeof c.width === 'number') &&
    (c.hide === undefined || typeof c.hide === 'boolean') &&
    (c.pinned === undefined || c.pinned === null || c.pinned === 'left' || c.pinned === 'right')
  );
}

/** The kept layout, or null if there is none (or it is not one we wrote). */
export function loadColumnLayout(storage: Storage | null, key: string): KeptColumn[] | null {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) && parsed.every(isKeptColumn) ? parsed : null;
  } catch {
    return null;
  }
}

export function saveColumnLayout(storage: Storage | null, key: string, columns: readonly KeptColumn[]): void {
  try {
    storage?.setItem(key, JSON.stringify(columns));
  } catch {
    // A full or blocked storage only costs the layout on the next visit.
  }
}
