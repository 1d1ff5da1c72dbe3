// Binds the rows of one or more room documents to an AG Grid: the grid starts from the
// documents' rows, and every later change (local or remote) reaches it as one batched
// transaction per animation frame, keyed by row id, so nothing is re-rendered wholesale.
// A batch that only changes values while no sort or filter is on patches the changed
// rows in place: a grid transaction re-sorts and re-indexes every row of the table, which
// at 500 remote edits a second over 100k rows is most of the frame.
import { getRow, observeRows, readRows } from '@civic-ledger/shared';
import type { GridApi } from 'ag-grid-community';
import type * as Y from 'yjs';
import { type GridRow, gridRow } from './grid-row.ts';
import { reconcileRows } from './row-reconcile.ts';

/** Next animation frame, or 100 ms at most (frames stop in hidden tabs; changes should not wait). */
function nextFrame(fn: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    fn();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(once);
  setTimeout(once, 100);
}

export class GridBinding {
  private readonly docs = new Map<string, Y.Doc>();
  private readonly stops = new Map<string, () => void>();
  /** Row id → room, for rows touched since the last flush. */
  private touched = new Map<string, string>();
  private scheduled = false;
  private readonly afterFlush: (() => void)[] = [];
  private count = 0;

  constructor(
    private readonly api: GridApi<GridRow>,
    private readonly onFlushed: () => void = () => {},
  ) {}

  /** Adds a room's rows to the grid and follows its changes. */
  attachRoom(room: string, doc: Y.Doc): void {
    if (this.docs.has(room)) return;
    this.docs.set(room, doc);
    const rows = readRows(doc).map((values) => gridRow(values, room));
    if (rows.length > 0) this.count += this.api.applyTransaction({ add: rows })?.add.length ?? 0;
    this.stops.set(
      room,
      observeRows(doc, (change) => {
        for (const id of change.added) this.touched.set(id, room);
        for (const id of change.updated) this.touched.set(id, room);
        for (const id of change.deleted) this.touched.set(id, room);
        this.schedule();
      }),
    );
    this.onFlushed();
  }

  /** Rows in the grid (shown or filtered out), kept as transactions go in rather than counted. */
  get rowCount(): number {
    return this.count;
  }

  docOf(room: string): Y.Doc | undefined {
    return this.docs.get(room);
  }

  get rooms(): string[] {
    return [...this.docs.keys()];
  }

  /** Applies pending changes now (e.g. right after adding a row, to focus it). */
  flush(): void {
    if (this.touched.size === 0) return;
    const touched = this.touched;
    this.touched = new Map();
    const tx = reconcileRows(
      touched.keys(),
      (id) => {
        const room = touched.get(id);
        const doc = room ? this.docs.get(room) : undefined;
        const values = doc && !doc.isDestroyed ? getRow(doc, id) : undefined;
        return values && room ? gridRow(values, room) : undefined;
      },
      (id) => this.api.getRowNode(id)?.data,
    );
    if (tx.add.length + tx.remove.length === 0 && tx.update.length > 0 && this.canPatchInPlace()) {
      for (const row of tx.update) this.api.getRowNode(String(row.id))?.updateData(row);
    } else if (tx.add.length + tx.update.length + tx.remove.length > 0) {
      const result = this.api.applyTransaction(tx);
      if (result) this.count += result.add.length - result.remove.length;
    }
    this.onFlushed();
    for (const fn of this.afterFlush.splice(0)) fn();
  }

  /** Runs `fn` after the next flush (at once if nothing is pending). */
  whenFlushed(fn: () => void): void {
    if (this.touched.size === 0) fn();
    else this.afterFlush.push(fn);
  }

  destroy(): void {
    for (const stop of this.stops.values()) stop();
    this.stops.clear();
    this.docs.clear();
  }

  /** No sort or filter that a changed value could move a row in or out of, or along. */
  private canPatchInPlace(): boolean {
    if (this.api.isAnyFilterPresent()) return false;
    return !this.api.getColumnState().some((c) => c.sort != null);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    nextFrame(() => {
      this.scheduled = false;
      if (!this.api.isDestroyed()) this.flush();
    });
  }
}
