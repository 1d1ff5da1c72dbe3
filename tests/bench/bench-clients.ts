// The clients the benchmarks drive, one WebSocket each: the official y-websocket client
// (for our server and the reference server) or Hocuspocus's own provider (it frames the
// y-protocols messages its own way). Both hold a Y.Doc and report when they are synced.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export type ClientKind = 'y-websocket' | 'hocuspocus';

export interface BenchClient {
  readonly doc: Y.Doc;
  synced(): boolean;
  /** Sockets closed under this client so far (each one reconnects by itself). */
  readonly closes: number;
  /** Presence: a state, or none. */
  setPresence(state: Record<string, unknown> | null): void;
  destroy(): void;
}

/** One client of `room` on the server at `wsUrl` (query parameters for ours: the token). */
export function openClient(
  kind: ClientKind,
  wsUrl: string,
  room: string,
  params: Record<string, string> = {},
): BenchClient {
  const doc = new Y.Doc();
  let closes = 0;
  if (kind === 'y-websocket') {
    const provider = new WebsocketProvider(wsUrl, room, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params,
    });
    provider.on('connection-close', () => {
      closes++;
    });
    return {
      doc,
      synced: () => provider.synced,
      get closes() {
        return closes;
      },
      setPresence: (state) => provider.awareness.setLocalState(state),
      destroy: () => {
        provider.destroy();
        doc.destroy();
      },
    };
  }
  const socket = new HocuspocusProviderWebsocket({ url: wsUrl, WebSocketPolyfill: WebSocket });
  socket.on('close', () => {
    closes++;
  });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: room, document: doc });
  provider.attach(); // a provider given its socket does not attach by itself
  return {
    doc,
    synced: () => provider.isSynced,
    get closes() {
      return closes;
    },
    setPresence: (state) => provider.awareness?.setLocalState(state),
    destroy: () => {
      provider.destroy();
      socket.destroy();
      doc.destroy();
    },
  };
}
