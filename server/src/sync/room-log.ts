// A room's side of the store: the ordered write-behind of accepted updates (and their
// audit entries) into the room log, compaction of that log into a snapshot of the live
// document, and catching up with what other instances stored.
import * as Y from 'yjs';
import { errorFields, log } from '../ops/log.ts';
import { metrics } from '../ops/metrics.ts';
import type { AuditEntry } from '../store/audit-store.ts';
import type { RoomLogStore } from '../store/room-log-store.ts';

/** Origin of changes that came from another instance (relay or store), not a local client. */
export const REMOTE_ORIGIN = Symbol('remote');

export interface RoomLogOptions {
  compactAfterUpdates: number;
  /** Set when other instances write the same room: how often to read what they stored. */
  catchUpIntervalMs?: number;
  /** Called when a write fails: the document now holds what the store does not. */
  onWriteFailure: (reason: string) => void;
}

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class RoomLog {
  /** Accepted updates not yet handed to the store, and who waits for them. */
  private pending: Uint8Array[] = [];
  private pendingWaiters: Waiter[] = [];
  private pendingAudit: AuditEntry[] = [];
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
  /** Set when the live doc may differ from what was accepted: never snapshot it then. */
  private snapshotsStopped = false;
  private closed = false;

  constructor(
    private readonly name: string,
    private readonly doc: Y.Doc,
    private readonly store: RoomLogStore,
    stored: { lastSeq: number; logLength: number },
    private readonly options: RoomLogOptions,
  ) {
    this.appliedSeq = stored.lastSeq;
    this.logLength = stored.logLength;
    if (this.logLength >= options.compactAfterUpdates) this.requestCompaction();
    if (options.catchUpIntervalMs !== undefined) {
      this.catchUpTimer = setInterval(() => void this.catchUp(), options.catchUpIntervalMs);
      this.catchUpTimer.unref();
    }
  }

  private get shared(): boolean {
    return this.options.catchUpIntervalMs !== undefined;
  }

  /** Queues an accepted local update; the batch of this turn is written on the next one. */
  append(update: Uint8Array): void {
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

  /** Audit entries of updates just appended: they commit in the same batch. */
  appendAudit(entries: readonly AuditEntry[]): void {
    // One by one: a merge of many offline edits has more entries than a call takes arguments.
    for (const e of entries) this.pendingAudit.push(e);
  }

  /** The document may no longer match the log: keep it out of every snapshot. */
  stopSnapshots(): void {
    this.snapshotsStopped = true;
  }

  /**
   * Reads what the store holds beyond what this doc has (other instances' updates) and
   * applies it. Only ever needed when shared; safe to call any time.
   */
  catchUp(): Promise<void> {
    this.catchingUp ??= (async () => {
      try {
        const stored = await this.store.readSince(this.name, this.appliedSeq);
        if (this.closed) return;
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

  /** Resolves once every update accepted so far is committed to the store. */
  whenDurable(): Promise<void> {
    if (this.pending.length > 0) {
      return new Promise((resolve, reject) => this.pendingWaiters.push({ resolve, reject }));
    }
    return this.lastBatch;
  }

  /** Writes what is pending without compacting; resolves when it is committed. */
  flush(): Promise<void> {
    if (this.pending.length === 0) return this.queue;
    return this.enqueue(() => this.writeBatch());
  }

  /** Stops catching up, writes what is pending and folds the log into a snapshot. */
  async close(): Promise<void> {
    if (this.catchUpTimer) clearInterval(this.catchUpTimer);
    await this.flush().catch(() => {});
    if (this.logLength > 0 && !this.snapshotsStopped) await this.enqueue(() => this.compactNow());
    else await this.queue;
    this.closed = true;
  }

  get stats(): { pending: number; logLength: number; appliedSeq: number } {
    return { pending: this.pending.length, logLength: this.logLength, appliedSeq: this.appliedSeq };
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
    const waiters = this.pendingWaiters;
    this.pending = [];
    this.pendingAudit = [];
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
      if (!this.shared) this.appliedSeq = lastSeq;
      this.logLength += batch.length;
    } catch (err) {
      log.error('store append failed', { room: this.name, updates: batch.length, ...errorFields(err) });
      for (const w of waiters) w.reject(err);
      this.options.onWriteFailure('store write failed');
      throw err;
    }
    for (const w of waiters) w.resolve();
    if (this.logLength >= this.options.compactAfterUpdates) this.requestCompaction();
  }

  private requestCompaction(): void {
    if (this.compactionQueued) return;
    this.compactionQueued = true;
    void this.enqueue(async () => {
      this.compactionQueued = false;
      if (this.closed) return;
      await this.compactNow();
    }).catch((err) => log.error('compaction failed', { room: this.name, ...errorFields(err) }));
  }

  /** Runs inside the queue: the doc holds every update up to appliedSeq, so its state is a valid snapshot. */
  private async compactNow(): Promise<void> {
    if (this.snapshotsStopped) return;
    // Shared, the doc must first hold every entry up to the seq the snapshot claims.
    if (this.shared) await this.catchUp();
    const upTo = this.appliedSeq;
    const merged = this.logLength;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    await this.store.compact(this.name, snapshot, upTo);
    this.logLength = Math.max(0, this.logLength - merged);
    log.debug('room compacted', { room: this.name, merged, bytes: snapshot.byteLength });
  }
}
