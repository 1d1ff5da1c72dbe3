// Messages shown above the grid: refused edits and failures (errors, until dismissed or
// replaced), confirmations such as "3 rows deleted" with an undo button, and the notice
// that one's edit was overwritten by someone else's made at the same time.

export interface Notice {
  readonly id: number;
  readonly kind: 'error' | 'info' | 'overwritten';
  readonly text: string;
  readonly action?: { readonly label: string; readonly run: () => void };
}

let nextId = 1;
export function notice(kind: Notice['kind'], text: string, action?: Notice['action']): Notice {
  return action ? { id: nextId++, kind, text, action } : { id: nextId++, kind, text };
}
