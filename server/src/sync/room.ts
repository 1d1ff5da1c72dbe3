// A loaded room: one Y.Doc and its awareness, the peers connected to it, and the
// ordered write-behind of accepted updates into the store's log (then compaction).
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
import { errorFields, log } from '../ops/log.ts';
import { metrics } from '../ops/metrics.ts';
import type { AuditEntry } from '../store/audit-store.ts';
import type { Store } from '../store/store.ts';
import { checkDecodedUpdate, checkUpdate, decodeUpdate } from './guard/update-check.ts';
import { UpdateGuard } from './guard/update-guard.ts';

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

/** Origin of changes that came from another instance (relay or store), not a local client. */
export const REMOTE_ORIGIN = Symbol('remote');

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
}

export type ApplyResult = { ok: true } | { ok: false; reason: string; rule?: string };

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

function allAwareness(awareness: awarenessProtocol.Awareness): Uint8Array | null {
  const clients = [...awareness.getStates().keys()];
  return clients.length > 0
    ? awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
    : null;
}

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

function auditEntries(
  room: string,
  who: { id: string; username: string },
  changes: readonly RowChange[],
): AuditEntry[] {
  const at = Date.now();
  const base = { room, userId: who.id, username: who.username, at };
  const entries: AuditEntry[] = [];
  for (const c of changes) {
    if (c.before === null || c.after === null) {
      entries.push({ ...base, rowId: c.rowId, field: '*', before: json(c.before), after: json(c.after) });
      continue;
    }
    for (const field of c.fields) {
      entries.push({
        ...base,
        rowId: c.rowId,
        field,
        before: json(c.before[field]),
        after: json(c.after[field]),
      });
    }
  }
  return entries;
}

export class Room {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<RoomPeer>();
  state: 'open' | 'closing' | 'closed' = 'open';

  /** Accepted updates not yet handed to the store, and who waits for them. */
  private pending: Uint8Array[] = [];
  private pendingWaiters: Waiter[] = [];
  /** Resolves when the latest batch handed to the store is committed. */
  private lastBatch: Promise<void> = Promise.resolve();
  /** Store work runs one task at a time, in order. */
  private queue: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  private compactionQueued = false;
  /** Log entries after the snapshot (an estimate when shared). */
  private logLength: number;
  /** Every log entry up to this seq is in the doc. */
  private appliedSeq: number;
  private catchUpTimer: NodeJS.Timeout | null = null;
  private catchingUp: Promise<void> | null = null;
  /** While applying a client's update, its resulting doc updates are held here. */
  private captured: Uint8Array[] | null = null;
  /** Set when the live doc may differ from what was accepted: never snapshot it then. */
  private failed = false;
  private readonly guard: UpdateGuard;
  private pendingAudit: AuditEntry[] = [];

  constructor(
    readonly room: RoomName,
    doc: Y.Doc,
    private readonly store: Store,
    stored: { lastSeq: number; logLength: number },
    private readonly options: RoomOptions,
  ) {
    this.doc = doc;
    // A loaded document's root types are untyped until first asked for as maps; typing
    // them re-parents every row, so do it here, as part of the load, not on the first edit.
    doc.getMap(ROWS_MAP);
    doc.getMap(META_MAP);
    this.name = room.name;
    this.guard = new UpdateGuard(doc, room);
    this.appliedSeq = stored.lastSeq;
    this.logLength = stored.logLength;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (this.captured) this.captured.push(update);
      else this.accept(update, origin);
    });
    this.awareness.on('update', this.onAwarenessUpdate);
    if (this.logLength >= options.compactAfterUpdates) this.requestCompaction();
    if (options.sharing) {
      this.catchUpTimer = setInterval(() => void this.catchUp(), options.sharing.catchUpIntervalMs);
      this.catchUpTimer.unref();
    }
  }

  join(peer: RoomPeer): void {
    this.peers.add(peer);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    peer.send(encoding.toUint8Array(encoder));
    const all = allAwareness(this.awareness);
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
  applyClientUpdate(peer: RoomPeer, update: Uint8Array): ApplyResult {
    if (this.state !== 'open') return { ok: false, reason: 'room is closing' };
    const decoded = decodeUpdate(update);
    if (typeof decoded === 'string') return { ok: false, reason: decoded };
    const check = checkDecodedUpdate(this.doc, decoded);
    if (!check.ok) return check;
    if (check.empty) return { ok: true };
    let audit: AuditEntry[] = [];
    if (peer.account) {
      const verdict = this.guard.check(update, peer.account, decoded);
      if (!verdict.ok) return { ok: false, reason: verdict.error.message.en, rule: verdict.error.code };
      audit = auditEntries(this.name, peer.account, verdict.changes);
    }
    const captured: Uint8Array[] = [];
    const pendingBefore = [this.doc.store.pendingStructs, this.doc.store.pendingDs];
    this.captured = captured;
    let failure: string | null = null;
    try {
      Y.applyUpdate(this.doc, update, peer);
    } catch (err) {
      failure = `update failed to apply: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      this.captured = null;
    }
    if (
      failure === null &&
      (this.doc.store.pendingStructs !== pendingBefore[0] || this.doc.store.pendingDs !== pendingBefore[1])
    ) {
      failure = 'update left missing dependencies';
    }
    if (failure !== null) {
      this.fail(failure);
      return { ok: false, reason: failure };
    }
    for (const u of captured) this.accept(u, peer);
    this.pendingAudit.push(...audit);
    return { ok: true };
  }

  /** An update another instance relayed. If it does not fit, the store has it: catch up. */
  applyRemoteUpdate(update: Uint8Array): void {
    if (this.state !== 'open') return;
    const check = checkUpdate(this.doc, update);
    if (!check.ok) {
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

  /**
   * Reads what the store holds beyond what this doc has (other instances' updates) and
   * applies it. Only ever needed when shared; safe to call any time.
   */
  catchUp(): Promise<void> {
    this.catchingUp ??= (async () => {
      try {
        const stored = await this.store.readSince(this.name, this.appliedSeq);
        if (this.state === 'closed') return;
        const updates = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
        if (updates.length > 0) {
          // Log order may put an update before one it builds on (two instances); Yjs
          // sorts that out within one transaction.
          this.doc.transact(() => {
            for (const u of updates) Y.applyUpdate(this.doc, u, REMOTE_ORIGIN);
          }, REMOTE_ORIGIN);
        }
        this.appliedSeq = Math.max(this.appliedSeq, stored.lastSeq);
      } catch (err) {
        log.warn('catch-up from the store failed', { room: this.name, ...errorFields(err) });
      } finally {
        this.catchingUp = null;
      }
    })();
    return this.catchingUp;
  }

  applyAwareness(peer: RoomPeer, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
  }

  sendAllAwareness(peer: RoomPeer): void {
    const all = allAwareness(this.awareness);
    if (all) peer.send(all);
  }

  /** Resolves once every update accepted so far is committed to the store. */
  whenDurable(): Promise<void> {
    if (this.pending.length > 0) {
      return new Promise((resolve, reject) => this.pendingWaiters.push({ resolve, reject }));
    }
    return this.lastBatch;
  }

  /** Stores everything pending, compacts the log, and lets go of the document. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closing';
    if (this.catchUpTimer) clearInterval(this.catchUpTimer);
    await this.flush().catch(() => {});
    if (this.logLength > 0 && !this.failed) await this.enqueue(() => this.compactNow());
    else await this.queue;
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.guard.dispose();
    this.doc.destroy();
    this.state = 'closed';
  }

  /** Writes what is pending without compacting; resolves when it is committed. */
  flush(): Promise<void> {
    if (this.pending.length === 0) return this.queue;
    return this.enqueue(() => this.writeBatch());
  }

  get stats(): { pending: number; logLength: number; appliedSeq: number } {
    return { pending: this.pending.length, logLength: this.logLength, appliedSeq: this.appliedSeq };
  }

  private accept(update: Uint8Array, origin: unknown): void {
    const message = syncUpdateMessage(update);
    for (const peer of this.peers) {
      if (peer !== origin) peer.send(message);
    }
    // Another instance accepted (and stores) remote changes; only local ones are ours.
    if (origin === REMOTE_ORIGIN) return;
    this.options.sharing?.publish('update', update);
    metrics.updatesAccepted++;
    this.pending.push(update);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        void this.flush().catch(() => {});
      });
    }
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => {});
    return run;
  }

  private async writeBatch(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    const audit = this.pendingAudit;
    this.pendingAudit = [];
    const waiters = this.pendingWaiters;
    this.pending = [];
    this.pendingWaiters = [];
    const started = performance.now();
    // The audit entries commit with the updates they describe: one durable commit per batch.
    const committed = this.store.appendUpdates(this.name, batch, audit);
    this.lastBatch = committed.then(() => {});
    this.lastBatch.catch(() => {});
    try {
      const lastSeq = await committed;
      metrics.storeAppend.observe((performance.now() - started) / 1000);
      // Alone, our appends are the whole log; shared, others' entries may sit between.
      if (!this.options.sharing) this.appliedSeq = lastSeq;
      this.logLength += batch.length;
    } catch (err) {
      log.error('store append failed', { room: this.name, updates: batch.length, ...errorFields(err) });
      for (const w of waiters) w.reject(err);
      this.fail('store write failed');
      throw err;
    }
    for (const w of waiters) w.resolve();
    if (this.logLength >= this.options.compactAfterUpdates) this.requestCompaction();
  }

  private fail(reason: string): void {
    if (this.failed) return;
    this.failed = true;
    this.state = 'closing';
    log.error('room failed', { room: this.name, reason });
    this.options.onFailure(this, reason);
  }

  private requestCompaction(): void {
    if (this.compactionQueued) return;
    this.compactionQueued = true;
    void this.enqueue(async () => {
      this.compactionQueued = false;
      if (this.state === 'closed') return;
      await this.compactNow();
    }).catch((err) => log.error('compaction failed', { room: this.name, ...errorFields(err) }));
  }

  /** Runs inside the queue: the doc holds every update up to lastSeq, so its state is a valid snapshot. */
  private async compactNow(): Promise<void> {
    if (this.failed) return;
    // Shared, the doc must first hold every entry up to the seq the snapshot claims.
    if (this.options.sharing) await this.catchUp();
    const upTo = this.appliedSeq;
    const merged = this.logLength;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    await this.store.compact(this.name, snapshot, upTo);
    this.logLength = Math.max(0, this.logLength - merged);
    log.debug('room compacted', { room: this.name, merged, bytes: snapshot.byteLength });
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
