// The live totals of the rooms an account may read: opens the committees and sites rooms,
// the ledger and roster of every committee in scope (following the registry as it
// changes), and recomputes the shared `computeTotals` after changes, at most a few times a
// second, so a page over 20k rows stays responsive. Rooms come from the tab's pool: they
// work offline from the copy on this device and follow every edit live.
import {
  computeTotals,
  type Principal,
  type RowValues,
  sitesInScope,
  type Totals,
} from '@civic-ledger/shared';
import type * as Y from 'yjs';
import { combineStatuses, type NetworkState, type RoomStatus } from '../sync/sync-status.ts';
import { type DashboardScope, dashboardScope } from './dashboard-scope.ts';
import { RoomRows } from './room-rows.ts';
import { throttle } from './throttle.ts';

/** What the totals need of a room (a `RoomConnection` is one). */
export interface DashboardRoom {
  readonly room: string;
  readonly doc: Y.Doc;
  getStatus(): RoomStatus;
  subscribe(listener: () => void): () => void;
}

/** Where rooms come from (the tab's `RoomPool` is one). */
export interface RoomSource {
  acquire(room: string): DashboardRoom;
  release(room: string): void;
  current(room: string): DashboardRoom | undefined;
  onReset(listener: (room: string) => void): () => void;
}

export interface RoomsProgress {
  readonly total: number;
  /** Rooms with something to show: the copy on this device read and non-empty, or synced once. */
  readonly ready: number;
  readonly network: NetworkState;
  readonly error: RoomStatus['error'];
}

export interface LiveSnapshot {
  /** Null until the first computation. */
  readonly totals: Totals | null;
  /** The ledger and roster rows the totals were computed from, by id (for drilling down). */
  readonly ledger: ReadonlyMap<string, RowValues>;
  readonly roster: ReadonlyMap<string, RowValues>;
  readonly scope: DashboardScope;
  readonly rooms: RoomsProgress;
  /** The totals include every room in scope: all were ready when they were computed. */
  readonly complete: boolean;
  /** How long the last computation took. */
  readonly computeMs: number;
}

export interface LiveTotalsOptions {
  /**
   * Least time between two computations; default 250 ms (at most 4 a second). It grows to
   * four times the last computation's cost, so totals never take over a quarter of the
   * main thread however busy the rooms are.
   */
  readonly intervalMs?: number;
  /** Recompute this often even without edits ("today" and overdue move with the clock); default 60 s. */
  readonly tickMs?: number;
  readonly now?: () => Date;
}

const REGISTRY_ROOMS = ['committees', 'sites'] as const;
/** Computing takes at most 1 / COST_FACTOR of the time. */
const COST_FACTOR = 4;

interface Attached {
  connection: DashboardRoom;
  rows: RoomRows;
  stops: (() => void)[];
}

function isReady(s: RoomStatus): boolean {
  return s.loaded && (s.hadLocalCopy || s.everSynced);
}

export class LiveTotals {
  private readonly attached = new Map<string, Attached>();
  private readonly listeners = new Set<() => void>();
  private scope: DashboardScope;
  private current: LiveSnapshot;
  private readonly throttle;
  private readonly tick: ReturnType<typeof setInterval>;
  private readonly stopReset: () => void;
  private readonly now: () => Date;
  private destroyed = false;

  constructor(
    private readonly source: RoomSource,
    private readonly principal: Principal,
    options: LiveTotalsOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    const interval = options.intervalMs ?? 250;
    this.throttle = throttle(
      () => this.compute(),
      () => Math.max(interval, this.current.computeMs * COST_FACTOR),
    );
    this.scope = dashboardScope(principal, []);
    this.current = {
      totals: null,
      ledger: new Map(),
      roster: new Map(),
      scope: this.scope,
      rooms: { total: 0, ready: 0, network: 'offline', error: null },
      complete: false,
      computeMs: 0,
    };
    for (const room of REGISTRY_ROOMS) this.attach(room, source.acquire(room));
    this.attached.get('committees')?.rows.onChange(() => this.followRegistry());
    this.followRegistry();
    this.stopReset = source.onReset((room) => {
      const connection = source.current(room);
      if (!this.attached.has(room) || !connection) return;
      this.detach(room);
      this.attach(room, connection);
      if (room === 'committees') this.attached.get(room)?.rows.onChange(() => this.followRegistry());
      this.changed();
    });
    this.tick = setInterval(() => this.throttle.request(), options.tickMs ?? 60_000);
    this.publishStatus();
    this.throttle.request();
  }

  snapshot = (): LiveSnapshot => this.current;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.throttle.cancel();
    clearInterval(this.tick);
    this.stopReset();
    for (const room of [...this.attached.keys()]) {
      this.detach(room);
      this.source.release(room);
    }
    this.listeners.clear();
  }

  /** Opens and closes committee rooms as the registry (and so the scope) changes. */
  private followRegistry(): void {
    const registry = this.attached.get('committees')?.rows.rows() ?? [];
    const next = dashboardScope(
      this.principal,
      registry.map((row) => String(row.id)),
    );
    const wanted = new Set([...REGISTRY_ROOMS, ...next.ledgerRooms, ...next.rosterRooms]);
    for (const room of [...this.attached.keys()]) {
      if (wanted.has(room)) continue;
      this.detach(room);
      this.source.release(room);
    }
    for (const room of wanted) {
      if (!this.attached.has(room)) this.attach(room, this.source.acquire(room));
    }
    this.scope = next;
    this.changed();
  }

  private attach(room: string, connection: DashboardRoom): void {
    const rows = new RoomRows(connection.doc);
    const stops = [
      rows.onChange(() => this.throttle.request()),
      connection.subscribe(() => this.statusChanged()),
    ];
    this.attached.set(room, { connection, rows, stops });
  }

  private detach(room: string): void {
    const entry = this.attached.get(room);
    if (!entry) return;
    for (const stop of entry.stops) stop();
    entry.rows.destroy();
    this.attached.delete(room);
  }

  private changed(): void {
    this.publishStatus();
    this.throttle.request();
  }

  private statusChanged(): void {
    const before = this.current.rooms;
    this.publishStatus();
    // A room that just became ready may bring rows the last computation did not have.
    if (this.current.rooms.ready !== before.ready) this.throttle.request();
  }

  private rowsOf(rooms: readonly string[]): RowValues[] {
    return rooms.flatMap((room) => this.attached.get(room)?.rows.rows() ?? []);
  }

  private compute(): void {
    if (this.destroyed) return;
    const started = performance.now();
    const ledger = this.rowsOf(this.scope.ledgerRooms);
    const roster = this.rowsOf(this.scope.rosterRooms);
    const sites = sitesInScope(this.principal, this.attached.get('sites')?.rows.rows() ?? []);
    const totals = computeTotals({ ledger, roster, sites, now: this.now() });
    this.current = {
      ...this.current,
      totals,
      ledger: new Map(ledger.map((row) => [String(row.id), row])),
      roster: new Map(roster.map((row) => [String(row.id), row])),
      scope: this.scope,
      complete: this.current.rooms.ready === this.current.rooms.total,
      computeMs: performance.now() - started,
    };
    this.emit();
  }

  private publishStatus(): void {
    const statuses = [...this.attached.values()].map((a) => a.connection.getStatus());
    const combined = combineStatuses(statuses);
    const rooms: RoomsProgress = {
      total: statuses.length,
      ready: statuses.filter(isReady).length,
      network: combined.network,
      error: combined.error,
    };
    const prev = this.current.rooms;
    if (
      prev.total === rooms.total &&
      prev.ready === rooms.ready &&
      prev.network === rooms.network &&
      prev.error === rooms.error &&
      this.current.scope === this.scope
    )
      return;
    // Figures computed before a room (re)appeared no longer cover it.
    const complete = this.current.complete && rooms.ready === rooms.total;
    this.current = { ...this.current, rooms, scope: this.scope, complete };
    this.emit();
  }

  private emit(): void {
    if (this.destroyed) return;
    for (const listener of this.listeners) listener();
  }
}
