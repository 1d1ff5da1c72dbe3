// The room manager driven in process: a room is read from the store once however many
// connections ask together, and a room that cannot be read closes those connections
// and stores nothing over what is there.
import { CloseCode } from '@civic-ledger/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { setLogLevel } from '../ops/log.ts';
import { RoomManager } from './rooms.ts';
import { GatedStore } from './testing/gated-store.ts';
import { tick } from './testing/test-network.ts';
import { TestPeer } from './testing/test-peer.ts';

// The failed load below is logged as an error on purpose.
setLogLevel('error');

const ROOM = 'sites';
const managers: RoomManager[] = [];
afterEach(async () => {
  for (const m of managers.splice(0)) await m.closeAll(1001, 'test over');
});

function manager(store: GatedStore): RoomManager {
  const rooms = new RoomManager(store, { roomIdleMs: 60_000, compactAfterUpdates: 500 });
  managers.push(rooms);
  return rooms;
}

async function settle(peers: TestPeer[]): Promise<void> {
  for (let i = 0; i < 10; i++) {
    for (const p of peers) p.socket?.flush();
    await tick();
  }
}

describe('room manager (in process)', () => {
  it('connections arriving together load the room once and all get its content', async () => {
    const store = new GatedStore();
    const seed = new TestPeer('seed');
    const first = manager(store);
    seed.connect(first, ROOM);
    seed.setRow('site-0000000000001', { name: '桃园小区' });
    await settle([seed]);
    await first.closeAll(1001, 'restart');
    const rooms = manager(store);
    const loadsBefore = store.loadCalls;
    const peers = Array.from({ length: 8 }, (_, i) => new TestPeer(`p${i}`));
    for (const p of peers) p.connect(rooms, ROOM);
    await settle(peers);
    expect(store.loadCalls - loadsBefore).toBe(1);
    expect(rooms.loads).toBe(1);
    for (const p of peers) expect(p.snapshot()).toEqual(seed.snapshot());
  });

  it('a room the store cannot read closes the waiting connections and stores nothing', async () => {
    const store = new GatedStore();
    const rooms = manager(store);
    store.failLoads = true;
    const peers = [new TestPeer('a'), new TestPeer('b')];
    peers[0]!.setRow('site-0000000000002', { name: '离线时写的' }, ROOM);
    for (const p of peers) p.connect(rooms, ROOM);
    await settle(peers);
    for (const p of peers) expect(p.closes.map((c) => c.code)).toEqual([CloseCode.roomUnavailable]);
    expect(store.appendCalls).toBe(0);
    expect(await store.isEmpty()).toBe(true);
    // Once the store answers again, the next connection loads the room afresh.
    store.failLoads = false;
    peers[0]!.connect(rooms, ROOM);
    await settle(peers);
    expect(peers[0]!.connected).toBe(true);
    expect(await store.listRooms()).toEqual([ROOM]);
  });
});
