// A Store made of its parts: each backend builds a room log, accounts, audit, snapshots,
// meta and photos of its own, and this class hands every call to the part that owns it, once
// for all backends. Subclasses may still override a method (benchmarks time compactions).
import type { AccountStore, UserRecord } from './account-store.ts';
import type { AuditEntry, AuditQuery, AuditStore } from './audit-store.ts';
import type { NewPhoto, PhotoInfo, PhotoLink, PhotoSize, PhotoStore } from './photo-store.ts';
import type { RoomLogStore, StoredRoom } from './room-log-store.ts';
import type { SnapshotRecord, SnapshotRoom, SnapshotStore } from './snapshot-store.ts';
import type { MetaStore, Store, StoreKind } from './store.ts';

export interface StoreParts {
  log: RoomLogStore;
  accounts: AccountStore;
  audit: AuditStore;
  snapshots: SnapshotStore;
  meta: MetaStore;
  photos: PhotoStore;
}

export abstract class ComposedStore implements Store {
  abstract readonly kind: StoreKind;

  constructor(protected readonly parts: StoreParts) {}

  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;

  loadRoom(room: string): Promise<StoredRoom> {
    return this.parts.log.loadRoom(room);
  }
  appendUpdates(
    room: string,
    updates: readonly Uint8Array[],
    audit?: readonly AuditEntry[],
  ): Promise<number> {
    return this.parts.log.appendUpdates(room, updates, audit);
  }
  readSince(room: string, sinceSeq: number): Promise<StoredRoom> {
    return this.parts.log.readSince(room, sinceSeq);
  }
  compact(room: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    return this.parts.log.compact(room, snapshot, upToSeq);
  }
  pendingUpdateCount(room: string): Promise<number> {
    return this.parts.log.pendingUpdateCount(room);
  }
  listRooms(): Promise<string[]> {
    return this.parts.log.listRooms();
  }
  isEmpty(): Promise<boolean> {
    return this.parts.log.isEmpty();
  }

  getUser(id: string): Promise<UserRecord | null> {
    return this.parts.accounts.getUser(id);
  }
  getUserByName(username: string): Promise<UserRecord | null> {
    return this.parts.accounts.getUserByName(username);
  }
  listUsers(): Promise<UserRecord[]> {
    return this.parts.accounts.listUsers();
  }
  putUser(user: UserRecord): Promise<void> {
    return this.parts.accounts.putUser(user);
  }
  usersChangedSince(ms: number): Promise<UserRecord[]> {
    return this.parts.accounts.usersChangedSince(ms);
  }

  appendAudit(entries: readonly AuditEntry[]): Promise<void> {
    return this.parts.audit.appendAudit(entries);
  }
  queryAudit(query: AuditQuery): Promise<AuditEntry[]> {
    return this.parts.audit.queryAudit(query);
  }

  putSnapshot(record: SnapshotRecord, rooms: readonly SnapshotRoom[], slot?: string): Promise<boolean> {
    return this.parts.snapshots.putSnapshot(record, rooms, slot);
  }
  listSnapshots(): Promise<SnapshotRecord[]> {
    return this.parts.snapshots.listSnapshots();
  }
  getSnapshot(id: string): Promise<SnapshotRecord | null> {
    return this.parts.snapshots.getSnapshot(id);
  }
  loadSnapshotRooms(id: string, rooms?: readonly string[]): Promise<SnapshotRoom[]> {
    return this.parts.snapshots.loadSnapshotRooms(id, rooms);
  }
  deleteSnapshot(id: string): Promise<boolean> {
    return this.parts.snapshots.deleteSnapshot(id);
  }

  getMeta(key: string): Promise<string | null> {
    return this.parts.meta.getMeta(key);
  }
  setMeta(key: string, value: string): Promise<void> {
    return this.parts.meta.setMeta(key, value);
  }
  initMeta(key: string, value: string): Promise<string> {
    return this.parts.meta.initMeta(key, value);
  }

  putPhoto(photo: NewPhoto, link: PhotoLink): Promise<boolean> {
    return this.parts.photos.putPhoto(photo, link);
  }
  getPhoto(id: string, size: PhotoSize): Promise<{ info: PhotoInfo; data: Uint8Array } | null> {
    return this.parts.photos.getPhoto(id, size);
  }
  photoLinks(id: string): Promise<PhotoLink[]> {
    return this.parts.photos.photoLinks(id);
  }
  listPhotoIds(): Promise<string[]> {
    return this.parts.photos.listPhotoIds();
  }
}
