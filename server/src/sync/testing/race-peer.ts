// In-process sync peers for tests: a client that speaks like the stock y-websocket
// provider (sync step 1 and its awareness on open, local edits sent at once, step 2 in
// answer to the server's step 1) over a socket pair whose frames wait in two queues
// until the test delivers them, so a test decides exactly how messages interleave.
import { CloseCode, MessageType } from '@civic-ledger/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Account } from '../../auth/accounts.ts';
import { Connection, type ConnectionLimits, type SyncSocket } from '../connection.ts';
import type { HeldUpdateLimits } from '../held-updates.ts';
import type { RoomManager } from '../rooms.ts';

export const TEST_ADMIN: Account & { tokenVersion: number } = {
  id: 'u-test-admin',
  username: 'tester',
  displayName: 'Tester',
  role: 'admin',
  committeeId: null,
  tokenVersion: 1,
};

export function testLimits(held?: Partial<HeldUpdateLimits>): ConnectionLimits {
  return {
    maxPendingMessages: 100_000,
    messagesPerSecond: 1_000_000,
    messageBurst: 1_000_000,
    maxAwarenessBytes: 4096,
    maxSendBufferBytes: 64 * 1024 * 1024,
    heldUpdates: { maxBytes: 1024 * 1024, maxMs: 10_000, ...held },
  };
}

/** What the server did to a socket of its own accord. */
export interface ServerClose {
  code: number;
  reason: string;
}

const SERVER = Symbol('server');

export class RacePeer {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Frames sent by the client, not yet delivered to the server; and the other way. */
  toServer: Uint8Array[] = [];
  toClient: Uint8Array[] = [];
  connection: Connection | null = null;
  /** Closes the server made (every one is a failure of the race tests). */
  readonly serverCloses: ServerClose[] = [];

  constructor(
    private readonly rooms: RoomManager,
    readonly room: string,
    private readonly limits: ConnectionLimits = testLimits(),
  ) {
    this.awareness.setLocalState({ user: `peer-${this.doc.clientID}` });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === SERVER || !this.connection) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeUpdate(encoder, update);
      this.toServer.push(encoding.toUint8Array(encoder));
    });
  }

  get connected(): boolean {
    return this.connection !== null;
  }

  /**
   * Opens a connection. `onOpen` runs where y-websocket emits `status: connected`:
   * edits made there go out before the client's sync step 1.
   */
  connect(onOpen?: () => void): void {
    if (this.connection) return;
    const peer = this;
    let open = true;
    const socket: SyncSocket = {
      send(data) {
        if (open && peer.connection === connection) peer.toClient.push(data.slice());
      },
      close(code = CloseCode.normal, reason = '') {
        if (!open) return;
        open = false;
        peer.serverCloses.push({ code, reason });
        if (peer.connection === connection) peer.dropConnection();
      },
      get readyState() {
        return open ? 1 : 3;
      },
      get bufferedAmount() {
        return 0;
      },
    };
    const connection = new Connection(socket, this.room, this.rooms, this.limits, {
      account: TEST_ADMIN,
      access: 'write',
    });
    this.connection = connection;
    connection.start();
    onOpen?.();
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MessageType.sync);
    syncProtocol.writeSyncStep1(step1, this.doc);
    this.toServer.push(encoding.toUint8Array(step1));
    const aware = encoding.createEncoder();
    encoding.writeVarUint(aware, MessageType.awareness);
    encoding.writeVarUint8Array(
      aware,
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]),
    );
    this.toServer.push(encoding.toUint8Array(aware));
  }

  /** The client goes away: frames in flight either way are lost. */
  disconnect(): void {
    const connection = this.connection;
    if (!connection) return;
    this.dropConnection();
    connection.onClosed();
  }

  /** Delivers up to `n` frames from the client to the server, in order. */
  deliverToServer(n = Number.POSITIVE_INFINITY): number {
    let done = 0;
    while (done < n && this.connection && this.toServer.length > 0) {
      const frame = this.toServer.shift() as Uint8Array;
      this.connection.receive(frame);
      done++;
    }
    return done;
  }

  /** Delivers up to `n` frames from the server to the client, which answers as y-websocket does. */
  deliverToClient(n = Number.POSITIVE_INFINITY): number {
    let done = 0;
    while (done < n && this.connection && this.toClient.length > 0) {
      const frame = this.toClient.shift() as Uint8Array;
      this.read(frame);
      done++;
    }
    return done;
  }

  destroy(): void {
    this.disconnect();
    this.awareness.destroy();
    this.doc.destroy();
  }

  private dropConnection(): void {
    this.connection = null;
    this.toServer = [];
    this.toClient = [];
  }

  private read(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.sync) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MessageType.sync);
      syncProtocol.readSyncMessage(decoder, reply, this.doc, SERVER);
      if (encoding.length(reply) > 1) this.toServer.push(encoding.toUint8Array(reply));
    } else if (type === MessageType.awareness) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), SERVER);
    }
  }
}

/** Lets the rooms' loads and joins (promises) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A valid committees-room row id. */
export function committeeRowId(random: () => number): string {
  return `c${Math.floor(random() * 36 ** 8)
    .toString(36)
    .padStart(8, '0')}`;
}
