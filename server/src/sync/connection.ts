// One WebSocket on the sync endpoint: buffers what arrives while its room loads, then
// parses each frame strictly and hands it to the room. Anything it cannot accept
// closes this connection (and only this one) with a code and a reason.
import { CloseCode, encodeConfirm, type RoomAccess } from '@civic-ledger/shared';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { Account } from '../auth/accounts.ts';
import { log } from '../ops/log.ts';
import { metrics } from '../ops/metrics.ts';
import { parseClientMessage } from './client-message.ts';
import { decodeUpdate, isEmptyUpdate } from './guard/update-check.ts';
import { type HeldUpdateLimits, HeldUpdates } from './held-updates.ts';
import { missingChanges, updateAuthors } from './missing-changes.ts';
import { isRefusal } from './refusal.ts';
import type { Room, RoomPeer } from './room.ts';
import type { RoomManager } from './rooms.ts';

/** The part of a WebSocket the connection needs (hono's WSContext fits). */
export interface SyncSocket {
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  readonly readyState: number;
  /** Bytes queued for sending and not yet handed to the network (WebSocket.bufferedAmount). */
  readonly bufferedAmount: number;
}

export interface ConnectionLimits {
  /** Frames a client may send before its room has loaded. */
  maxPendingMessages: number;
  /** Sustained frames per second, and the burst allowed above it. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Largest awareness update (a presence state) a client may send. */
  maxAwarenessBytes: number;
  /** Bytes that may wait on the socket for a slow reader before the connection closes. */
  maxSendBufferBytes: number;
  /** Updates waiting for their sender's earlier changes (the reconnect race). */
  heldUpdates: HeldUpdateLimits;
}

/** Who is on the other end and what the room allows them. */
export interface Session {
  account: Account & { tokenVersion: number };
  access: Exclude<RoomAccess, 'none'>;
}

/** y-protocols auth message "permission denied" (type 2, 0, reason). */
function permissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

const OPEN = 1;
let nextConnectionId = 1;

/** Close reasons are limited to 123 bytes of UTF-8 by the WebSocket protocol. */
function clampReason(reason: string): string {
  const bytes = new TextEncoder().encode(reason);
  if (bytes.byteLength <= 123) return reason;
  return `${new TextDecoder().decode(bytes.slice(0, 118)).replace(/\uFFFD+$/, '')}…`;
}

export class Connection implements RoomPeer {
  readonly id = nextConnectionId++;
  readonly awarenessIds = new Set<number>();
  private room: Room | null = null;
  private backlog: Uint8Array[] | null = [];
  private closed = false;
  /** Token bucket for the message rate. */
  private tokens: number;
  private lastRefill = performance.now();
  private deniedNotices = 0;
  private held: HeldUpdates | null = null;

  constructor(
    private readonly socket: SyncSocket,
    readonly roomName: string,
    private readonly rooms: RoomManager,
    private readonly limits: ConnectionLimits,
    readonly session: Session,
  ) {
    this.tokens = limits.messageBurst;
  }

  get account(): Session['account'] {
    return this.session.account;
  }

  /** Loads (or finds) the room, joins it, then handles what arrived meanwhile. */
  start(): void {
    this.rooms.acquire(this.roomName).then(
      (room) => {
        if (this.closed) {
          this.rooms.leave(room, this);
          return;
        }
        this.room = room;
        this.rooms.join(room, this);
        const backlog = this.backlog ?? [];
        this.backlog = null;
        for (const frame of backlog) {
          if (this.closed) break;
          this.handle(frame);
        }
      },
      () =>
        this.rooms.shuttingDown
          ? this.close(CloseCode.goingAway, 'server going away: reconnect shortly')
          : this.close(CloseCode.roomUnavailable, 'room could not be loaded from the store'),
    );
  }

  receive(data: unknown): void {
    if (this.closed) return;
    if (typeof data === 'string') {
      this.close(CloseCode.unsupportedData, 'text frames are not accepted: send binary y-websocket messages');
      return;
    }
    if (!this.takeToken()) {
      this.close(CloseCode.policyViolation, 'too many messages: slow down');
      return;
    }
    let frame: Uint8Array;
    if (data instanceof ArrayBuffer) frame = new Uint8Array(data);
    else if (data instanceof Uint8Array) frame = data;
    else {
      this.close(CloseCode.unsupportedData, 'unsupported frame');
      return;
    }
    if (this.backlog) {
      if (this.backlog.length >= this.limits.maxPendingMessages) {
        this.close(CloseCode.policyViolation, 'too many messages before the room finished loading');
        return;
      }
      this.backlog.push(frame);
      return;
    }
    this.handle(frame);
  }

  send(message: Uint8Array): void {
    if (this.closed || this.socket.readyState !== OPEN) return;
    this.socket.send(message);
    // A peer that does not read would make the server queue for it without end.
    if (this.socket.bufferedAmount > this.limits.maxSendBufferBytes) {
      this.close(
        CloseCode.tryAgainLater,
        `too far behind: over ${this.limits.maxSendBufferBytes} bytes waiting to be read; reconnect`,
      );
    }
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    if (code !== CloseCode.normal && code !== CloseCode.goingAway) {
      metrics.reject(code);
      log.warn('connection closed by server', { room: this.roomName, connection: this.id, code, reason });
    }
    try {
      this.socket.close(code, clampReason(reason));
    } catch {
      // The socket is already gone; nothing left to tell the client.
    }
    this.detach();
  }

  /** The client went away. */
  onClosed(): void {
    this.closed = true;
    this.detach();
  }

  private detach(): void {
    this.backlog = null;
    this.held?.dispose();
    if (this.room) {
      const room = this.room;
      this.room = null;
      this.rooms.leave(room, this);
    }
  }

  private takeToken(): boolean {
    const now = performance.now();
    const { messagesPerSecond: rate, messageBurst: burst } = this.limits;
    this.tokens = Math.min(burst, this.tokens + ((now - this.lastRefill) / 1000) * rate);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private handle(frame: Uint8Array): void {
    const room = this.room;
    if (!room) return;
    const message = parseClientMessage(frame);
    if (isRefusal(message)) {
      this.close(message.code, message.reason);
      return;
    }
    switch (message.type) {
      case 'sync-step1':
        try {
          room.answerStep1(this, message.stateVector);
        } catch {
          this.close(CloseCode.invalidPayload, 'malformed state vector');
        }
        return;
      case 'sync-update': {
        if (this.session.access === 'read') {
          // Read-only: the update is dropped, and the client told why (once in a while). An
          // empty update (the stock client's sync step 2 when it has nothing new) changes
          // nothing, so it is not answered: the first real edit always is.
          if (!isEmptyFrame(message.update) && this.deniedNotices++ % 100 === 0)
            this.send(permissionDenied('read-only: changes are not saved'));
          return;
        }
        const refused = this.heldUpdates(room).submit(message.update, message.step2);
        if (refused) this.close(refused.code, refused.reason);
        return;
      }
      case 'awareness':
        if (message.update.byteLength > this.limits.maxAwarenessBytes) {
          this.close(
            CloseCode.awarenessTooLarge,
            `awareness update of ${message.update.byteLength} bytes is over the limit of ${this.limits.maxAwarenessBytes}`,
          );
          return;
        }
        try {
          room.applyAwareness(this, message.update);
        } catch {
          this.close(CloseCode.invalidPayload, 'malformed awareness update');
        }
        return;
      case 'query-awareness':
        room.sendAllAwareness(this);
        return;
      case 'confirm':
        // Held updates count as sent before the request: confirm once they are in too.
        this.heldUpdates(room).whenSettled(() =>
          room.whenDurable().then(
            () => this.send(encodeConfirm(message.id)),
            // The room failed to store: it has already closed this connection.
            () => {},
          ),
        );
        return;
    }
  }

  private heldUpdates(room: Room): HeldUpdates {
    this.held ??= new HeldUpdates(
      this.limits.heldUpdates,
      {
        apply: (update) => room.applyClientUpdate(this, update),
        inspect: (update) => {
          const decoded = decodeUpdate(update);
          if (isRefusal(decoded)) return null;
          return { authors: updateAuthors(decoded), missing: missingChanges(room.doc, decoded) };
        },
        stateOf: (client) => Y.getState(room.doc.store, client),
        ownClients: () => this.awarenessIds,
      },
      (refusal) => this.close(refusal.code, refusal.reason),
    );
    return this.held;
  }
}

/** An update that changes nothing (e.g. [0, 0]); one that does not decode counts as a change. */
function isEmptyFrame(update: Uint8Array): boolean {
  const decoded = decodeUpdate(update);
  return !isRefusal(decoded) && isEmptyUpdate(decoded);
}
