// A snapshot's rooms as documents on this page only: each room's frozen state applied to
// an empty Y.Doc, with no connection and no local copy, shaped like what the grid reads of
// a live room (its name, its document, and when the document is filled).
import { readRows } from '@civic-ledger/shared';
import * as Y from 'yjs';
import { type Lookups, refTable } from '../registry/lookups.ts';
import type { Session } from '../session/session.ts';
import type { ApiResult } from '../session/session-api.ts';
import { snapshotRoomUpdate } from './snapshot-api.ts';

export interface SnapshotRoom {
  readonly room: string;
  readonly doc: Y.Doc;
  /** Already resolved: the document holds the whole frozen state. */
  readonly ready: Promise<void>;
}

/** Marks the one transaction that fills a snapshot document. */
const SNAPSHOT_ORIGIN = { source: 'snapshot' } as const;

export function snapshotRoom(room: string, update: Uint8Array): SnapshotRoom {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update, SNAPSHOT_ORIGIN);
  return { room, doc, ready: Promise.resolve() };
}

/**
 * Fetches rooms of a snapshot (a few at a time) and reports how many are in; the first
 * failure ends the loading and is the answer.
 */
export async function loadSnapshotRooms(
  session: Session,
  snapshotId: string,
  rooms: readonly string[],
  onProgress: (loaded: number) => void,
  signal: { readonly cancelled: boolean },
): Promise<ApiResult<SnapshotRoom[]>> {
  const out: SnapshotRoom[] = [];
  const queue = [...rooms];
  const state: { failure: ApiResult<SnapshotRoom[]> | null } = { failure: null };
  const worker = async () => {
    while (queue.length > 0 && state.failure === null && !signal.cancelled) {
      const room = queue.shift();
      if (room === undefined) return;
      const result = await snapshotRoomUpdate(session, snapshotId, room);
      if (!result.ok) {
        state.failure ??= result;
        return;
      }
      out.push(snapshotRoom(room, result.value));
      onProgress(out.length);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  if (state.failure !== null) {
    for (const r of out) r.doc.destroy();
    return state.failure;
  }
  const order = new Map(rooms.map((name, i) => [name, i]));
  out.sort((a, b) => (order.get(a.room) ?? 0) - (order.get(b.room) ?? 0));
  return { ok: true, value: out };
}

/** Names of committees, sites and people as the snapshot had them (its registry rooms). */
export function snapshotLookups(rooms: readonly SnapshotRoom[], fallback: Lookups): Lookups {
  const of = (name: string) => rooms.find((r) => r.room === name);
  const committees = of('committees');
  const sites = of('sites');
  const people = of('people');
  return {
    committees: committees ? refTable(readRows(committees.doc)) : fallback.committees,
    sites: sites ? refTable(readRows(sites.doc)) : fallback.sites,
    people: people ? refTable(readRows(people.doc)) : fallback.people,
  };
}
