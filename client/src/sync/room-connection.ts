// One room's live document: loaded from the local store first, then synced with the
// server through the y-websocket provider; reconnects with jitter, asks the server to
// confirm local edits, and publishes a RoomStatus for the status bar.
import {
  CloseCode,
  type DomainError,
  decodeConfirm,
  domainError,
  encodeConfirm,
  isPermanentClose,
  MessageType,
  SyncMessageType,
} from '@civic-ledger/shared';
import * as decoding from 'lib0/decoding';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ConfirmationTracker } from './confirmation-tracker.ts';
import type { LocalStore } from './local-store.ts';
import type { OnlineSignal } from './online-signal.ts';
import { applyQuietly, QUIET_APPLY_BYTES } from './quiet-apply.ts';
import { reconnectDelay } from './reconnect-backoff.ts';
import { refusalReason } from './refusal-reason.ts';
import { LOCAL_STORE_ORIGIN, RoomPersistence } from './room-persistence.ts';
import { INITIAL_STATUS, type RoomStatus } from './sync-status.ts';

/** What a close by the server means for this room. */
type Refusal =
  /** The account is disabled, changed or expired: sign in again (no retry). */
  | { kind: 'revoked'; error: DomainError }
  /** A change broke a rule: retrying would resend it, so stop and reset from the server. */
  | { kind: 'rule'; reason: string; error: DomainError }
  | { kind: 'retry'; error: DomainError };

function closeRefusal(event: CloseEvent): Refusal | null {
  const reason = event.reason || String(event.code);
  if (event.code === CloseCode.accountRevoked || event.code === 4403) {
    return {
      kind: 'revoked',
      error: domainError(
        'sync_refused',
        '服务器拒绝了连接，请重新登录',
        `The server refused the connection; please sign in again (${reason})`,
      ),
    };
  }
  if (event.code === CloseCode.ruleViolation) {
    return {
      kind: 'rule',
      reason,
      error: domainError(
        'sync_rule_violation',
        `服务器拒绝了一处修改：${refusalReason(reason, 'zh-CN')}`,
        `The server refused a change: ${refusalReason(reason, 'en')}`,
      ),
    };
  }
  // Other permanent refusals (4409 an update the server cannot place, 4413 an oversized
  // presence state): show why, then try again, since a fresh handshake resends everything.
  // Going away (1001), falling behind (1013) and a reloading room (4503) just reconnect.
  if (isPermanentClose(event.code)) {
    return {
      kind: 'retry',
      error: domainError(
        'sync_rejected',
        `服务器拒绝了一处修改：${refusalReason(reason, 'zh-CN')}`,
        `The server rejected a change: ${refusalReason(reason, 'en')}`,
      ),
    };
  }
  return null;
}

/** Upgrades refused in a row before the room says it cannot connect. */
const REFUSED_NOTICE_AFTER = 3;

const UNREACHABLE: DomainError = domainError(
  'sync_unreachable',
  '服务器拒绝了连接：可能同时打开的表太多（连接数已达上限），请关闭其他标签页；仍在重试',
  'The server refused the connection: perhaps too many tables are open at once (the connection limit); close other tabs. Still retrying',
);

/** The update a sync step 2 or update message carries (a copy), if it is a big one. */
function bigUpdateAt(decoder: decoding.Decoder): Uint8Array | null {
  const peek = decoding.createDecoder(decoder.arr);
  peek.pos = decoder.pos;
  const type = decoding.readVarUint(peek);
  if (type !== SyncMessageType.step2 && type !== SyncMessageType.update) return null;
  if (decoding.peekVarUint(peek) < QUIET_APPLY_BYTES) return null;
  return decoding.readVarUint8Array(peek).slice();
}

/** What a room tells the app about its account and its changes. */
export interface RoomEvents {
  /** Closed with 4401: the sign-in is no longer good. */
  readonly onRevoked?: (room: string, reason: string) => void;
  /** Closed with 4422: a change of ours broke a rule (`<code>: <message>`). */
  readonly onRuleViolation?: (room: string, reason: string) => void;
  /** The socket closed before it opened: perhaps the upgrade was refused (401/403). */
  readonly onRefusedUpgrade?: (room: string) => void;
}

export interface RoomConnectionOptions {
  /** Where the local copy lives; null runs from the network only. */
  readonly store: LocalStore | null;
  /** The sync endpoint, e.g. `ws://127.0.0.1:8787/sync`. */
  readonly serverUrl: string;
  readonly online: OnlineSignal;
  /** Query parameters of the sync URL; the access token goes here once accounts exist. */
  readonly params?: Record<string, string>;
  readonly WebSocketImpl?: typeof WebSocket;
  /** How long to gather local edits before asking for a confirmation. */
  readonly confirmDelayMs?: number;
  readonly events?: RoomEvents;
}

export class RoomConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly awareness: Awareness;
  /** Resolves once the local copy is in the doc (or could not be read). */
  readonly ready: Promise<void>;
  private tracker = new ConfirmationTracker();
  private readonly persistence: RoomPersistence | null;
  private status: RoomStatus = INITIAL_STATUS;
  private readonly listeners = new Set<() => void>();
  private attempt = 0;
  /** Sockets closed before they opened, in a row: the server refusing the upgrade. */
  private refusedInARow = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private confirmTimer: ReturnType<typeof setTimeout> | null = null;
  private loaded = false;
  private everSynced = false;
  private hadLocalCopy = false;
  private error: DomainError | null = null;
  private destroyed = false;
  private readonly unsubscribeOnline: () => void;
  private static instances = 0;
  /** Tells this connection from an earlier one of the same room (after a reset). */
  readonly instance = ++RoomConnection.instances;

  constructor(
    readonly room: string,
    private readonly options: RoomConnectionOptions,
  ) {
    this.provider = new WebsocketProvider(options.serverUrl, room, this.doc, {
      connect: false,
      disableBc: true,
      params: options.params ?? {},
      // Reconnecting is ours (with jitter), whatever the close code.
      shouldReconnect: () => true,
      ...(options.WebSocketImpl ? { WebSocketPolyfill: options.WebSocketImpl } : {}),
    });
    this.awareness = this.provider.awareness;
    // A whole room from the server (the first sync step 2 of a big room) is applied without
    // Yjs encoding it again for the 'update' listeners; they get the bytes as received.
    const syncHandler = this.provider.messageHandlers[MessageType.sync];
    if (syncHandler) {
      this.provider.messageHandlers[MessageType.sync] = (encoder, decoder, provider, emitSynced, type) => {
        const update = bigUpdateAt(decoder);
        if (!update) syncHandler(encoder, decoder, provider, emitSynced, type);
        else
          applyQuietly(this.doc, [update], provider, () =>
            syncHandler(encoder, decoder, provider, emitSynced, type),
          );
      };
    }
    this.provider.messageHandlers[MessageType.confirm] = (_encoder, decoder) => {
      const id = decodeConfirm(decoder.arr);
      decoder.pos = decoder.arr.length;
      if (id !== null) this.onConfirmed(id);
    };
    // y-protocols auth: the server dropped an update of a read-only connection. The provider
    // answers every sync step 1 with a step 2 (usually empty) that a read-only room also
    // denies, so this is news only when an edit of ours is still unconfirmed.
    this.provider.messageHandlers[MessageType.auth] = (_encoder, decoder) => {
      const denied = decoding.readVarUint(decoder) === 0;
      if (denied) decoding.readVarString(decoder);
      decoder.pos = decoder.arr.length;
      if (denied && this.tracker.unconfirmedEdits > 0)
        this.setError(
          domainError(
            'sync_read_only',
            '只读：服务器未保存本机的修改',
            'Read-only: the server did not keep a change from here',
          ),
        );
    };
    this.provider.on('status', () => this.publish());
    this.provider.on('sync', (synced: boolean) => {
      if (synced) {
        this.attempt = 0;
        this.refusedInARow = 0;
        this.everSynced = true;
        if (this.error?.code.startsWith('sync_')) this.error = null;
        // Our sync step 2 (edits made offline) went out before this; ask about all of it.
        this.requestConfirmation();
      }
      this.publish();
    });
    this.provider.on('connection-close', (event: CloseEvent | null) => {
      // Still set here if the socket had opened (the provider clears it after this event).
      const opened = this.provider.wsconnected;
      this.tracker.connectionLost();
      // Take reconnecting over from the provider so that retries get jitter.
      this.provider.shouldConnect = false;
      const refusal = event ? closeRefusal(event) : null;
      if (refusal) this.setError(refusal.error);
      const events = options.events;
      if (refusal?.kind === 'revoked') events?.onRevoked?.(room, refusal.error.message.en);
      else if (refusal?.kind === 'rule') events?.onRuleViolation?.(room, refusal.reason);
      else {
        if (event && !opened && !this.destroyed) {
          events?.onRefusedUpgrade?.(room);
          // A browser cannot read the refusal's status (429: too many connections); after a
          // few in a row, say so instead of "loading" for ever. Retrying goes on.
          if (++this.refusedInARow >= REFUSED_NOTICE_AFTER) this.setError(UNREACHABLE);
        }
        this.scheduleReconnect();
      }
      this.publish();
    });
    this.doc.on('update', this.onUpdate);
    this.persistence = options.store
      ? new RoomPersistence(options.store, room, this.doc, (error) => this.setError(error))
      : null;
    this.unsubscribeOnline = options.online.subscribe((online) => this.onOnlineChange(online));
    this.ready = this.loadLocal().then(() => {
      if (!this.destroyed && options.online.online) this.provider.connect();
    });
  }

  getStatus = (): RoomStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Resolves when the server has synced this room (now or later). */
  whenSynced(): Promise<void> {
    if (this.provider.synced) return Promise.resolve();
    return new Promise((resolve) => {
      const onSync = (synced: boolean) => {
        if (!synced) return;
        this.provider.off('sync', onSync);
        resolve();
      };
      this.provider.on('sync', onSync);
    });
  }

  /** Writes pending updates to the local store now. */
  flushLocal(): Promise<void> {
    return this.persistence?.flush() ?? Promise.resolve();
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.unsubscribeOnline();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.confirmTimer) clearTimeout(this.confirmTimer);
    this.awareness.setLocalState(null);
    this.provider.destroy();
    this.doc.off('update', this.onUpdate);
    await this.persistence?.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }

  private async loadLocal(): Promise<void> {
    if (this.persistence) {
      try {
        const { confirmation, entries } = await this.persistence.load();
        this.hadLocalCopy = entries > 0;
        // Edits made before the reload and not yet confirmed still count as unsaved.
        this.tracker = new ConfirmationTracker(confirmation);
      } catch (err) {
        this.setError(
          domainError(
            'local_read_failed',
            `读取本机副本失败（${err instanceof Error ? err.message : String(err)}），将只从服务器加载`,
            `Could not read the copy on this device (${err instanceof Error ? err.message : String(err)}); loading from the server only`,
          ),
        );
      }
    }
    this.loaded = true;
    this.publish();
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOCAL_STORE_ORIGIN) return;
    const local = origin !== this.provider;
    const editSeq = local ? this.tracker.noteLocalEdit() : null;
    this.persistence?.record(update, editSeq);
    if (local) {
      this.scheduleConfirmation();
      this.publish();
    }
  };

  private scheduleConfirmation(): void {
    if (this.confirmTimer) return;
    this.confirmTimer = setTimeout(() => {
      this.confirmTimer = null;
      this.requestConfirmation();
    }, this.options.confirmDelayMs ?? 150);
  }

  private requestConfirmation(): void {
    const ws = this.provider.ws;
    if (!this.provider.synced || !this.provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
    const id = this.tracker.request();
    if (id !== null) ws.send(encodeConfirm(id));
  }

  private onConfirmed(id: number): void {
    if (!this.tracker.confirmed(id)) return;
    this.persistence?.saveConfirmation(this.tracker.state);
    // Edits made after the request went out need a request of their own.
    if (!this.tracker.allSaved) this.scheduleConfirmation();
    this.publish();
  }

  private onOnlineChange(online: boolean): void {
    if (this.destroyed || !this.loaded) return;
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
    if (online) {
      this.attempt = 0;
      this.provider.connect();
    } else {
      this.provider.disconnect();
    }
    this.publish();
  }

  private scheduleReconnect(): void {
    if (this.destroyed || this.reconnectTimer || !this.options.online.online) return;
    const delay = reconnectDelay(this.attempt++, Math.random());
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.destroyed && this.options.online.online) this.provider.connect();
    }, delay);
  }

  private setError(error: DomainError | null): void {
    if (error === null && this.error === null) return;
    this.error = error;
    this.publish();
  }

  private publish(): void {
    if (this.destroyed) return;
    const connected = this.provider.wsconnected || this.provider.wsconnecting;
    const network = this.provider.synced ? 'online' : connected ? 'syncing' : 'offline';
    const unconfirmedEdits = this.tracker.unconfirmedEdits;
    const save = unconfirmedEdits === 0 ? 'saved' : network === 'offline' ? 'local' : 'saving';
    const next: RoomStatus = {
      network,
      save,
      unconfirmedEdits,
      loaded: this.loaded,
      everSynced: this.everSynced,
      hadLocalCopy: this.hadLocalCopy,
      error: this.error,
    };
    const prev = this.status;
    if (
      prev.network === next.network &&
      prev.save === next.save &&
      prev.unconfirmedEdits === next.unconfirmedEdits &&
      prev.loaded === next.loaded &&
      prev.everSynced === next.everSynced &&
      prev.hadLocalCopy === next.hadLocalCopy &&
      prev.error === next.error
    )
      return;
    this.status = next;
    for (const listener of this.listeners) listener();
  }
}
