// Keeps one room's Y.Doc in the local store: loads it before the network, appends every
// update (batched), compacts the log by policy, and reports a failed write instead of
// hiding it.
import { type DomainError, domainError } from '@civic-ledger/shared';
import * as Y from 'yjs';
import { shouldCompact } from './compaction-policy.ts';
import type { ConfirmationState } from './confirmation-tracker.ts';
import type { LocalStore } from './local-store.ts';
import { applyQuietly, QUIET_APPLY_BYTES } from './quiet-apply.ts';

/** Origin of updates applied from the local store (neither a local edit nor the server's). */
export const LOCAL_STORE_ORIGIN = { source: 'local-store' } as const;

const FLUSH_DELAY_MS = 40;
/** Remote updates are also on the server: batch them longer when they stream in. */
const REMOTE_FLUSH_DELAY_MS = 400;

export class RoomPersistence {
  private queue: Uint8Array[] = [];
  private queuedEditSeq: number | null = null;
  /** Keys of entries this doc includes: what a compaction may replace. */
  private known: number[] = [];
  private bytes = 0;
  private snapshotBytes = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerDelay = 0;
  private writing: Promise<void> = Promise.resolve();
  private destroyed = false;

  constructor(
    private readonly store: LocalStore,
    private readonly room: string,
    private readonly doc: Y.Doc,
    private readonly onError: (error: DomainError | null) => void,
  ) {}

  /** Applies what is stored to the doc; returns the stored confirmation counters. */
  async load(): Promise<{ confirmation: ConfirmationState; entries: number }> {
    const loaded = await this.store.load(this.room);
    // One transaction, no merge first: re-encoding a big snapshot costs more than it saves.
    const updates = loaded.entries.map((entry) => entry.data);
    applyQuietly(this.doc, updates, LOCAL_STORE_ORIGIN, () =>
      this.doc.transact(() => {
        for (const update of updates) Y.applyUpdate(this.doc, update, LOCAL_STORE_ORIGIN);
      }, LOCAL_STORE_ORIGIN),
    );
    for (const [i, entry] of loaded.entries.entries()) {
      this.known.push(entry.seq);
      this.bytes += entry.data.byteLength;
      // The oldest entry is the base even when it was written whole rather than compacted.
      if (entry.snapshot || i === 0) this.snapshotBytes = entry.data.byteLength;
    }
    return { confirmation: loaded.confirmation, entries: loaded.entries.length };
  }

  /** Queues an update for the store; `editSeq` is the edit counter after it if it was a local edit. */
  record(update: Uint8Array, editSeq: number | null): void {
    if (this.destroyed) return;
    this.queue.push(update);
    if (editSeq !== null) {
      this.queuedEditSeq = editSeq;
      // A local edit exists nowhere else yet: write it soon.
      if (this.timer && this.timerDelay > FLUSH_DELAY_MS) {
        clearTimeout(this.timer);
        this.timer = null;
      }
    }
    if (this.timer) return;
    this.timerDelay = editSeq !== null ? FLUSH_DELAY_MS : REMOTE_FLUSH_DELAY_MS;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.timerDelay);
  }

  saveConfirmation(state: ConfirmationState): void {
    this.writing = this.writing.then(() =>
      this.store.setConfirmed(this.room, state).catch((err: unknown) => this.fail(err)),
    );
  }

  /** Writes what is queued; resolves when it (and any write before it) is done. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = this.queue;
    const editSeq = this.queuedEditSeq;
    this.queue = [];
    this.queuedEditSeq = null;
    if (batch.length === 0) return this.writing;
    this.writing = this.writing.then(async () => {
      try {
        // Many small updates (remote edits streaming in) go in as one entry: fewer entries
        // load faster and put off the next compaction, which rewrites the whole room.
        const mergeable = batch.length > 1 && batch.every((u) => u.byteLength < QUIET_APPLY_BYTES);
        const entry = mergeable ? [Y.mergeUpdates(batch)] : batch;
        const firstWrite = this.known.length === 0;
        const keys = await this.store.append(this.room, entry, editSeq);
        this.known.push(...keys);
        for (const u of entry) this.bytes += u.byteLength;
        // The first write of a room holds all of it (e.g. the server's first sync): it is the
        // base later updates are weighed against, as a compacted snapshot would be.
        if (firstWrite) this.snapshotBytes = this.bytes;
        this.onError(null);
      } catch (err) {
        // Put the batch back so the next flush retries it, and say so.
        this.queue = [...batch, ...this.queue];
        if (editSeq !== null && this.queuedEditSeq === null) this.queuedEditSeq = editSeq;
        this.fail(err);
        return;
      }
      if (shouldCompact({ entries: this.known.length, bytes: this.bytes, snapshotBytes: this.snapshotBytes }))
        await this.compact();
    });
    return this.writing;
  }

  private async compact(): Promise<void> {
    if (this.doc.isDestroyed) return;
    const merged = [...this.known];
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    try {
      const key = await this.store.compact(this.room, snapshot, merged);
      this.known = [key, ...this.known.slice(merged.length)];
      this.bytes = snapshot.byteLength;
      this.snapshotBytes = snapshot.byteLength;
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    this.onError(
      domainError(
        'local_write_failed',
        `本机保存失败（${detail}），修改暂存在内存中，联网后仍会同步`,
        `Could not save on this device (${detail}); changes are kept in memory and still sync when online`,
      ),
    );
  }

  /** Flushes and stops recording. */
  async destroy(): Promise<void> {
    await this.flush();
    this.destroyed = true;
  }
}
