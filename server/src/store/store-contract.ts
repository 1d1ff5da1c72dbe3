// The promises every store keeps, as one suite of numbered rules run against each of
// them (memory, SQLite, PostgreSQL). A new store is done when it passes all of them;
// a rule broken by one store is broken for the rooms that rely on it.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { UserRecord } from './account-store.ts';
import type { AuditEntry } from './audit-store.ts';
import type { NewPhoto, PhotoLink } from './photo-store.ts';
import type { SnapshotRecord } from './snapshot-store.ts';
import type { Store } from './store.ts';

/** A fresh, empty data set, and a way to open another handle on it (a second instance). */
export interface ContractDataSet {
  store: Store;
  another(): Promise<Store>;
}

const updates = new Map<string, Uint8Array>();

/** An update that sets `rows[key] = value` on top of nothing; the same bytes every time asked. */
function update(key: string, value: string): Uint8Array {
  const id = `${key}=${value}`;
  let made = updates.get(id);
  if (!made) {
    const doc = new Y.Doc();
    doc.getMap('rows').set(key, value);
    made = Y.encodeStateAsUpdate(doc);
    updates.set(id, made);
  }
  return made;
}

/** What a room's stored snapshot and updates add up to. */
function rowsOf(parts: readonly Uint8Array[]): Record<string, unknown> {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const p of parts) Y.applyUpdate(doc, p);
  });
  return Object.fromEntries([...doc.getMap('rows').entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function stored(room: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Record<string, unknown> {
  return rowsOf(room.snapshot ? [room.snapshot, ...room.updates] : room.updates);
}

function audit(room: string, rowId: string, at: number, field = 'status'): AuditEntry {
  return {
    room,
    rowId,
    field,
    before: null,
    after: JSON.stringify(`v${at}`),
    userId: 'u1',
    username: 'tester',
    at,
  };
}

function user(id: string, username: string, updatedAt: number): UserRecord {
  return {
    id,
    username,
    displayName: username,
    passwordHash: 'scrypt$1$1$1$salt$hash',
    role: 'staff',
    committeeId: null,
    personId: null,
    disabled: false,
    tokenVersion: 0,
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt,
  };
}

function snapshotRecord(id: string, takenAt: number): SnapshotRecord {
  return { id, takenAt, label: `快照 ${id}`, kind: 'manual', createdBy: 'tester', roomCount: 1 };
}

function snapshotRoom(room: string, value: string) {
  const doc = new Y.Doc();
  doc.getMap('rows').set('x', value);
  return { room, state: Y.encodeStateAsUpdate(doc), stateVector: Y.encodeStateVector(doc) };
}

/** A photo whose id is the SHA-256 of its bytes, as the upload route makes them. */
function photo(text: string, createdAt: number): NewPhoto {
  const data = new TextEncoder().encode(`full ${text}`);
  return {
    id: createHash('sha256').update(data).digest('hex'),
    mime: 'image/jpeg',
    width: 1600,
    height: 1200,
    takenAt: '2026:12:03 09:15:00',
    createdAt,
    data,
    thumb: new TextEncoder().encode(`thumb ${text}`),
  };
}

function photoLink(rowId: string, at: number, stage: PhotoLink['stage'] = 'found'): PhotoLink {
  return { room: 'ledger.a', rowId, stage, at, by: 'tester' };
}

/**
 * Registers the contract for one store. `fresh` makes an empty data set per rule; every
 * handle it or `another` opened is closed after the rule, then `release` (if any) runs.
 */
export function storeContractSuite(
  name: string,
  fresh: () => Promise<ContractDataSet>,
  release?: () => Promise<void>,
): void {
  describe(`store contract: ${name}`, () => {
    const open: Store[] = [];
    async function dataSet(): Promise<ContractDataSet> {
      const set = await fresh();
      open.push(set.store);
      return {
        store: set.store,
        another: async () => {
          const s = await set.another();
          if (s !== set.store) open.push(s);
          return s;
        },
      };
    }
    afterEach(async () => {
      for (const s of open.splice(0).reverse()) await s.close();
      await release?.();
    });

    it('1. a fresh store is empty and an unknown room reads as empty', async () => {
      const { store } = await dataSet();
      expect(await store.isEmpty()).toBe(true);
      expect(await store.listRooms()).toEqual([]);
      expect(await store.loadRoom('ledger.none')).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
      expect(await store.pendingUpdateCount('ledger.none')).toBe(0);
      await store.ping();
    });

    it('2. within a room, sequence numbers grow in commit order and the log reads back in that order', async () => {
      const { store } = await dataSet();
      const a = await store.appendUpdates('ledger.a', [update('r1', 'one'), update('r2', 'two')]);
      const other = await store.appendUpdates('ledger.b', [update('x', 'other room')]);
      const b = await store.appendUpdates('ledger.a', [update('r1', 'three')]);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(a);
      expect(other).toBeGreaterThan(0);
      const room = await store.loadRoom('ledger.a');
      expect(room.snapshot).toBeNull();
      expect(room.lastSeq).toBe(b);
      expect(room.updates).toHaveLength(3);
      expect(room.updates[2]).toEqual(update('r1', 'three'));
      expect(await store.pendingUpdateCount('ledger.a')).toBe(3);
      expect(await store.listRooms()).toEqual(['ledger.a', 'ledger.b']);
      expect(await store.isEmpty()).toBe(false);
    });

    it('3. appends racing from two instances get distinct seqs, and a reader at seq N misses nothing after it', async () => {
      const { store, another } = await dataSet();
      const second = await another();
      const seen = await store.appendUpdates('ledger.race', [update('start', 's')]);
      const seqs = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? second : store).appendUpdates('ledger.race', [update(`k${i}`, `v${i}`)]),
        ),
      );
      expect(new Set(seqs).size).toBe(20);
      for (const s of seqs) expect(s).toBeGreaterThan(seen);
      const since = await second.readSince('ledger.race', seen);
      expect(since.snapshot).toBeNull();
      expect(since.updates).toHaveLength(20);
      expect(since.lastSeq).toBe(Math.max(...seqs));
      expect(Object.keys(stored(since))).toHaveLength(20);
      const none = await store.readSince('ledger.race', since.lastSeq);
      expect(none).toEqual({ snapshot: null, updates: [], lastSeq: since.lastSeq });
    });

    it('4. an update and its audit entries are committed together, visible to another instance once it resolves', async () => {
      const { store, another } = await dataSet();
      const entries = [audit('ledger.a', 'row1', 1000), audit('ledger.a', 'row1', 1000, 'deadline')];
      await store.appendUpdates('ledger.a', [update('row1', 'x')], entries);
      const second = await another();
      expect((await second.loadRoom('ledger.a')).updates).toHaveLength(1);
      expect(await second.queryAudit({ room: 'ledger.a' })).toEqual(entries);
    });

    it('5. an append whose audit entries cannot be stored stores neither them nor its updates', async () => {
      const { store } = await dataSet();
      const bad = { ...audit('ledger.a', 'row1', 1000), rowId: null } as unknown as AuditEntry;
      await expect(store.appendUpdates('ledger.a', [update('row1', 'x')], [bad])).rejects.toThrow();
      expect((await store.loadRoom('ledger.a')).updates).toEqual([]);
      expect(await store.queryAudit({ room: 'ledger.a' })).toEqual([]);
      await store.appendUpdates('ledger.a', [update('row2', 'y')], [audit('ledger.a', 'row2', 2000)]);
      expect((await store.loadRoom('ledger.a')).updates).toHaveLength(1);
    });

    it('6. compaction replaces the log up to its seq with the snapshot; later updates stay after it', async () => {
      const { store } = await dataSet();
      await store.appendUpdates('ledger.a', [update('r1', 'one'), update('r2', 'two')]);
      const upTo = (await store.loadRoom('ledger.a')).lastSeq;
      const later = await store.appendUpdates('ledger.a', [update('r3', 'three')]);
      await store.compact('ledger.a', rowsUpdate({ r1: 'one', r2: 'two' }), upTo);
      const room = await store.loadRoom('ledger.a');
      expect(room.snapshot).not.toBeNull();
      expect(room.updates).toHaveLength(1);
      expect(room.lastSeq).toBe(later);
      expect(stored(room)).toEqual({ r1: 'one', r2: 'two', r3: 'three' });
      expect(await store.pendingUpdateCount('ledger.a')).toBe(1);
      expect(await store.listRooms()).toEqual(['ledger.a']);
    });

    it('7. a reader behind a compaction gets the snapshot with what follows; one past it does not', async () => {
      const { store, another } = await dataSet();
      const reader = await another();
      const first = await store.appendUpdates('ledger.a', [update('r1', 'one')]);
      const upTo = await store.appendUpdates('ledger.a', [update('r2', 'two')]);
      await store.compact('ledger.a', rowsUpdate({ r1: 'one', r2: 'two' }), upTo);
      const last = await store.appendUpdates('ledger.a', [update('r3', 'three')]);
      const behind = await reader.readSince('ledger.a', first);
      expect(behind.snapshot).not.toBeNull();
      expect(behind.lastSeq).toBe(last);
      expect(stored(behind)).toEqual({ r1: 'one', r2: 'two', r3: 'three' });
      const atCompaction = await reader.readSince('ledger.a', upTo);
      expect(atCompaction.snapshot).toBeNull();
      expect(stored(atCompaction)).toEqual({ r3: 'three' });
      expect(atCompaction.lastSeq).toBe(last);
    });

    it('8. seqs are never reused after a compaction, and an older compaction never replaces a newer one', async () => {
      const { store } = await dataSet();
      const s1 = await store.appendUpdates('ledger.a', [update('r1', 'one')]);
      const s2 = await store.appendUpdates('ledger.a', [update('r2', 'two')]);
      await store.compact('ledger.a', rowsUpdate({ r1: 'one', r2: 'two' }), s2);
      await store.compact('ledger.a', rowsUpdate({ r1: 'one' }), s1);
      const s3 = await store.appendUpdates('ledger.a', [update('r3', 'three')]);
      expect(s3).toBeGreaterThan(s2);
      const room = await store.loadRoom('ledger.a');
      expect(stored(room)).toEqual({ r1: 'one', r2: 'two', r3: 'three' });
      expect(room.lastSeq).toBe(s3);
    });

    it('9. a room compacted with nothing after it reads back whole, with its seq kept', async () => {
      const { store, another } = await dataSet();
      const upTo = await store.appendUpdates('ledger.a', [update('r1', 'one')]);
      await store.compact('ledger.a', rowsUpdate({ r1: 'one' }), upTo);
      const room = await (await another()).loadRoom('ledger.a');
      expect(room.updates).toEqual([]);
      expect(room.lastSeq).toBe(upTo);
      expect(stored(room)).toEqual({ r1: 'one' });
      expect(await store.pendingUpdateCount('ledger.a')).toBe(0);
    });

    it('10. instances racing to set the first value of a setting all get the one stored', async () => {
      const { store, another } = await dataSet();
      const second = await another();
      const results = await Promise.all([
        store.initMeta('auth_secret', 'from-a'),
        second.initMeta('auth_secret', 'from-b'),
        store.initMeta('auth_secret', 'from-c'),
      ]);
      expect(new Set(results).size).toBe(1);
      expect(await second.getMeta('auth_secret')).toBe(results[0]);
      expect(await store.initMeta('auth_secret', 'later')).toBe(results[0]);
      await store.setMeta('seeded', 'yes');
      await store.setMeta('seeded', 'again');
      expect(await second.getMeta('seeded')).toBe('again');
      expect(await store.getMeta('missing')).toBeNull();
    });

    it('11. snapshots are kept whole, listed newest first, a slot taken once, deleted with their rooms', async () => {
      const { store } = await dataSet();
      const rooms = [snapshotRoom('ledger.b', '乙'), snapshotRoom('committees', '委')];
      expect(await store.putSnapshot(snapshotRecord('01A', 1000), rooms)).toBe(true);
      expect(await store.putSnapshot(snapshotRecord('01B', 2000), rooms.slice(1), '2026-12-01T16:00')).toBe(
        true,
      );
      expect(await store.putSnapshot(snapshotRecord('01C', 3000), rooms, '2026-12-01T16:00')).toBe(false);
      expect((await store.listSnapshots()).map((s) => s.id)).toEqual(['01B', '01A']);
      expect(await store.getSnapshot('01A')).toEqual({ ...snapshotRecord('01A', 1000), roomCount: 2 });
      expect(await store.getSnapshot('01C')).toBeNull();
      const all = await store.loadSnapshotRooms('01A');
      expect(all.map((r) => r.room)).toEqual(['committees', 'ledger.b']);
      expect(all[1]).toEqual(rooms[0]);
      const one = await store.loadSnapshotRooms('01A', ['ledger.b', 'ledger.none']);
      expect(one.map((r) => r.room)).toEqual(['ledger.b']);
      expect(await store.deleteSnapshot('01A')).toBe(true);
      expect(await store.deleteSnapshot('01A')).toBe(false);
      expect(await store.loadSnapshotRooms('01A')).toEqual([]);
    });

    it('12. users are found by id and name, replaced by id, listed by name, and their changes are watched', async () => {
      const { store, another } = await dataSet();
      await store.putUser(user('u2', 'zhang', 2000));
      await store.putUser(user('u1', 'li', 1000));
      await store.putUser({ ...user('u2', 'zhang', 3000), disabled: true, tokenVersion: 1 });
      const second = await another();
      expect(await second.getUser('u2')).toEqual({
        ...user('u2', 'zhang', 3000),
        disabled: true,
        tokenVersion: 1,
      });
      expect(await second.getUserByName('li')).toEqual(user('u1', 'li', 1000));
      expect(await second.getUser('none')).toBeNull();
      expect(await second.getUserByName('none')).toBeNull();
      expect((await second.listUsers()).map((u) => u.username)).toEqual(['li', 'zhang']);
      expect((await second.usersChangedSince(1000)).map((u) => u.id)).toEqual(['u2']);
      await expect(store.putUser(user('u3', 'li', 4000))).rejects.toThrow();
    });

    it('13. the audit trail is read by room and row, within a time range, oldest first, up to a limit', async () => {
      const { store } = await dataSet();
      await store.appendAudit([audit('ledger.a', 'r1', 3000), audit('ledger.a', 'r2', 1000)]);
      await store.appendAudit([audit('ledger.a', 'r1', 2000), audit('ledger.b', 'r1', 1500)]);
      const times = (entries: AuditEntry[]) => entries.map((e) => `${e.rowId}@${e.at}`);
      expect(times(await store.queryAudit({ room: 'ledger.a' }))).toEqual(['r2@1000', 'r1@2000', 'r1@3000']);
      expect(times(await store.queryAudit({ room: 'ledger.a', rowId: 'r1' }))).toEqual([
        'r1@2000',
        'r1@3000',
      ]);
      expect(times(await store.queryAudit({ room: 'ledger.a', from: 1500, to: 2500 }))).toEqual(['r1@2000']);
      expect(times(await store.queryAudit({ room: 'ledger.a', limit: 1 }))).toEqual(['r2@1000']);
    });

    it('14. a photo is kept under its id with its thumbnail, read back by size by another instance', async () => {
      const { store, another } = await dataSet();
      const p = photo('一', 1000);
      expect(await store.putPhoto(p, photoLink('row1', 1000))).toBe(true);
      const second = await another();
      const { data, thumb, ...info } = p;
      expect(await second.getPhoto(p.id, 'full')).toEqual({ info, data });
      expect(await second.getPhoto(p.id, 'thumb')).toEqual({ info, data: thumb });
      expect(await second.getPhoto('0'.repeat(64), 'full')).toBeNull();
      expect(await second.photoLinks('0'.repeat(64))).toEqual([]);
      const other = photo('三', 2000);
      await second.putPhoto(other, photoLink('row2', 2000));
      expect(await store.listPhotoIds()).toEqual([p.id, other.id].sort());
    });

    it('15. the same photo sent from two instances at once is stored once; each row and stage it was sent for is linked once', async () => {
      const { store, another } = await dataSet();
      const second = await another();
      const p = photo('二', 1000);
      const created = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? second : store).putPhoto({ ...p, createdAt: 1000 + i }, photoLink('row1', 1000 + i)),
        ),
      );
      expect(created.filter(Boolean)).toHaveLength(1);
      await store.putPhoto(p, photoLink('row2', 3000, 'rectified'));
      await store.putPhoto(p, { ...photoLink('row1', 2000), room: 'ledger.b' });
      const links = await second.photoLinks(p.id);
      expect(links.map((l) => `${l.room}/${l.rowId}/${l.stage}`)).toEqual([
        'ledger.a/row1/found',
        'ledger.b/row1/found',
        'ledger.a/row2/rectified',
      ]);
      expect(links[0]?.by).toBe('tester');
      expect((await store.getPhoto(p.id, 'full'))?.data).toEqual(p.data);
    });

    it('16. an account keeps its person and assignment; both are set, changed and cleared by a replace', async () => {
      const { store, another } = await dataSet();
      const patrol = {
        ...user('u9', 'wang', 1000),
        role: 'patrol' as const,
        personId: 'p-7',
        committeeId: 'c-2',
      };
      await store.putUser(patrol);
      const second = await another();
      expect(await second.getUser('u9')).toEqual(patrol);
      await store.putUser({ ...patrol, personId: 'p-8', updatedAt: 2000 });
      expect((await second.getUserByName('wang'))?.personId).toBe('p-8');
      await store.putUser({ ...patrol, personId: null, committeeId: null, updatedAt: 3000 });
      expect((await second.usersChangedSince(2000))[0]).toMatchObject({ personId: null, committeeId: null });
      expect((await second.listUsers())[0]?.personId).toBeNull();
    });
  });
}

/** A snapshot holding exactly these rows (as one client's state). */
function rowsUpdate(rows: Record<string, string>): Uint8Array {
  return Y.mergeUpdates(Object.entries(rows).map(([k, v]) => update(k, v)));
}
