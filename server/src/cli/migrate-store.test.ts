// Moving a store carries its photos with every row they were sent for, and a second run
// changes nothing (two memory stores stand for SQLite and PostgreSQL, which pass the same
// contract).
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../store/memory/memory-store.ts';
import type { NewPhoto } from '../store/photo-store.ts';
import { migrateStore } from './migrate-store.ts';

const photo: NewPhoto = {
  id: 'a'.repeat(64),
  mime: 'image/jpeg',
  width: 1600,
  height: 1200,
  takenAt: null,
  createdAt: 1000,
  data: new Uint8Array([1, 2, 3]),
  thumb: new Uint8Array([4]),
};

describe('migrate-store', () => {
  it('copies photos with their links, and a second run adds nothing', async () => {
    const from = new MemoryStore();
    const to = new MemoryStore();
    await from.putPhoto(photo, { room: 'ledger.a', rowId: 'row1', stage: 'found', at: 1000, by: 'wang' });
    await from.putPhoto(photo, { room: 'ledger.a', rowId: 'row1', stage: 'checked', at: 2000, by: 'li' });
    await migrateStore(from, to);
    await migrateStore(from, to);
    expect(await to.listPhotoIds()).toEqual([photo.id]);
    expect(await to.photoLinks(photo.id)).toEqual(await from.photoLinks(photo.id));
    expect((await to.getPhoto(photo.id, 'thumb'))?.data).toEqual(photo.thumb);
  });
});
