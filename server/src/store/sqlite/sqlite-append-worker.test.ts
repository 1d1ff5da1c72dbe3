import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../audit-store.ts';
import { SqliteStore } from './sqlite-store.ts';

function entry(room: string, rowId: string, after: unknown): AuditEntry {
  return {
    room,
    rowId,
    field: 'status',
    before: null,
    after: after as string,
    userId: 'u1',
    username: 'tester',
    at: 1,
  };
}

describe('appends committed on their own thread', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-append-'));
    store = new SqliteStore(dir);
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('appends of one turn from several rooms commit together, each with its own sequence number', async () => {
    const rooms = ['ledger.a', 'ledger.b', 'ledger.c'];
    const seqs = await Promise.all(
      rooms.flatMap((room, i) => [
        store.appendUpdates(room, [Uint8Array.of(i, 1)], [entry(room, 'r1', '"open"')]),
        store.appendUpdates(room, [Uint8Array.of(i, 2), Uint8Array.of(i, 3)]),
      ]),
    );
    expect(new Set(seqs).size).toBe(seqs.length);
    for (const [i, room] of rooms.entries()) {
      const stored = await store.loadRoom(room);
      expect(stored.updates.map((u) => [...u])).toEqual([
        [i, 1],
        [i, 2],
        [i, 3],
      ]);
      expect(await store.queryAudit({ room })).toHaveLength(1);
    }
  });

  it('a batch that cannot be stored fails alone: its updates are not kept, the rooms beside it are', async () => {
    // A value SQLite cannot bind makes the audit insert, and so the whole batch, fail.
    const bad = store.appendUpdates(
      'ledger.bad',
      [Uint8Array.of(9)],
      [entry('ledger.bad', 'r1', { not: 'bindable' })],
    );
    const good = store.appendUpdates(
      'ledger.good',
      [Uint8Array.of(1)],
      [entry('ledger.good', 'r1', '"open"')],
    );
    await expect(bad).rejects.toThrow();
    await expect(good).resolves.toBeGreaterThan(0);
    expect((await store.loadRoom('ledger.bad')).updates).toEqual([]);
    expect(await store.queryAudit({ room: 'ledger.bad' })).toEqual([]);
    expect((await store.loadRoom('ledger.good')).updates).toHaveLength(1);
  });

  it('a compaction lands after the appends handed over before it, and keeps those after', async () => {
    const first = store.appendUpdates('ledger.a', [Uint8Array.of(1)]);
    const second = store.appendUpdates('ledger.a', [Uint8Array.of(2)]);
    const upTo = await second;
    const compacted = store.compact('ledger.a', Uint8Array.of(42), upTo);
    const third = store.appendUpdates('ledger.a', [Uint8Array.of(3)]);
    await Promise.all([first, compacted, third]);
    const stored = await store.loadRoom('ledger.a');
    expect(stored.snapshot && [...stored.snapshot]).toEqual([42]);
    expect(stored.updates.map((u) => [...u])).toEqual([[3]]);
    expect(stored.lastSeq).toBe(await third);
  });

  it('closing commits what is queued first', async () => {
    const pending = store.appendUpdates('ledger.a', [Uint8Array.of(7)]);
    await store.close();
    await expect(pending).resolves.toBeGreaterThan(0);
    store = new SqliteStore(dir);
    expect((await store.loadRoom('ledger.a')).updates.map((u) => [...u])).toEqual([[7]]);
  });
});
