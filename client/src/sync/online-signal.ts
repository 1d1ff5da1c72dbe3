// Whether the device believes it is online, as a small subscribable value, so the room
// connection can stop trying while offline and reconnect at once when the network returns.

export interface OnlineSignal {
  readonly online: boolean;
  subscribe(listener: (online: boolean) => void): () => void;
}

export function browserOnlineSignal(): OnlineSignal {
  return {
    get online() {
      return navigator.onLine;
    },
    subscribe(listener) {
      const up = () => listener(true);
      const down = () => listener(false);
      window.addEventListener('online', up);
      window.addEventListener('offline', down);
      return () => {
        window.removeEventListener('online', up);
        window.removeEventListener('offline', down);
      };
    },
  };
}

/** For Node tests and tools: always online, or switched by hand. */
export function manualOnlineSignal(initial = true): OnlineSignal & { set(online: boolean): void } {
  let online = initial;
  const listeners = new Set<(online: boolean) => void>();
  return {
    get online() {
      return online;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(value: boolean) {
      if (value === online) return;
      online = value;
      for (const l of listeners) l(value);
    },
  };
}
