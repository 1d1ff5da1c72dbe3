// The open rooms of this tab, shared by every view that shows them: a room opens on first
// use and closes a while after the last view lets go (so switching views does not resync).
// A room whose local copy the server refused is reset: closed, its copy on this device
// forgotten, and opened again from the server; views follow through `onReset`.
import { LocalStore } from './local-store.ts';
import { browserOnlineSignal, type OnlineSignal } from './online-signal.ts';
import { RoomConnection, type RoomEvents } from './room-connection.ts';

const LINGER_MS = 60_000;

interface Entry {
  connection: RoomConnection;
  refs: number;
  closeTimer: ReturnType<typeof setTimeout> | null;
}

export interface RoomPoolOptions {
  readonly serverUrl: string;
  readonly store: LocalStore | null;
  readonly online: OnlineSignal;
  readonly params: Record<string, string>;
  readonly events?: RoomEvents;
  readonly WebSocketImpl?: typeof WebSocket;
}

export class RoomPool {
  private readonly entries = new Map<string, Entry>();
  private readonly resetListeners = new Set<(room: string) => void>();
  private destroyed = false;

  constructor(private readonly options: RoomPoolOptions) {}

  acquire(room: string): RoomConnection {
    let entry = this.entries.get(room);
    if (!entry) {
      entry = { connection: this.open(room), refs: 0, closeTimer: null };
      this.entries.set(room, entry);
    }
    if (entry.closeTimer) {
      clearTimeout(entry.closeTimer);
      entry.closeTimer = null;
    }
    entry.refs += 1;
    return entry.connection;
  }

  /** The room's connection now (a reset replaces it). */
  current(room: string): RoomConnection | undefined {
    return this.entries.get(room)?.connection;
  }

  release(room: string): void {
    const entry = this.entries.get(room);
    if (!entry) return;
    entry.refs -= 1;
    if (entry.refs > 0) return;
    entry.closeTimer = setTimeout(() => {
      this.entries.delete(room);
      void entry.connection.destroy();
    }, LINGER_MS);
  }

  /**
   * Drops the room's copy here and loads it again from the server, which is the source of
   * truth: unconfirmed edits of this room on this device are lost (the caller says so first).
   */
  async reset(room: string): Promise<void> {
    const entry = this.entries.get(room);
    if (entry) await entry.connection.destroy();
    await this.options.store?.clearRoom(room);
    if (!entry || this.destroyed || this.entries.get(room) !== entry) return;
    entry.connection = this.open(room);
    for (const listener of this.resetListeners) listener(room);
  }

  onReset(listener: (room: string) => void): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  /** Closes every room (signing out); what is stored on this device stays. */
  async destroy(): Promise<void> {
    this.destroyed = true;
    const entries = [...this.entries.values()];
    this.entries.clear();
    this.resetListeners.clear();
    await Promise.all(
      entries.map((e) => {
        if (e.closeTimer) clearTimeout(e.closeTimer);
        return e.connection.destroy();
      }),
    );
  }

  private open(room: string): RoomConnection {
    return new RoomConnection(room, {
      store: this.options.store,
      serverUrl: this.options.serverUrl,
      online: this.options.online,
      params: this.options.params,
      ...(this.options.events ? { events: this.options.events } : {}),
      ...(this.options.WebSocketImpl ? { WebSocketImpl: this.options.WebSocketImpl } : {}),
    });
  }
}

/** The sync endpoint of the server that served this page. */
export function pageSyncUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

let sharedStore: LocalStore | null | undefined;

/** This browser's local copies (one database for every sign-in; null where IndexedDB is missing). */
function browserStore(): LocalStore | null {
  if (sharedStore !== undefined) return sharedStore;
  try {
    sharedStore = typeof indexedDB === 'undefined' ? null : new LocalStore();
  } catch {
    sharedStore = null;
  }
  return sharedStore;
}

export function createBrowserRoomPool(token: string, events: RoomEvents): RoomPool {
  return new RoomPool({
    serverUrl: pageSyncUrl(),
    store: browserStore(),
    online: browserOnlineSignal(),
    params: { token },
    events,
  });
}
