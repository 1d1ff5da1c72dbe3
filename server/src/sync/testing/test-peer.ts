// A fake client for in-process tests: its own Y.Doc and awareness, speaking y-protocols
// like the y-websocket provider (step 1 on connect, updates as they happen, awareness)
// plus the confirmation extension, over a TestSocketPair it opens and drops on demand.
import { decodeConfirm, encodeConfirm, MessageType } from '@civic-ledger/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { ConnectionLimits, Session } from '../connection.ts';
import type { RoomManager } from '../rooms.ts';
import { completeRow } from './complete-row.ts';
import {
  officeSession,
  type ServerClose,
  TEST_LIMITS,
  TestSocketPair,
  type ToClient,
} from './socket-pair.ts';

export class TestPeer {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  /** The socket of the current connection, null while disconnected. */
  socket: TestSocketPair | null = null;
  /** How each connection so far was closed by the server, in order. */
  readonly closes: ServerClose[] = [];
  /** Confirmation ids the server answered, in order. */
  readonly confirmed: number[] = [];
  private nextConfirmId = 1;
  /** The room last connected to: new rows are made complete for its table. */
  private room: string | null = null;

  constructor(
    readonly name: string,
    readonly session: Session = officeSession(`u-${name}`),
    readonly limits: ConnectionLimits = TEST_LIMITS,
    /** Yjs client id; random when not given (a seeded run passes one, as it decides conflicts). */
    clientID?: number,
  ) {
    this.doc = new Y.Doc();
    if (clientID !== undefined) this.doc.clientID = clientID;
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this || !this.socket) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeUpdate(encoder, update);
      this.socket.send(encoding.toUint8Array(encoder));
    });
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      if (origin === this || !this.socket) return;
      const changed = [...added!, ...updated!, ...removed!];
      this.sendAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    });
  }

  get rows(): Y.Map<Y.Map<unknown>> {
    return this.doc.getMap('rows');
  }

  get connected(): boolean {
    return this.socket?.open ?? false;
  }

  /** Opens a socket to a room of `rooms` and queues what the provider sends first. */
  connect(rooms: RoomManager, room: string): TestSocketPair {
    this.disconnect();
    this.room = room;
    const socket = new TestSocketPair(rooms, room, (m) => this.receive(socket, m), this.session, this.limits);
    this.socket = socket;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    socket.send(encoding.toUint8Array(encoder));
    if (this.awareness.getLocalState() !== null) {
      this.sendAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]));
    }
    return socket;
  }

  disconnect(): void {
    this.socket?.disconnect();
    this.socket = null;
    // As the provider does: everyone else's presence is gone with the connection.
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    awarenessProtocol.removeAwarenessStates(this.awareness, others, this);
  }

  /** Asks the server to confirm everything sent so far; returns the id to look for in `confirmed`. */
  requestConfirm(): number {
    const id = this.nextConfirmId++;
    this.socket?.send(encodeConfirm(id));
    return id;
  }

  /**
   * Sets a row's fields (creating the row, complete, if it is not there), as one edit.
   * `room` says which table a row made before the first connection belongs to.
   */
  setRow(id: string, fields: Record<string, unknown>, room: string | null = this.room): void {
    this.doc.transact(() => {
      const row = this.rows.get(id);
      if (row) {
        for (const [k, v] of Object.entries(fields)) row.set(k, v);
        return;
      }
      if (!room) throw new Error(`${this.name} makes a row before knowing its room`);
      this.rows.set(id, new Y.Map<unknown>(Object.entries(completeRow(room, id, fields))));
    });
  }

  /** Rows as plain, sorted data: two peers that converged give equal values. */
  snapshot(): Record<string, Record<string, unknown>> {
    return rowsOf(this.doc);
  }

  private sendAwareness(update: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(encoder, update);
    this.socket?.send(encoding.toUint8Array(encoder));
  }

  private receive(socket: TestSocketPair, message: ToClient): void {
    if (socket !== this.socket) return;
    if ('close' in message) {
      this.closes.push(message.close);
      this.disconnect();
      return;
    }
    const decoder = decoding.createDecoder(message.frame);
    const type = decoding.readVarUint(decoder);
    if (type === MessageType.sync) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
      if (encoding.length(encoder) > 1) socket.send(encoding.toUint8Array(encoder));
    } else if (type === MessageType.awareness) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    } else if (type === MessageType.confirm) {
      const id = decodeConfirm(message.frame);
      if (id !== null) this.confirmed.push(id);
    }
  }
}

/** A document's rows as plain data with sorted keys (Y.Map order differs between peers). */
export function rowsOf(doc: Y.Doc): Record<string, Record<string, unknown>> {
  const rows = doc.getMap<Y.Map<unknown>>('rows');
  const out: Record<string, Record<string, unknown>> = {};
  for (const id of [...rows.keys()].sort()) {
    const row = rows.get(id);
    if (!(row instanceof Y.Map)) continue;
    out[id] = Object.fromEntries([...row.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  return out;
}
