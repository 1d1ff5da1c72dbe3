import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COMPACT_AFTER_ENTRIES } from './compaction-policy.ts';
import { LocalStore } from './local-store.ts';
import { RoomPersistence } from './room-persistence.ts';

let counter = 0;
const stores: LocalStore[] = [];
function freshStore(): LocalStore {
  const store = new LocalStore(`test-${Date.now()}-${counter++}`);
  stores.push(store);
  return store;
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.deleteAll();
});

function bind(store: LocalStore, room: string, doc: Y.Doc, errors: unknown[] = []): RoomPersistence {
  const p = new RoomPersistence(store, room, doc, (e) => {
    if (e) errors.push(e);
  });
  doc.on('update', (update: Uint8Array) => p.record(update, null));
  return p;
}

describe('room persistence in IndexedDB', () => {
  it('a reloaded document shows what was written before', async () => {
    const store = freshStore();
    const doc = new Y.Doc();
    const p = bind(store, 'ledger.a', doc);
    await p.load();
    doc.getMap('rows').set('r1', 'x');
    doc.getMap('rows').set('r2', 'y');
    await p.flush();

    const again = new Y.Doc();
    await new RoomPersistence(store, 'ledger.a', again, () => {}).load();
    expect(again.getMap('rows').toJSON()).toEqual({ r1: 'x', r2: 'y' });
  });

  it('keeps rooms apart', async () => {
    const store = freshStore();
    const a = new Y.Doc();
    const pa = bind(store, 'ledger.a', a);
    await pa.load();
    a.getMap('rows').set('only-a', 1);
    await pa.flush();
    const b = new Y.Doc();
    await new RoomPersistence(store, 'ledger.b', b, () => {}).load();
    expect(b.getMap('rows').size).toBe(0);
  });

  it('compacts a long log into one snapshot without losing anything', async () => {
    const store = freshStore();
    const doc = new Y.Doc();
    const p = bind(store, 'ledger.c', doc);
    await p.load();
    for (let i = 0; i < COMPACT_AFTER_ENTRIES + 5; i++) {
      doc.getMap('rows').set(`r${i}`, i);
      await p.flush();
    }
    const loaded = await store.load('ledger.c');
    expect(loaded.entries.length).toBeLessThan(20);
    expect(loaded.entries.some((e) => e.snapshot)).toBe(true);
    const again = new Y.Doc();
    await new RoomPersistence(store, 'ledger.c', again, () => {}).load();
    expect(again.getMap('rows').size).toBe(COMPACT_AFTER_ENTRIES + 5);
  });

  it('compaction keeps entries another tab wrote meanwhile', async () => {
    const store = freshStore();
    const mine = new Y.Doc();
    const p = bind(store, 'ledger.d', mine);
    await p.load();
    const other = new Y.Doc();
    other.getMap('rows').set('from-other-tab', true);
    await store.append('ledger.d', [Y.encodeStateAsUpdate(other)], null);
    for (let i = 0; i < COMPACT_AFTER_ENTRIES + 1; i++) {
      mine.getMap('rows').set(`r${i}`, i);
      await p.flush();
    }
    const again = new Y.Doc();
    await new RoomPersistence(store, 'ledger.d', again, () => {}).load();
    expect(again.getMap('rows').get('from-other-tab')).toBe(true);
    expect(again.getMap('rows').size).toBe(COMPACT_AFTER_ENTRIES + 2);
  });

  it('stores the edit counter with local edits and the confirmed counter when told', async () => {
    const store = freshStore();
    const doc = new Y.Doc();
    const p = new RoomPersistence(store, 'ledger.e', doc, () => {});
    await p.load();
    doc.on('update', (u: Uint8Array) => p.record(u, 7));
    doc.getMap('rows').set('a', 1);
    await p.flush();
    p.saveConfirmation({ editSeq: 7, confirmedSeq: 6 });
    await p.flush();
    const loaded = await new RoomPersistence(store, 'ledger.e', new Y.Doc(), () => {}).load();
    expect(loaded.confirmation).toEqual({ editSeq: 7, confirmedSeq: 6 });
  });

  it('reports a failed write and retries it on the next flush', async () => {
    const store = freshStore();
    const errors: unknown[] = [];
    const doc = new Y.Doc();
    const p = bind(store, 'ledger.f', doc, errors);
    await p.load();
    const realAppend = store.append.bind(store);
    let failNext = true;
    store.append = async (...args) => {
      if (failNext) {
        failNext = false;
        throw new Error('QuotaExceededError');
      }
      return realAppend(...args);
    };
    doc.getMap('rows').set('a', 1);
    await p.flush();
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0])).toContain('local_write_failed');
    doc.getMap('rows').set('b', 2);
    await p.flush();
    const again = new Y.Doc();
    await new RoomPersistence(store, 'ledger.f', again, () => {}).load();
    expect(again.getMap('rows').toJSON()).toEqual({ a: 1, b: 2 });
  });

  it('remote updates streaming in are stored as one entry per write', async () => {
    const store = freshStore();
    const doc = new Y.Doc();
    const p = bind(store, 'ledger.g', doc);
    await p.load();
    for (let i = 0; i < 50; i++) doc.getMap('rows').set(`r${i}`, i);
    await p.flush();
    const loaded = await store.load('ledger.g');
    expect(loaded.entries).toHaveLength(1);
    const again = new Y.Doc();
    await new RoomPersistence(store, 'ledger.g', again, () => {}).load();
    expect(again.getMap('rows').size).toBe(50);
  });

  it('a whole room written first is the base, not a log to compact at once', async () => {
    const store = freshStore();
    const source = new Y.Doc();
    for (let i = 0; i < 3000; i++) source.getMap('rows').set(`row-${i}`, `value ${i} `.repeat(10));
    const doc = new Y.Doc();
    const p = bind(store, 'ledger.h', doc);
    await p.load();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
    await p.flush();
    for (let i = 0; i < 30; i++) {
      doc.getMap('rows').set(`new-${i}`, i);
      await p.flush();
    }
    const loaded = await store.load('ledger.h');
    expect(loaded.entries).toHaveLength(31);
    expect(loaded.entries.some((e) => e.snapshot)).toBe(false);
    // Still the base after a reload.
    const reloaded = new Y.Doc();
    const again = new RoomPersistence(store, 'ledger.h', reloaded, () => {});
    await again.load();
    reloaded.on('update', (u: Uint8Array) => again.record(u, null));
    for (let i = 0; i < 30; i++) {
      reloaded.getMap('rows').set(`later-${i}`, i);
      await again.flush();
    }
    expect((await store.load('ledger.h')).entries.some((e) => e.snapshot)).toBe(false);
  });
});
