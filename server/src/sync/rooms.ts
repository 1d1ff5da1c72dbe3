// Keeps the loaded rooms: loads each lazily and exactly once however many connections
// ask at the same moment, unloads it after it has been idle and stored, and closes all
// of them on shutdown.
import { CloseCode, parseRoomName } from '@civic-ledger/shared';
import * as Y from 'yjs';
import { errorFields, log } from '../ops/log.ts';
import { metrics } from '../ops/metrics.ts';
import type { RoomLogStore, StoredRoom } from '../store/room-log-store.ts';
import type { Relay, RelayKind } from './relay.ts';
import { Room, type RoomPeer, type RoomSharing } from './room.ts';
import { RoundRegistry } from './round-registry.ts';

export interface RoomManagerOptions {
  roomIdleMs: number;
  compactAfterUpdates: number;
  /** Present when several instances share the rooms (Redis). */
  relay?: Relay;
  catchUpIntervalMs?: number;
  /** The check rounds, for the rights they give (absent: read from this store). */
  rounds?: RoundRegistry;
}

export class RoomManager {
  private readonly rooms = new Map<string, Promise<Room>>();
  /** The room each settled entry of `rooms` resolved to. */
  private readonly loaded = new Map<string, Room>();
  private readonly idleTimers = new Map<Room, NodeJS.Timeout>();
  /** Number of times a room was read from the store (for tests and metrics). */
  loads = 0;
  private shutDown = false;
  /** The check rounds: who checks whom now, for the rights a round gives. */
  readonly rounds: RoundRegistry;

  constructor(
    private readonly store: RoomLogStore,
    private readonly options: RoomManagerOptions,
  ) {
    this.rounds = options.rounds ?? new RoundRegistry(store);
    options.relay?.onReconnect(() => {
      for (const room of this.loaded.values()) void room.catchUp();
    });
  }

  /** Set once shutdown began: connections arriving now are told the server is going away. */
  get shuttingDown(): boolean {
    return this.shutDown;
  }

  get loadedCount(): number {
    return this.rooms.size;
  }

  /** Returns the open room, loading it first if needed. Rejects if the store cannot be read. */
  async acquire(name: string): Promise<Room> {
    if (this.shutDown) throw new Error('server is shutting down');
    const entry = this.rooms.get(name);
    if (entry) {
      const room = await entry;
      if (room.state === 'open') return room;
      await this.closing.get(room);
      return this.acquire(name);
    }
    const loading = this.load(name);
    this.rooms.set(name, loading);
    loading.catch((err) => {
      if (this.rooms.get(name) === loading) this.rooms.delete(name);
      log.error('room load failed', { room: name, ...errorFields(err) });
    });
    return loading;
  }

  join(room: Room, peer: RoomPeer): void {
    const timer = this.idleTimers.get(room);
    if (timer) {
      clearTimeout(timer);
      this.idleTimers.delete(room);
    }
    room.join(peer);
  }

  leave(room: Room, peer: RoomPeer): void {
    room.leave(peer);
    if (room.peers.size === 0 && room.state === 'open' && !this.idleTimers.has(room)) {
      const timer = setTimeout(() => {
        this.idleTimers.delete(room);
        if (room.peers.size === 0 && room.state === 'open') void this.unload(room);
      }, this.options.roomIdleMs);
      timer.unref();
      this.idleTimers.set(room, timer);
    }
  }

  /** Stores every room and closes every connection (shutdown). */
  async closeAll(code: number, reason: string): Promise<void> {
    this.shutDown = true;
    const rooms = await Promise.allSettled([...this.rooms.values()]);
    await Promise.all(
      rooms.map((r) => {
        if (r.status !== 'fulfilled') return Promise.resolve();
        for (const peer of [...r.value.peers]) peer.close(code, reason);
        return this.unload(r.value);
      }),
    );
  }

  /** Writes out every room's pending updates without unloading. */
  async flushAll(): Promise<void> {
    const rooms = await Promise.allSettled([...this.rooms.values()]);
    await Promise.all(rooms.map((r) => (r.status === 'fulfilled' ? r.value.flush() : undefined)));
  }

  private readonly closing = new Map<Room, Promise<void>>();

  private unload(room: Room): Promise<void> {
    const existing = this.closing.get(room);
    if (existing) return existing;
    const timer = this.idleTimers.get(room);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(room);
    const done = room
      .close()
      .catch((err) => log.error('room close failed', { room: room.name, ...errorFields(err) }))
      .finally(() => {
        this.closing.delete(room);
        if (this.options.relay && this.loaded.get(room.name) === room)
          void this.options.relay.unsubscribe(room.name);
        if (this.loaded.get(room.name) === room) {
          this.loaded.delete(room.name);
          this.rooms.delete(room.name);
        }
        log.debug('room unloaded', { room: room.name });
      });
    this.closing.set(room, done);
    return done;
  }

  private onFailure = (room: Room, reason: string): void => {
    for (const peer of [...room.peers]) {
      room.leave(peer);
      peer.close(CloseCode.roomUnavailable, 'room reloading, please reconnect');
    }
    log.warn('room will reload from the store', { room: room.name, reason });
    void this.unload(room);
  };

  private async load(name: string): Promise<Room> {
    this.loads++;
    metrics.roomLoads++;
    const started = performance.now();
    const relay = this.options.relay;
    // Subscribe before reading the store, so nothing published in between is missed.
    let room: Room | null = null;
    const early: Array<[RelayKind, Uint8Array]> = [];
    if (relay) {
      await relay.subscribe(name, (kind, payload) => {
        if (!room) early.push([kind, payload]);
        else if (kind === 'update') room.applyRemoteUpdate(payload);
        else room.applyRemoteAwareness(payload);
      });
    }
    let stored: StoredRoom;
    let doc: Y.Doc;
    try {
      ({ stored, doc } = await this.read(name));
      metrics.storeLoad.observe((performance.now() - started) / 1000);
    } catch (err) {
      if (relay) await relay.unsubscribe(name);
      throw err;
    }
    const parsed = parseRoomName(name);
    if (!parsed.ok) throw new Error(`invalid room name ${name}`);
    const loaded = new Room(
      parsed.value,
      doc,
      this.store,
      { lastSeq: stored.lastSeq, logLength: stored.updates.length },
      {
        compactAfterUpdates: this.options.compactAfterUpdates,
        onFailure: this.onFailure,
        sharing: this.sharing(name),
        rounds: this.rounds,
      },
    );
    room = loaded;
    for (const [kind, payload] of early) {
      if (kind === 'update') loaded.applyRemoteUpdate(payload);
      else loaded.applyRemoteAwareness(payload);
    }
    this.loaded.set(name, loaded);
    log.debug('room loaded', {
      room: name,
      updates: stored.updates.length,
      ms: Math.round(performance.now() - started),
    });
    return loaded;
  }

  /** A room's stored state as a document. */
  private async read(name: string): Promise<{ stored: StoredRoom; doc: Y.Doc }> {
    const stored = await this.store.loadRoom(name);
    const doc = new Y.Doc();
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(doc, u);
    });
    if (doc.store.pendingStructs || doc.store.pendingDs) {
      log.warn('stored room has updates with missing dependencies', { room: name });
    }
    return { stored, doc };
  }

  /** How a room shares its changes through the relay, when there is one. */
  private sharing(name: string): RoomSharing | undefined {
    const relay = this.options.relay;
    if (!relay) return undefined;
    return {
      publish: (kind, payload) => relay.publish(name, kind, payload),
      catchUpIntervalMs: this.options.catchUpIntervalMs ?? 2000,
    };
  }
}
