// Messages shown above the grid: refused edits and failures (errors, until dismissed or
// replaced) and confirmations such as "3 rows deleted" with an undo button.

export interface Notice {
  readonly id: number;
  readonly kind: 'error' | 'info';
  readonly text: string;
  readonly action?: { readonly label: string; readonly run: () => void };
}

let nextId = 1;
export function notice(kind: Notice['kind'], text: string, action?: Notice['action']): Notice {
  return action ? { id: nextId++, kind, text, action } : { id: nextId++, kind, text };
}
