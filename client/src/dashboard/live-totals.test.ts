import {
  committeesSchema,
  computeTotals,
  initTable,
  insertRow,
  ledgerSchema,
  readRows,
  rosterSchema,
  sitesSchema,
  type TableSchema,
  updateRow,
} from '@civic-ledger/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { INITIAL_STATUS, type RoomStatus } from '../sync/sync-status.ts';
import { type DashboardRoom, LiveTotals, type RoomSource } from './live-totals.ts';

const NOW = new Date('2026-03-02T08:00:00Z');
const READY: RoomStatus = { ...INITIAL_STATUS, loaded: true, everSynced: true, network: 'online' };

/** Real documents behind a room source that counts who holds which room. */
class Rooms implements RoomSource {
  readonly docs = new Map<string, Y.Doc>();
  readonly held = new Map<string, number>();
  readonly statuses = new Map<string, RoomStatus>();
  private readonly statusListeners = new Map<string, Set<() => void>>();

  doc(room: string): Y.Doc {
    let doc = this.docs.get(room);
    if (!doc) {
      doc = new Y.Doc();
      const table = room.split('.')[0];
      const schema: Record<string, TableSchema> = {
        committees: committeesSchema,
        sites: sitesSchema,
        ledger: ledgerSchema,
        roster: rosterSchema,
      };
      initTable(doc, schema[table ?? ''] ?? ledgerSchema);
      this.docs.set(room, doc);
    }
    return doc;
  }

  setStatus(room: string, status: RoomStatus): void {
    this.statuses.set(room, status);
    for (const l of this.statusListeners.get(room) ?? []) l();
  }

  private connection(room: string): DashboardRoom {
    return {
      room,
      doc: this.doc(room),
      getStatus: () => this.statuses.get(room) ?? READY,
      subscribe: (listener) => {
        const set = this.statusListeners.get(room) ?? new Set();
        set.add(listener);
        this.statusListeners.set(room, set);
        return () => set.delete(listener);
      },
    };
  }

  acquire(room: string): DashboardRoom {
    this.held.set(room, (this.held.get(room) ?? 0) + 1);
    return this.connection(room);
  }
  release(room: string): void {
    this.held.set(room, (this.held.get(room) ?? 0) - 1);
  }
  current(room: string): DashboardRoom | undefined {
    return this.connection(room);
  }
  onReset(): () => void {
    return () => {};
  }
  heldRooms(): string[] {
    return [...this.held]
      .filter(([, n]) => n > 0)
      .map(([room]) => room)
      .sort();
  }
}

let seq = 0;
function addIssue(rooms: Rooms, committeeId: string, status = 'open'): string {
  const id = `A${String(++seq).padStart(16, '0')}`;
  const inserted = insertRow(rooms.doc(`ledger.${committeeId}`), {
    id,
    committeeId,
    siteId: `site-${committeeId}-0000000000`,
    category: 'street_rubbish',
    description: '沿街垃圾',
    source: 'office',
    foundAt: '2026-03-02T09:00:00+08:00',
    status,
  });
  if (!inserted.ok) throw new Error(inserted.error.message.en);
  return id;
}

function district(): Rooms {
  const rooms = new Rooms();
  for (const [id, name] of [
    ['taoyuan', '桃园'],
    ['hongqiao', '虹桥'],
  ])
    insertRow(rooms.doc('committees'), { id, name });
  insertRow(rooms.doc('sites'), {
    id: 'site-taoyuan-0000000000',
    name: '桃园新村',
    kind: 'market',
    committeeId: 'taoyuan',
  });
  insertRow(rooms.doc('sites'), {
    id: 'site-hongqiao-0000000000',
    name: '虹桥路口',
    kind: 'market',
    committeeId: 'hongqiao',
  });
  addIssue(rooms, 'taoyuan');
  addIssue(rooms, 'taoyuan', 'rectified');
  addIssue(rooms, 'hongqiao');
  return rooms;
}

const staff = { role: 'staff', committeeId: null } as const;

describe('live totals', () => {
  beforeEach(() =>
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] }),
  );
  afterEach(() => vi.useRealTimers());

  it('the office sees every committee, with the same figures as computeTotals over the rooms', () => {
    const rooms = district();
    const live = new LiveTotals(rooms, staff, { now: () => NOW });
    expect(rooms.heldRooms()).toEqual([
      'committees',
      'ledger.hongqiao',
      'ledger.taoyuan',
      'roster.hongqiao',
      'roster.taoyuan',
      'sites',
    ]);
    vi.advanceTimersByTime(300);
    const expected = computeTotals({
      ledger: [...readRows(rooms.doc('ledger.hongqiao')), ...readRows(rooms.doc('ledger.taoyuan'))],
      roster: [],
      sites: readRows(rooms.doc('sites')),
      now: NOW,
    });
    const { totals } = live.snapshot();
    expect(totals?.found.count).toBe(3);
    expect(totals?.byCommitteeStatus).toEqual(expected.byCommitteeStatus);
    expect(totals?.resolutionRate).toEqual(expected.resolutionRate);
    expect(live.snapshot().ledger.size).toBe(3);
    live.destroy();
  });

  it('a member opens only its own committee and counts only its rows', () => {
    const rooms = district();
    const live = new LiveTotals(rooms, { role: 'member', committeeId: 'hongqiao' }, { now: () => NOW });
    vi.advanceTimersByTime(300);
    expect(rooms.heldRooms()).toEqual(['committees', 'ledger.hongqiao', 'roster.hongqiao', 'sites']);
    expect(live.snapshot().totals?.found.count).toBe(1);
    live.destroy();
  });

  it('an edit in a room changes the totals within one interval', () => {
    const rooms = district();
    const live = new LiveTotals(rooms, staff, { now: () => NOW, intervalMs: 250 });
    vi.advanceTimersByTime(1000);
    const [rectified] = live.snapshot().totals?.byStatus.rectified?.ids ?? [];
    updateRow(rooms.doc('ledger.taoyuan'), rectified ?? '', {
      status: 'closed',
      closedAt: '2026-03-02T15:00:00+08:00',
    });
    vi.advanceTimersByTime(250);
    expect(live.snapshot().totals?.byStatus.closed?.ids).toEqual([rectified]);
    expect(live.snapshot().totals?.closedToday.count).toBe(1);
    live.destroy();
  });

  it('a burst of edits is computed at most once per interval', () => {
    const rooms = district();
    const live = new LiveTotals(rooms, staff, { now: () => NOW, intervalMs: 250 });
    vi.advanceTimersByTime(1000);
    let computed = 0;
    let last = live.snapshot().totals;
    live.subscribe(() => {
      if (live.snapshot().totals !== last) computed++;
      last = live.snapshot().totals;
    });
    for (let i = 0; i < 100; i++) {
      addIssue(rooms, 'taoyuan');
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(250);
    expect(computed).toBeLessThanOrEqual(5);
    expect(live.snapshot().totals?.found.count).toBe(103);
    live.destroy();
  });

  it('follows the registry: a new committee is opened and counted, a removed one is let go', () => {
    const rooms = district();
    const live = new LiveTotals(rooms, staff, { now: () => NOW });
    vi.advanceTimersByTime(300);
    addIssue(rooms, 'hexi');
    insertRow(rooms.doc('committees'), { id: 'hexi', name: '河西' });
    vi.advanceTimersByTime(300);
    expect(rooms.heldRooms()).toContain('ledger.hexi');
    expect(live.snapshot().totals?.found.count).toBe(4);
    rooms.doc('committees').getMap('rows').delete('hexi');
    vi.advanceTimersByTime(300);
    expect(rooms.heldRooms()).not.toContain('ledger.hexi');
    expect(live.snapshot().totals?.found.count).toBe(3);
    live.destroy();
  });

  it('says how many rooms are still loading', () => {
    const rooms = district();
    rooms.setStatus('ledger.taoyuan', { ...INITIAL_STATUS, loaded: true, network: 'syncing' });
    const live = new LiveTotals(rooms, staff, { now: () => NOW });
    vi.advanceTimersByTime(300);
    expect(live.snapshot().rooms).toMatchObject({ total: 6, ready: 5, network: 'syncing' });
    expect(live.snapshot().complete).toBe(false);
    rooms.setStatus('ledger.taoyuan', READY);
    expect(live.snapshot().rooms).toMatchObject({ total: 6, ready: 6, network: 'online' });
    // Complete only once figures are computed with every room in.
    expect(live.snapshot().complete).toBe(false);
    vi.advanceTimersByTime(300);
    expect(live.snapshot().complete).toBe(true);
    // A committee added to the registry is not in the figures until its rooms are.
    rooms.setStatus('ledger.hexi', { ...INITIAL_STATUS, loaded: true, network: 'syncing' });
    insertRow(rooms.doc('committees'), { id: 'hexi', name: '河西' });
    expect(live.snapshot().complete).toBe(false);
    live.destroy();
  });

  it('lets go of every room it opened when destroyed', () => {
    const rooms = district();
    const live = new LiveTotals(rooms, staff, { now: () => NOW });
    live.destroy();
    expect(rooms.heldRooms()).toEqual([]);
  });
});
