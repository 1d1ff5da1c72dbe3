// A room's rows as plain values, kept up to date change by change: only the rows a
// transaction touched are read again, so a 20k-row ledger is not re-read on every edit.
import { getRow, observeRows, type RowValues, readRows } from '@civic-ledger/shared';
import type * as Y from 'yjs';

export class RoomRows {
  private readonly byId = new Map<string, RowValues>();
  private list: RowValues[] | null = null;
  private readonly stop: () => void;
  private readonly listeners = new Set<() => void>();

  constructor(doc: Y.Doc) {
    for (const row of readRows(doc)) this.byId.set(String(row.id), row);
    this.stop = observeRows(doc, (change) => {
      for (const id of [...change.added, ...change.updated]) {
        const row = getRow(doc, id);
        if (row) this.byId.set(id, row);
        else this.byId.delete(id);
      }
      for (const id of change.deleted) this.byId.delete(id);
      this.list = null;
      for (const listener of this.listeners) listener();
    });
  }

  /** Every row now; the same array until the next change. */
  rows(): readonly RowValues[] {
    this.list ??= [...this.byId.values()];
    return this.list;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Calls `listener` after every transaction that touched rows. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.stop();
    this.listeners.clear();
  }
}
