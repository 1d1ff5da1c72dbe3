// Undo and redo of this person's own edits only, across every room a view shows: one
// Y.UndoManager per room tracks transactions with the local-edit origin (remote edits are
// never undone), and a shared order says which room holds the most recent step.

import { type DomainError, ROWS_MAP } from '@civic-ledger/shared';
import * as Y from 'yjs';
import { dryRun } from '../table/local-rules.ts';

/** Origin of every edit made through the grid; the undo managers track only this. */
export const LOCAL_EDIT = { source: 'local-edit' } as const;

/**
 * Judges what an undo or redo step would change before it is made (the server refuses
 * some, e.g. taking a status back); null lets it happen.
 */
export type UndoGuard = (room: string, doc: Y.Doc, changes: ReturnType<typeof dryRun>) => DomainError | null;

export class UndoHistory {
  private readonly managers = new Map<string, Y.UndoManager>();
  private undoOrder: string[] = [];
  private redoOrder: string[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly guard: UndoGuard | null = null,
    private readonly onRefused: (error: DomainError) => void = () => {},
  ) {}

  /** Starts tracking a room's document; returns the function that stops it. */
  track(room: string, doc: Y.Doc): () => void {
    const manager = new Y.UndoManager(doc.getMap(ROWS_MAP), {
      trackedOrigins: new Set([LOCAL_EDIT]),
      // Every grid edit (one cell, one paste, one delete) is its own step.
      captureTimeout: 0,
    });
    manager.on('stack-item-added', (event: { type: 'undo' | 'redo' }) => {
      if (event.type === 'redo') this.redoOrder.push(room);
      else {
        this.undoOrder.push(room);
        // A new edit (not a redo) ends every room's redo history, as in any editor.
        if (!manager.redoing) this.clearRedo(manager);
      }
      this.emit();
    });
    this.managers.set(room, manager);
    return () => {
      manager.destroy();
      this.managers.delete(room);
      this.undoOrder = this.undoOrder.filter((r) => r !== room);
      this.redoOrder = this.redoOrder.filter((r) => r !== room);
      this.emit();
    };
  }

  undo(): boolean {
    return this.step(this.undoOrder, 'undo');
  }

  redo(): boolean {
    return this.step(this.redoOrder, 'redo');
  }

  get canUndo(): boolean {
    return this.undoOrder.some((room) => (this.managers.get(room)?.undoStack.length ?? 0) > 0);
  }

  get canRedo(): boolean {
    return this.redoOrder.some((room) => (this.managers.get(room)?.redoStack.length ?? 0) > 0);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    for (const m of this.managers.values()) m.destroy();
    this.managers.clear();
    this.listeners.clear();
  }

  private step(order: string[], kind: 'undo' | 'redo'): boolean {
    while (order.length > 0) {
      const room = order[order.length - 1]!;
      const manager = this.managers.get(room);
      const stack = kind === 'undo' ? manager?.undoStack : manager?.redoStack;
      const item = stack?.[stack.length - 1];
      if (!manager || !item) {
        order.pop();
        continue;
      }
      const refusal = this.guard?.(room, manager.doc, this.preview(manager.doc, item, kind)) ?? null;
      if (refusal) {
        this.onRefused(refusal);
        this.emit();
        return false;
      }
      order.pop();
      if ((kind === 'undo' ? manager.undo() : manager.redo()) !== null) {
        this.emit();
        return true;
      }
    }
    this.emit();
    return false;
  }

  /** What the step would change, made on a scratch copy with a manager holding only that step. */
  private preview(doc: Y.Doc, item: Y.UndoManager['undoStack'][number], kind: 'undo' | 'redo') {
    return dryRun(doc, (scratch) => {
      const manager = new Y.UndoManager(scratch.getMap(ROWS_MAP), {
        trackedOrigins: new Set([LOCAL_EDIT]),
        captureTimeout: 0,
      });
      if (kind === 'undo') manager.undoStack.push(item);
      else manager.redoStack.push(item);
      if (kind === 'undo') manager.undo();
      else manager.redo();
      manager.destroy();
    });
  }

  private clearRedo(except: Y.UndoManager): void {
    this.redoOrder = [];
    for (const m of this.managers.values()) if (m !== except) m.clear(false, true);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
