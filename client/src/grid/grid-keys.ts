// The keys the grid handles itself rather than AG Grid: undo and redo, clearing a range,
// and the first key of an input method, which must open the cell's editor.

/**
 * The first key of an input method (pinyin and the like): the browser reports it as
 * "Process" (key code 229) and composes the text afterwards into whatever has focus.
 */
export function isImeKey(e: KeyboardEvent): boolean {
  return e.key === 'Process' || e.keyCode === 229 || e.isComposing;
}

/** Keys AG Grid must leave alone outside an editor: ours (undo, redo, clearing). */
export function isOwnKey(e: KeyboardEvent): boolean {
  return isUndoKey(e) !== null || e.key === 'Delete' || e.key === 'Backspace';
}

export function isUndoKey(e: KeyboardEvent): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y') return 'redo';
  return null;
}
