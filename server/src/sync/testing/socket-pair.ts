// Two ends of one in-process sync socket: the server end is a real Connection on a
// RoomManager, the client end whatever a test drives. Frames wait in a queue each way
// until the test (or the network) delivers them, so a test decides every interleaving.
import type { Account } from '../../auth/accounts.ts';
import { Connection, type ConnectionLimits, type Session, type SyncSocket } from '../connection.ts';
import { DEFAULT_HELD_UPDATE_LIMITS } from '../held-updates.ts';
import type { RoomManager } from '../rooms.ts';

/** No limit a test would hit by accident; tests of the limits set their own. */
export const TEST_LIMITS: ConnectionLimits = {
  maxPendingMessages: 1_000_000,
  messagesPerSecond: 1_000_000_000,
  messageBurst: 1_000_000_000,
  maxAwarenessBytes: 1_000_000,
  maxSendBufferBytes: Number.POSITIVE_INFINITY,
  heldUpdates: DEFAULT_HELD_UPDATE_LIMITS,
};

/** An office account (writes every room) for sessions of tests. */
export function officeSession(id = 'u-office'): Session {
  const account: Account & { tokenVersion: number } = {
    id,
    username: id,
    displayName: id,
    role: 'staff',
    committeeId: null,
    tokenVersion: 0,
  };
  return { account, access: 'write' };
}

export interface ServerClose {
  code: number;
  reason: string;
}

/** What the client end receives: a frame, or the server closing the socket. */
export type ToClient = { frame: Uint8Array } | { close: ServerClose };

export class TestSocketPair {
  readonly connection: Connection;
  /** Frames sent by the client, not yet received by the server. */
  readonly toServer: Uint8Array[] = [];
  /** Frames (and the close) sent by the server, not yet received by the client. */
  readonly toClient: ToClient[] = [];
  /** Set once the server closed its end (delivered to the client or not). */
  serverClose: ServerClose | null = null;
  /** False once either end has gone. */
  open = true;
  private readonly serverSocket: SyncSocket;

  constructor(
    rooms: RoomManager,
    room: string,
    private readonly receiveOnClient: (message: ToClient) => void,
    session: Session = officeSession(),
    limits: ConnectionLimits = TEST_LIMITS,
  ) {
    const pair = this;
    this.serverSocket = {
      get readyState() {
        return pair.open ? 1 : 3;
      },
      // Frames wait in `toClient` until delivered, not in a socket buffer.
      bufferedAmount: 0,
      send(data: Uint8Array) {
        if (pair.open) pair.toClient.push({ frame: data });
      },
      close(code = 1000, reason = '') {
        if (!pair.open) return;
        pair.open = false;
        pair.serverClose = { code, reason };
        pair.toClient.push({ close: pair.serverClose });
      },
    };
    this.connection = new Connection(this.serverSocket, room, rooms, limits, session);
    this.connection.start();
  }

  /** Queues a frame from the client (dropped if the socket is gone). */
  send(frame: Uint8Array): void {
    if (this.open) this.toServer.push(frame);
  }

  get pending(): number {
    return this.toServer.length + this.toClient.length;
  }

  /** Delivers up to `n` queued frames to the server; returns how many it delivered. */
  deliverToServer(n = Number.POSITIVE_INFINITY): number {
    let done = 0;
    while (done < n && this.toServer.length > 0) {
      const frame = this.toServer.shift()!;
      done++;
      if (this.serverClose === null) this.connection.receive(frame);
    }
    return done;
  }

  /** Delivers up to `n` queued messages to the client; returns how many it delivered. */
  deliverToClient(n = Number.POSITIVE_INFINITY): number {
    let done = 0;
    while (done < n && this.toClient.length > 0) {
      done++;
      this.receiveOnClient(this.toClient.shift()!);
    }
    return done;
  }

  /** Delivers both ways until nothing is queued. */
  flush(): void {
    while (this.deliverToServer() + this.deliverToClient() > 0) {
      // Each delivery may queue answers the other way.
    }
  }

  /** The client goes away: what is queued either way is lost, the server sees the close. */
  disconnect(): void {
    this.toServer.length = 0;
    this.toClient.length = 0;
    if (!this.open) return;
    this.open = false;
    this.connection.onClosed();
  }
}
