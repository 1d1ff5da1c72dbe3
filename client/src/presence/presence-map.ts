// Reads the awareness states of a view's rooms into what the grid shows: who else is
// here (once per person, however many rooms) and which cell each one is editing.
import type { Identity } from './identity.ts';

/** What each client publishes in awareness. */
export interface PresenceState {
  readonly user: Identity;
  /** The cell being edited (or focused), if any. */
  readonly cell: { readonly rowId: string; readonly colKey: string } | null;
}

export interface Presence {
  readonly people: readonly Identity[];
  /** `rowId|colKey` → who is there. */
  readonly cells: ReadonlyMap<string, readonly Identity[]>;
}

export function cellKey(rowId: string, colKey: string): string {
  return `${rowId}|${colKey}`;
}

function isPresenceState(value: unknown): value is PresenceState {
  if (typeof value !== 'object' || value === null) return false;
  const user = (value as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return false;
  const u = user as Record<string, unknown>;
  return typeof u.id === 'string' && typeof u.name === 'string' && typeof u.color === 'string';
}

/** `states` are awareness maps (client id → state) of every room in the view; `self` is left out. */
export function readPresence(states: Iterable<ReadonlyMap<number, unknown>>, selfId: string): Presence {
  const people = new Map<string, Identity>();
  const cells = new Map<string, Identity[]>();
  for (const roomStates of states) {
    for (const state of roomStates.values()) {
      if (!isPresenceState(state) || state.user.id === selfId) continue;
      people.set(state.user.id, state.user);
      const cell = state.cell;
      if (cell && typeof cell.rowId === 'string' && typeof cell.colKey === 'string') {
        const key = cellKey(cell.rowId, cell.colKey);
        const here = cells.get(key) ?? [];
        if (!here.some((p) => p.id === state.user.id)) here.push(state.user);
        cells.set(key, here);
      }
    }
  }
  return {
    people: [...people.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    cells,
  };
}
