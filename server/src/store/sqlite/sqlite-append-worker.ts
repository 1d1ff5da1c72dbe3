// Commits appends to a SQLite store on a thread of its own, so that the fsync of every
// commit (synchronous=FULL) never holds the event loop that fans updates out. Appends
// that arrive while a commit is under way go into the next one together (group commit).
// Only this thread writes the log (appends, and the compactions that fold it into a
// room's snapshot), so sequence numbers grow in commit order and a compaction lands
// after every append handed over before it.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { AuditEntry } from '../audit-store.ts';

// Plain JavaScript, evaluated as the worker's source: it needs no TypeScript loader.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
const insertUpdate = db.prepare('INSERT INTO room_update (room, data, created_at) VALUES (?, ?, ?)');
const insertAudit = db.prepare(
  'INSERT INTO audit_log (room, row_id, field, before, after, user_id, username, at) ' +
  'VALUES (@room, @rowId, @field, @before, @after, @userId, @username, @at)');
let queue = [];
let scheduled = false;
const commit = db.transaction((batch, now) => batch.map((m) => {
  let last = 0;
  for (const u of m.updates) {
    last = Number(insertUpdate.run(m.room, Buffer.from(u.buffer, u.byteOffset, u.byteLength), now).lastInsertRowid);
  }
  for (const e of m.audit) insertAudit.run(e);
  return last;
}));
function commitEach(batch) {
  for (const m of batch) {
    try {
      const seqs = commit([m], Date.now());
      parentPort.postMessage({ type: 'committed', ids: [m.id], seqs });
    } catch (err) {
      parentPort.postMessage({ type: 'failed', ids: [m.id], error: String((err && err.message) || err) });
    }
  }
}
const upsertSnapshot = db.prepare(
  'INSERT INTO room_snapshot (room, snapshot, seq, updated_at) VALUES (?, ?, ?, ?) ' +
  'ON CONFLICT (room) DO UPDATE SET snapshot = excluded.snapshot, seq = excluded.seq, ' +
  'updated_at = excluded.updated_at WHERE excluded.seq >= room_snapshot.seq');
const deleteUpTo = db.prepare('DELETE FROM room_update WHERE room = ? AND seq <= ?');
const compact = db.transaction((m, now) => {
  upsertSnapshot.run(m.room, Buffer.from(m.snapshot.buffer, m.snapshot.byteOffset, m.snapshot.byteLength), m.upToSeq, now);
  deleteUpTo.run(m.room, m.upToSeq);
});
function runCompaction(m) {
  try {
    compact(m, Date.now());
    parentPort.postMessage({ type: 'committed', ids: [m.id], seqs: [m.upToSeq] });
  } catch (err) {
    parentPort.postMessage({ type: 'failed', ids: [m.id], error: String((err && err.message) || err) });
  }
}
function flush() {
  scheduled = false;
  const batch = queue;
  queue = [];
  if (batch.length === 0) return;
  try {
    const seqs = commit(batch, Date.now());
    parentPort.postMessage({ type: 'committed', ids: batch.map((m) => m.id), seqs });
  } catch (err) {
    // One room's bad batch must not fail the rooms committed with it: each on its own.
    if (batch.length === 1) {
      parentPort.postMessage({ type: 'failed', ids: [batch[0].id], error: String((err && err.message) || err) });
    } else {
      commitEach(batch);
    }
  }
}
parentPort.on('message', (m) => {
  if (m.type === 'close') {
    flush();
    db.close();
    parentPort.postMessage({ type: 'closed' });
    return;
  }
  for (const item of m.items) {
    if (item.kind === 'compact') {
      // The appends handed over before it are committed first.
      flush();
      runCompaction(item);
    } else {
      queue.push(item);
    }
  }
  if (!scheduled && queue.length > 0) {
    scheduled = true;
    setImmediate(flush);
  }
});
`;

type Write =
  | {
      kind: 'append';
      id: number;
      room: string;
      updates: readonly Uint8Array[];
      audit: readonly AuditEntry[];
    }
  | { kind: 'compact'; id: number; room: string; snapshot: Uint8Array; upToSeq: number };

type WorkerReply =
  | { type: 'committed'; ids: number[]; seqs: number[] }
  | { type: 'failed'; ids: number[]; error: string }
  | { type: 'closed' };

const driver = createRequire(import.meta.url).resolve('better-sqlite3');

export class SqliteAppendWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (seq: number) => void; reject: (err: Error) => void }
  >();
  private closed: Promise<void> | null = null;
  /** Writes of this turn of the event loop, posted to the thread together, in order. */
  private outbox: Write[] = [];

  constructor(private readonly file: string) {}

  /** Appends updates and their audit entries in one commit; resolves with the last sequence number. */
  append(room: string, updates: readonly Uint8Array[], audit: readonly AuditEntry[]): Promise<number> {
    return this.write((id) => ({ kind: 'append', id, room, updates, audit }));
  }

  /** Replaces the room's snapshot and drops the log up to `upToSeq`, after every append handed over before. */
  async compact(room: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    await this.write((id) => ({ kind: 'compact', id, room, snapshot, upToSeq }));
  }

  private write(make: (id: number) => Write): Promise<number> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // Keep the process alive while a write is under way (a shutdown awaits it).
      if (this.waiting.size === 0) worker.ref();
      this.waiting.set(id, { resolve, reject });
      if (this.outbox.length === 0) setImmediate(() => this.post());
      this.outbox.push(make(id));
    });
  }

  /** Posts this turn's appends to the thread running now (a crashed one has been replaced). */
  private post(): void {
    const items = this.outbox;
    this.outbox = [];
    if (items.length === 0) return;
    const worker = this.start();
    worker.ref();
    worker.postMessage({ type: 'append', items });
  }

  /** Commits what is queued, then stops the thread. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      const worker = this.worker;
      if (!worker) return;
      const done = new Promise<void>((resolve) => {
        worker.on('message', (m: WorkerReply) => m.type === 'closed' && resolve());
        worker.once('exit', () => resolve());
      });
      worker.ref();
      this.post();
      worker.postMessage({ type: 'close' });
      await done;
      await worker.terminate();
      this.worker = null;
    })();
    return this.closed;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file: this.file } });
    // Idle, the thread does not keep the process alive; see append().
    worker.unref();
    worker.on('message', (m: WorkerReply) => {
      if (m.type === 'committed') {
        m.ids.forEach((id, i) => {
          this.waiting.get(id)?.resolve(m.seqs[i] ?? 0);
          this.waiting.delete(id);
        });
      } else if (m.type === 'failed') {
        for (const id of m.ids) {
          this.waiting.get(id)?.reject(new Error(m.error));
          this.waiting.delete(id);
        }
      }
      if (this.waiting.size === 0) worker.unref();
    });
    const fail = (err: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      // Every append not yet answered fails, those still in the outbox too: none may hang.
      this.outbox = [];
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`SQLite append thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}
