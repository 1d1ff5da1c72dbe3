// Publishes this person (name, colour, the cell being edited) in the awareness of every
// room a view shows, and gathers what the others publish into one Presence.
import type { Awareness } from 'y-protocols/awareness';
import type { Identity } from './identity.ts';
import { type Presence, type PresenceState, readPresence } from './presence-map.ts';

interface RoomAwareness {
  readonly room: string;
  readonly awareness: Awareness;
}

export class PresenceController {
  private presence: Presence = { people: [], cells: new Map() };
  private readonly listeners = new Set<() => void>();
  private readonly stops: (() => void)[] = [];

  constructor(
    private identity: Identity,
    private readonly rooms: readonly RoomAwareness[],
  ) {
    for (const { awareness } of rooms) {
      const state: PresenceState = { user: identity, cell: null };
      awareness.setLocalState(state);
      const onChange = () => this.recompute();
      awareness.on('change', onChange);
      this.stops.push(() => awareness.off('change', onChange));
    }
    this.recompute();
  }

  get current(): Presence {
    return this.presence;
  }

  getSnapshot = (): Presence => this.presence;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The cell being edited now, or null when editing stops. */
  setEditing(cell: { room: string; rowId: string; colKey: string } | null): void {
    for (const { room, awareness } of this.rooms) {
      const mine = cell && cell.room === room ? { rowId: cell.rowId, colKey: cell.colKey } : null;
      const current = (awareness.getLocalState() as PresenceState | null)?.cell ?? null;
      if (current === null && mine === null) continue;
      awareness.setLocalStateField('cell', mine);
    }
  }

  /** The name someone in a room goes by, from their awareness (Yjs client) id; null when gone. */
  nameOf(room: string, clientId: number): string | null {
    const awareness = this.rooms.find((r) => r.room === room)?.awareness;
    const state = awareness?.getStates().get(clientId) as PresenceState | undefined;
    return state?.user?.name ?? null;
  }

  setIdentity(identity: Identity): void {
    this.identity = identity;
    for (const { awareness } of this.rooms) awareness.setLocalStateField('user', identity);
  }

  destroy(): void {
    for (const stop of this.stops.splice(0)) stop();
    for (const { awareness } of this.rooms) awareness.setLocalState(null);
    this.listeners.clear();
  }

  private recompute(): void {
    this.presence = readPresence(
      this.rooms.map(({ awareness }) => awareness.getStates()),
      this.identity.id,
    );
    for (const l of this.listeners) l();
  }
}
