// The open rooms of this tab, shared by every view that shows them: a room opens on first
// use and closes a while after the last view lets go (so switching views does not resync).
import { LocalStore } from './local-store.ts';
import { browserOnlineSignal, type OnlineSignal } from './online-signal.ts';
import { RoomConnection } from './room-connection.ts';

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
}

export class RoomPool {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: RoomPoolOptions) {}

  acquire(room: string): RoomConnection {
    let entry = this.entries.get(room);
    if (!entry) {
      entry = {
        connection: new RoomConnection(room, {
          store: this.options.store,
          serverUrl: this.options.serverUrl,
          online: this.options.online,
          params: this.options.params,
        }),
        refs: 0,
        closeTimer: null,
      };
      this.entries.set(room, entry);
    }
    if (entry.closeTimer) {
      clearTimeout(entry.closeTimer);
      entry.closeTimer = null;
    }
    entry.refs += 1;
    return entry.connection;
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
}

/** The sync endpoint of the server that served this page. */
export function pageSyncUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

/** The access token, once accounts exist: `?token=` on the page URL, else none. */
export function pageSyncParams(): Record<string, string> {
  const token = new URLSearchParams(location.search).get('token');
  return token ? { token } : {};
}

export function createBrowserRoomPool(): RoomPool {
  let store: LocalStore | null = null;
  try {
    store = typeof indexedDB === 'undefined' ? null : new LocalStore();
  } catch {
    store = null;
  }
  return new RoomPool({
    serverUrl: pageSyncUrl(),
    store,
    online: browserOnlineSignal(),
    params: pageSyncParams(),
  });
}
