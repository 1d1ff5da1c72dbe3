// Applies whole-room updates (the copy on this device, the server's first sync) without
// Yjs encoding them again for the document's 'update' listeners: re-encoding a 20k-row
// room costs about as much as decoding it. The listeners still get an 'update' event, with
// the bytes that were applied, which bring any other copy to the same state.
import type * as Y from 'yjs';

/** Updates at least this big go through `applyQuietly` (smaller ones are cheap to re-encode). */
export const QUIET_APPLY_BYTES = 64 * 1024;

function changedSomething(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) return true;
  return false;
}

/**
 * Runs `apply`, which must apply exactly `updates` in one transaction of `origin`, with the
 * 'update' event held back; then emits one 'update' event per update if anything changed.
 */
export function applyQuietly(
  doc: Y.Doc,
  updates: readonly Uint8Array[],
  origin: unknown,
  apply: () => void,
): void {
  const observers = doc._observers;
  const listeners = observers.get('update');
  if (!listeners || listeners.size === 0 || observers.has('updateV2')) {
    apply();
    return;
  }
  let last: Y.Transaction | null = null;
  const onAfter = (tr: Y.Transaction) => {
    last = tr;
  };
  doc.on('afterTransaction', onAfter);
  observers.delete('update');
  try {
    apply();
  } finally {
    doc.off('afterTransaction', onAfter);
    const added = observers.get('update');
    observers.set('update', added ? new Set([...listeners, ...added]) : listeners);
  }
  const tr = last as Y.Transaction | null;
  if (!tr || !changedSomething(tr)) return;
  for (const update of updates) doc.emit('update', [update, origin, doc, tr]);
}
