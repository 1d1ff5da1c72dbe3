// Real clients for tests: the official y-websocket provider (over the `ws` package,
// BroadcastChannel off) and a raw socket for sending hand-made frames.
import { decodeConfirm, encodeConfirm, MessageType, SyncMessageType } from '@civic-ledger/shared';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  rows: Y.Map<Y.Map<unknown>>;
  /** Asks the server to confirm everything sent so far; resolves when it does. */
  confirm(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

let confirmIds = 1;

/** A readable test row id that is also a valid row id (16+ characters). */
export const tid = (label: string): string => label.padEnd(16, '_');

/** Default tokens by sync URL, registered by the server helpers after signing in. */
const defaultTokens = new Map<string, string>();

export function registerToken(wsUrl: string, token: string): void {
  defaultTokens.set(wsUrl, token);
}

/** The token for a connection: an explicit `token` param wins (even empty), else the server's default. */
function withToken(wsUrl: string, params: Record<string, string>): Record<string, string> {
  if ('token' in params)
    return params.token ? params : Object.fromEntries(Object.entries(params).filter(([k]) => k !== 'token'));
  const token = defaultTokens.get(wsUrl);
  return token ? { ...params, token } : params;
}

/** Connects a provider; pass `doc` to carry an existing document to another server. */
export function connectClient(
  wsUrl: string,
  room: string,
  params: Record<string, string> = {},
  doc: Y.Doc = new Y.Doc(),
): TestClient {
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: withToken(wsUrl, params),
  });
  const waiting = new Map<number, () => void>();
  provider.messageHandlers[MessageType.confirm] = (_encoder, decoder) => {
    const id = decoder.arr.length > 0 ? decodeConfirm(decoder.arr) : null;
    if (id !== null) waiting.get(id)?.();
    decoder.pos = decoder.arr.length;
  };
  return {
    doc,
    provider,
    rows: doc.getMap('rows') as Y.Map<Y.Map<unknown>>,
    confirm(timeoutMs = 10_000) {
      const id = confirmIds++;
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no confirmation ${id}`)), timeoutMs);
        waiting.set(id, () => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve();
        });
        provider.ws?.send(encodeConfirm(id));
      });
    },
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function whenSynced(client: TestClient, timeoutMs = 10_000): Promise<void> {
  if (client.provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('client did not sync')), timeoutMs);
    client.provider.once('sync', (synced: boolean) => {
      if (synced) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

export async function waitFor(
  condition: () => boolean,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A row as plain, key-sorted entries (Y.Map key order differs between peers). */
export function rowEntries(client: TestClient, rowId: string): [string, unknown][] | undefined {
  const row = client.rows.get(rowId);
  return row ? [...row.entries()].sort(([a], [b]) => a.localeCompare(b)) : undefined;
}

/** All rows as sorted plain objects, for comparing peers. */
export function snapshotRows(doc: Y.Doc): [string, [string, unknown][]][] {
  const rows = doc.getMap('rows') as Y.Map<Y.Map<unknown>>;
  return [...rows.entries()]
    .map(([id, row]): [string, [string, unknown][]] => [
      id,
      [...row.entries()].sort(([a], [b]) => a.localeCompare(b)),
    ])
    .sort(([a], [b]) => a.localeCompare(b));
}

export interface RawSocket {
  ws: WebSocket;
  received: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<void>;
}

export function rawSocket(wsUrl: string, room: string, params: Record<string, string> = {}): RawSocket {
  const query = new URLSearchParams(withToken(wsUrl, params)).toString();
  const ws = new WebSocket(`${wsUrl}/${room}${query ? `?${query}` : ''}`);
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.on('error', () => {});
  return { ws, received, closed, opened };
}

/** A y-protocols sync message carrying `payload` as step 2 or update. */
export function syncUpdateFrame(payload: Uint8Array, sub: number = SyncMessageType.update): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, sub);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}
