// An in-memory network of server instances (RoomManagers sharing one store, joined by an
// in-memory relay) and fake clients, with seeded random delivery: every interleaving a
// run takes comes from its seed, so a failing run is replayed by its seed alone.
import * as prng from 'lib0/prng';
import { MemoryStore } from '../../store/memory/memory-store.ts';
import { RoomManager } from '../rooms.ts';
import { type MemoryRelay, MemoryRelayHub } from './memory-relay.ts';
import { officeSession, TEST_LIMITS } from './socket-pair.ts';
import { TestPeer } from './test-peer.ts';

export interface TestInstance {
  rooms: RoomManager;
  relay: MemoryRelay;
}

export interface TestNetworkOptions {
  compactAfterUpdates?: number;
  /** Chance that a relay message picked for delivery is lost instead. */
  relayDropRate?: number;
}

/** Longer than any run: a test network never reaches the held-update time bound. */
const HELD_FOREVER_MS = 24 * 3_600_000;

/** Lets setImmediate work (the rooms' write-behind) and the promises after it run. */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class TestNetwork {
  readonly gen: prng.PRNG;
  readonly hub = new MemoryRelayHub();
  readonly instances: TestInstance[] = [];
  readonly peers: TestPeer[] = [];

  /** Client ids of the peers, from the seed but apart from `gen` (delivery choices stay as they were). */
  private readonly ids: prng.PRNG;

  constructor(
    readonly seed: number,
    readonly store: MemoryStore = new MemoryStore(),
    private readonly options: TestNetworkOptions = {},
  ) {
    this.gen = prng.create(seed);
    this.ids = prng.create(seed + 0x9e3779b9);
  }

  addInstance(): TestInstance {
    const relay = this.hub.connect();
    const rooms = new RoomManager(this.store, {
      roomIdleMs: 60_000,
      compactAfterUpdates: this.options.compactAfterUpdates ?? 500,
      relay,
      // Catch-up runs when a test asks (settle), never on a timer.
      catchUpIntervalMs: 3_600_000,
    });
    const instance = { rooms, relay };
    this.instances.push(instance);
    return instance;
  }

  /**
   * A peer whose Yjs client id comes from the seed (it orders concurrent edits, so a
   * random one would make a replay differ), and whose held updates wait without a time
   * bound: nothing in a run may depend on how long it took.
   */
  addPeer(name: string): TestPeer {
    const limits = { ...TEST_LIMITS, heldUpdates: { ...TEST_LIMITS.heldUpdates, maxMs: HELD_FOREVER_MS } };
    let clientID = prng.uint32(this.ids, 1, 0x7fffffff);
    while (this.peers.some((p) => p.doc.clientID === clientID))
      clientID = prng.uint32(this.ids, 1, 0x7fffffff);
    const peer = new TestPeer(name, officeSession(`u-${name}`), limits, clientID);
    this.peers.push(peer);
    return peer;
  }

  /** Messages waiting anywhere: on a socket either way, or on the relay. */
  get pending(): number {
    return this.peers.reduce((n, p) => n + (p.socket?.pending ?? 0), 0) + this.hub.queue.length;
  }

  /**
   * Delivers (or, for the relay, maybe drops) one waiting message picked at random.
   * Returns false when nothing was waiting.
   */
  deliverRandom(): boolean {
    const sockets = this.peers.flatMap((p) => (p.socket && p.socket.pending > 0 ? [p.socket] : []));
    const choices = sockets.length + (this.hub.queue.length > 0 ? 1 : 0);
    if (choices === 0) return false;
    const pick = prng.int32(this.gen, 0, choices - 1);
    const socket = sockets[pick];
    if (!socket) {
      const index = prng.int32(this.gen, 0, this.hub.queue.length - 1);
      if (prng.real53(this.gen) < (this.options.relayDropRate ?? 0)) this.hub.drop(index);
      else this.hub.deliver(index);
      return true;
    }
    const toServer = socket.toServer.length > 0 && (socket.toClient.length === 0 || prng.bool(this.gen));
    if (toServer) socket.deliverToServer(1);
    else socket.deliverToClient(1);
    return true;
  }

  /** Delivers everything waiting, in order, until nothing is. */
  flush(): void {
    for (;;) {
      for (const p of this.peers) p.socket?.flush();
      this.hub.flush();
      if (this.pending === 0) return;
    }
  }

  /**
   * Runs to quiescence: every message delivered, every room's log written, every room
   * caught up from the store (what the relay lost), and what that sent delivered too.
   */
  async settle(): Promise<void> {
    for (let round = 0; round < 1000; round++) {
      this.flush();
      await tick();
      await Promise.all(this.instances.map((i) => i.rooms.flushAll()));
      for (const i of this.instances) i.relay.reconnected();
      await tick();
      if (this.pending === 0) {
        await tick();
        if (this.pending === 0) return;
      }
    }
    throw new Error(`network did not settle (seed ${this.seed})`);
  }

  /** Disconnects every peer and stores and unloads every room. */
  async close(): Promise<void> {
    for (const p of this.peers) p.disconnect();
    await Promise.all(this.instances.map((i) => i.rooms.closeAll(1001, 'test over')));
  }
}
