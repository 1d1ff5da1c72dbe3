// A loaded room: one Y.Doc and its awareness, the peers connected to it, and the
// fan-out of every accepted change to them (and to other instances). What reaches the
// store, compaction and catch-up are the room log's (room-log.ts).
import {
  META_MAP,
  MessageType,
  type Principal,
  ROWS_MAP,
  type Room as RoomName,
  type RowChange,
} from '@civic-ledger/shared';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { log } from '../ops/log.ts';
import type { AuditEntry } from '../store/audit-store.ts';
import type { RoomLogStore } from '../store/room-log-store.ts';
import { auditEntries } from './audit-entries.ts';
import { fillDeadlines, SERVER_EDITOR } from './deadline-fill.ts';
import { checkDecodedUpdate, checkUpdate, decodeUpdate, isEmptyUpdate } from './guard/update-check.ts';
import { UpdateGuard } from './guard/update-guard.ts';
import { isRefusal, type Refusal, updateRejected } from './refusal.ts';
import { REMOTE_ORIGIN, RoomLog } from './room-log.ts';
import type { RoundRegistry } from './round-registry.ts';
import { allAwarenessMessage, awarenessMessage, syncUpdateMessage } from './wire.ts';

/** A connection as the room sees it. */
export interface RoomPeer {
  readonly id: number;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Awareness client ids announced over this connection, removed when it leaves. */
  readonly awarenessIds: Set<number>;
  /** Who is writing: their changes are checked against the rules and audited. */
  readonly account: (Principal & { id: string; username: string }) | null;
}

/** How a room shares its changes with other instances (absent: this instance is alone). */
export interface RoomSharing {
  publish(kind: 'update' | 'awareness', payload: Uint8Array): void;
  /** How often to read what other instances stored, in case a relay message was lost. */
  catchUpIntervalMs: number;
}

export interface RoomOptions {
  compactAfterUpdates: number;
  sharing?: RoomSharing;
  /** Called when the room cannot go on (store failure, inconsistent document). */
  onFailure: (room: Room, reason: string) => void;
  /** The check rounds: a round's room keeps them current, a ledger's rules read them. */
  rounds?: RoundRegistry;
}

export class Room {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<RoomPeer>();
  state: 'open' | 'closing' | 'closed' = 'open';

  private readonly log: RoomLog;
  /** While applying a client's update, its resulting doc updates are held here. */
  private captured: Uint8Array[] | null = null;
  /** Set when the live doc may differ from what was accepted. */
  private failed = false;
  private readonly guard: UpdateGuard;
  private readonly unwatchRound: (() => void) | null;

  constructor(
    readonly room: RoomName,
    doc: Y.Doc,
    store: RoomLogStore,
    stored: { lastSeq: number; logLength: number },
    private readonly options: RoomOptions,
  ) {
    this.doc = doc;
    // A loaded document's root types are untyped until first asked for as maps; typing
    // them re-parents every row, so do it here, as part of the load, not on the first edit.
    doc.getMap(ROWS_MAP);
    doc.getMap(META_MAP);
    this.name = room.name;
    const rounds = options.rounds;
    this.guard = new UpdateGuard(doc, room, rounds ? () => rounds.activeChecks() : undefined);
    this.unwatchRound = rounds && room.roundId !== undefined ? rounds.watch(room.roundId, doc) : null;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (this.captured) this.captured.push(update);
      else this.accept(update, origin);
    });
    this.awareness.on('update', this.onAwarenessUpdate);
    this.log = new RoomLog(this.name, doc, store, stored, {
      compactAfterUpdates: options.compactAfterUpdates,
      catchUpIntervalMs: options.sharing?.catchUpIntervalMs,
      onWriteFailure: (reason) => this.fail(reason),
    });
  }

  join(peer: RoomPeer): void {
    this.peers.add(peer);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    peer.send(encoding.toUint8Array(encoder));
    const all = allAwarenessMessage(this.awareness);
    if (all) peer.send(all);
  }

  leave(peer: RoomPeer): void {
    if (!this.peers.delete(peer)) return;
    if (peer.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null);
    }
  }

  /** Answers a client's sync step 1 with what it lacks. Throws on a malformed state vector. */
  answerStep1(peer: RoomPeer, stateVector: Uint8Array): void {
    Y.decodeStateVector(stateVector); // throws on garbage before we encode anything
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep2(encoder, this.doc, stateVector);
    peer.send(encoding.toUint8Array(encoder));
  }

  /**
   * Applies a client's update whole or not at all. An update that cannot apply cleanly
   * is refused before it touches the document; if Yjs still fails half-way, the room is
   * failed and reloaded from the store, which never saw the partial change.
   */
  applyClientUpdate(peer: RoomPeer, update: Uint8Array): Refusal | null {
    if (this.state !== 'open') return updateRejected('room is closing');
    const decoded = decodeUpdate(update);
    if (isRefusal(decoded)) return decoded;
    const refused = checkDecodedUpdate(this.doc, decoded);
    if (refused) return refused;
    if (isEmptyUpdate(decoded)) return null;
    let audit: AuditEntry[] = [];
    let changes: RowChange[] = [];
    if (peer.account) {
      const verdict = this.guard.check(update, peer.account, decoded);
      if (isRefusal(verdict)) return verdict;
      audit = auditEntries(this.name, peer.account, verdict);
      changes = verdict;
    }
    const captured = this.applyCaptured(update, peer);
    if (typeof captured === 'string') {
      this.fail(captured);
      return updateRejected(captured);
    }
    for (const u of captured) this.accept(u, peer);
    this.log.appendAudit(audit);
    if (this.room.table === 'ledger' && changes.length > 0) {
      // The server's own edit goes out (to every peer, the writer too) as one more update.
      const fills = fillDeadlines(this.doc, changes);
      if (fills.length > 0) this.log.appendAudit(auditEntries(this.name, SERVER_EDITOR, fills));
    }
    return null;
  }

  /** Applies an update, holding back the doc updates it makes; a failure comes back as its reason. */
  private applyCaptured(update: Uint8Array, origin: RoomPeer): Uint8Array[] | string {
    const captured: Uint8Array[] = [];
    const pendingBefore = [this.doc.store.pendingStructs, this.doc.store.pendingDs];
    this.captured = captured;
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (err) {
      return `update failed to apply: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      this.captured = null;
    }
    if (this.doc.store.pendingStructs !== pendingBefore[0] || this.doc.store.pendingDs !== pendingBefore[1]) {
      return 'update left missing dependencies';
    }
    return captured;
  }

  /** An update another instance relayed. If it does not fit, the store has it: catch up. */
  applyRemoteUpdate(update: Uint8Array): void {
    if (this.state !== 'open') return;
    if (checkUpdate(this.doc, update)) {
      void this.catchUp();
      return;
    }
    try {
      Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
    } catch (err) {
      this.fail(`relayed update failed to apply: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  applyRemoteAwareness(update: Uint8Array): void {
    if (this.state !== 'open') return;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
    } catch {
      log.warn('relayed awareness update dropped', { room: this.name });
    }
  }

  /** Reads and applies what other instances stored beyond this doc (see RoomLog.catchUp). */
  catchUp(): Promise<void> {
    return this.log.catchUp();
  }

  applyAwareness(peer: RoomPeer, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
  }

  sendAllAwareness(peer: RoomPeer): void {
    const all = allAwarenessMessage(this.awareness);
    if (all) peer.send(all);
  }

  /** Resolves once every update accepted so far is committed to the store. */
  whenDurable(): Promise<void> {
    return this.log.whenDurable();
  }

  /** Writes what is pending without compacting; resolves when it is committed. */
  flush(): Promise<void> {
    return this.log.flush();
  }

  /** Stores everything pending, compacts the log, and lets go of the document. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closing';
    await this.log.close();
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.guard.dispose();
    this.unwatchRound?.();
    this.doc.destroy();
    this.state = 'closed';
  }

  get stats(): { pending: number; logLength: number; appliedSeq: number } {
    return this.log.stats;
  }

  /** Sends a change to every other peer here; a local one also to other instances and the log. */
  private accept(update: Uint8Array, origin: unknown): void {
    const message = syncUpdateMessage(update);
    for (const peer of this.peers) {
      if (peer !== origin) peer.send(message);
    }
    // Another instance accepted (and stores) remote changes; only local ones are ours.
    if (origin === REMOTE_ORIGIN) return;
    this.options.sharing?.publish('update', update);
    this.log.append(update);
  }

  private fail(reason: string): void {
    if (this.failed) return;
    this.failed = true;
    this.log.stopSnapshots();
    this.state = 'closing';
    log.error('room failed', { room: this.name, reason });
    this.options.onFailure(this, reason);
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    const peer = origin && this.peers.has(origin as RoomPeer) ? (origin as RoomPeer) : null;
    if (peer) {
      for (const id of added) peer.awarenessIds.add(id);
      for (const id of removed) peer.awarenessIds.delete(id);
    }
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    const message = awarenessMessage(update);
    for (const p of this.peers) p.send(message);
    // Local changes (a client's, or its departure) go to the other instances; expiry
    // by timeout happens on every instance by itself.
    if (origin !== REMOTE_ORIGIN && origin !== 'timeout') this.options.sharing?.publish('awareness', update);
  };
}
