// Names behind the ids that ledger and roster rows refer to (sites, people, committees),
// read from the district rooms, both ways: id → name for display, name → id for paste.
import type { RowValues } from '@civic-ledger/shared';

export interface RefEntry {
  readonly id: string;
  readonly name: string;
  readonly committeeId: string | null;
}

export interface RefTable {
  readonly byId: ReadonlyMap<string, RefEntry>;
  /** Name → ids (names need not be unique). */
  readonly byName: ReadonlyMap<string, readonly string[]>;
  /** In display order (by name). */
  readonly entries: readonly RefEntry[];
}

export interface Lookups {
  readonly sites: RefTable;
  readonly people: RefTable;
  readonly committees: RefTable;
}

export function refTable(rows: readonly RowValues[]): RefTable {
  const entries: RefEntry[] = [];
  for (const row of rows) {
    const id = typeof row.id === 'string' ? row.id : null;
    if (!id) continue;
    const name = typeof row.name === 'string' && row.name !== '' ? row.name : id;
    const committeeId = typeof row.committeeId === 'string' ? row.committeeId : null;
    entries.push({ id, name, committeeId });
  }
  entries.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : 1));
  const byId = new Map(entries.map((e) => [e.id, e]));
  const byName = new Map<string, string[]>();
  for (const e of entries) byName.set(e.name, [...(byName.get(e.name) ?? []), e.id]);
  return { byId, byName, entries };
}

export const EMPTY_LOOKUPS: Lookups = { sites: refTable([]), people: refTable([]), committees: refTable([]) };

/** The id a typed or pasted text means: an id itself, or the name of exactly one entry. */
export function resolveRef(table: RefTable, text: string): string | null {
  const trimmed = text.trim();
  if (table.byId.has(trimmed)) return trimmed;
  const ids = table.byName.get(trimmed);
  return ids && ids.length === 1 ? (ids[0] ?? null) : null;
}
