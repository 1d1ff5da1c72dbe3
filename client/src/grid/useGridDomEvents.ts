// The grid's own handling of the browser's events on its element: copy and paste through
// the real clipboard events (so spreadsheets on either side work), our keys (undo, redo,
// clearing a range, the first key of an input method) and the end of a range drag.
import { type RefObject, useEffect, useRef } from 'react';
import { isImeKey, isUndoKey } from './grid-keys.ts';

/** What the grid does for each event; read afresh on every event. */
export interface GridDomHandlers {
  /** A cell editor is open: the events are the editor's. */
  editing(): boolean;
  /** The text of the selection for the clipboard, or null when there is nothing to copy. */
  copy(): string | null;
  /** Pastes text at the selection; false when there is nowhere to paste it. */
  paste(text: string): boolean;
  undo(kind: 'undo' | 'redo'): void;
  clear(): void;
  /** Opens the focused cell's editor, empty, for text an input method composes. */
  startTyping(): void;
  endDrag(): void;
  /** A mouse button went down inside the grid (focus moves that follow are the mouse's). */
  pointerDown(): void;
}

export function useGridDomEvents(container: RefObject<HTMLDivElement | null>, handlers: GridDomHandlers) {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const h = () => current.current;
    const onCopy = (e: ClipboardEvent) => {
      if (h().editing()) return;
      const text = h().copy();
      if (text === null) return;
      e.clipboardData?.setData('text/plain', text);
      e.preventDefault();
    };
    const onPaste = (e: ClipboardEvent) => {
      if (h().editing()) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (text === '') return;
      if (h().paste(text)) e.preventDefault();
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (h().editing() || !(e.target instanceof HTMLElement) || !e.target.closest('.ag-cell')) return;
      if (isImeKey(e)) {
        // Typing with an input method into a selected cell starts its editor, empty (as a
        // typed letter does), so the composed text lands in it, as in Excel and Sheets.
        h().startTyping();
        return;
      }
      const undo = isUndoKey(e);
      if (undo) {
        e.preventDefault();
        h().undo(undo);
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        h().clear();
      }
    };
    const onMouseUp = () => h().endDrag();
    const onPointerDown = () => h().pointerDown();
    el.addEventListener('keydown', onKeyDown);
    el.addEventListener('mousedown', onPointerDown, true);
    el.addEventListener('copy', onCopy);
    el.addEventListener('paste', onPaste);
    window.addEventListener('mouseup', onMouseUp);
    return () => {
      el.removeEventListener('keydown', onKeyDown);
      el.removeEventListener('mousedown', onPointerDown, true);
      el.removeEventListener('copy', onCopy);
      el.removeEventListener('paste', onPaste);
      window.removeEventListener('mouseup', onMouseUp);
    };
  }, [container]);
}
