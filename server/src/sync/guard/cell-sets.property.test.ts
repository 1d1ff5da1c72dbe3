// The guard's fast path against its reference: on random updates (single edits, several
// in one transaction, offline batches sent as one sync step 2, concurrent edits of peers
// that missed each other, hand-built items of every content kind, corrupted bytes), by
// every role, the verdict judged from the structs alone (cell-sets.ts) must equal the one
// from the scratch copy, whenever the fast path takes the update. Seeded: CELL_SETS_SEED=<n>
// replays a run; CELL_SETS_STEPS=100000 is the long run.
import { isDeepStrictEqual } from 'node:util';
import { initTable, ledgerSchema, type Principal, parseRoomName } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isRefusal } from '../refusal.ts';
import { judgeCellSets } from './cell-sets.ts';
import {
  completeIssue,
  edit,
  FIELD_KEYS,
  handBuilt,
  pick,
  rng,
  rowId,
} from './random-updates.test-support.ts';
import { checkDecodedUpdate, decodeUpdate } from './update-check.ts';
import { UpdateGuard } from './update-guard.ts';

const STEPS = Number(process.env.CELL_SETS_STEPS ?? 1500);
const SEED = Number(process.env.CELL_SETS_SEED ?? Date.now() % 2 ** 31);
const ROOM_STEPS = 2000;

const ROOM = (() => {
  const parsed = parseRoomName('ledger.taoyuan');
  if (!parsed.ok) throw new Error('room');
  return parsed.value;
})();

const ROLES: Principal[] = [
  { role: 'admin', committeeId: null },
  { role: 'staff', committeeId: null },
  { role: 'member', committeeId: 'taoyuan' },
  { role: 'member', committeeId: 'hongqiao' },
  { role: 'manager', committeeId: null },
  { role: 'patrol', committeeId: null, personId: '01J000000000000000000PERS0' },
];

type Rnd = () => number;

/** Cell edits only, the case the fast path is for: sets (valid or not) and deletes of fields. */
function cellEdit(doc: Y.Doc, rnd: Rnd): void {
  const rows = doc.getMap('rows') as Y.Map<Y.Map<unknown>>;
  const ids = [...rows.keys()].sort();
  if (ids.length === 0) return;
  const row = rows.get(pick(rnd, ids));
  if (!(row instanceof Y.Map)) return;
  const r = rnd();
  if (r < 0.5) {
    // What people mostly do: write the text of a field.
    row.set(pick(rnd, ['description', 'rectification']), `整改 ${Math.floor(rnd() * 100)}`);
    return;
  }
  const key = pick(rnd, ['deadline', 'status', 'assignee', ...FIELD_KEYS]);
  if (r < 0.6) row.delete(key);
  else
    row.set(
      key,
      pick(rnd, [
        `整改 ${Math.floor(rnd() * 100)}`,
        '2026-03-09',
        'in_progress',
        'rectified',
        'closed',
        '',
        null,
        7,
        ['a'],
      ]),
    );
}

/** One update as some client might send it, with its kind for the tally. */
function randomUpdate(rnd: Rnd, live: Y.Doc, peer: Y.Doc, principal: Principal): Uint8Array {
  const r = rnd();
  if (r < 0.08) {
    const ids = [...live.getMap('rows').keys()];
    const rowItem = ids.length > 0 ? live.getMap('rows')._map.get(pick(rnd, ids)) : undefined;
    if (rowItem && rnd() < 0.7) return handBuilt(rnd, rowItem.id, pick(rnd, [...FIELD_KEYS, null]));
    return handBuilt(rnd, pick(rnd, ['rows', 'meta']), pick(rnd, ['table', rowId(rnd)]));
  }
  if (r < 0.3) {
    // Offline: several transactions, sent together as what the room lacks.
    const sv = Y.encodeStateVector(live);
    for (let n = 1 + Math.floor(rnd() * 6); n > 0; n--)
      peer.transact(() => (rnd() < 0.8 ? cellEdit(peer, rnd) : edit(peer, rnd, principal)));
    return Y.encodeStateAsUpdate(peer, sv);
  }
  const updates: Uint8Array[] = [];
  const collect = (u: Uint8Array) => updates.push(u);
  peer.on('update', collect);
  peer.transact(() => {
    for (let n = 1 + Math.floor(rnd() * 3); n > 0; n--)
      rnd() < 0.75 ? cellEdit(peer, rnd) : edit(peer, rnd, principal);
  });
  peer.off('update', collect);
  return updates[0] ?? new Uint8Array([0, 0]);
}

/** A copy of `update` with a few bytes changed: what a broken client might send. */
function corrupt(rnd: Rnd, update: Uint8Array): Uint8Array {
  const out = update.slice();
  for (let n = 1 + Math.floor(rnd() * 3); n > 0; n--)
    out[Math.floor(rnd() * out.length)] = Math.floor(rnd() * 256);
  return out;
}

describe('the guard’s fast path for cell sets', () => {
  it('gives the scratch copy’s verdict on every random update it takes', {
    timeout: Math.max(120_000, STEPS * 40),
  }, () => {
    console.log(`cell sets: seed ${SEED}, ${STEPS} updates (CELL_SETS_SEED=${SEED} to replay)`);
    const rnd = rng(SEED);
    // A fresh room every ROOM_STEPS updates: a long run then costs in proportion to its length.
    const newRoom = () => {
      const doc = new Y.Doc();
      initTable(doc, ledgerSchema);
      doc.transact(() => {
        const rows = doc.getMap('rows');
        for (let i = 0; i < 12; i++) {
          const id = rowId(rnd);
          const status = pick(rnd, ['open', 'in_progress', 'rectified', 'closed', 'reopened']);
          const values = { ...completeIssue(rnd, id), status, recurrences: status === 'reopened' ? 1 : 0 };
          rows.set(id, new Y.Map(Object.entries(values)));
        }
      });
      return doc;
    };
    let live = newRoom();
    let guard = new UpdateGuard(live, ROOM);
    let liveUpdate: Uint8Array | null = null;
    const fresh = () => {
      const d = new Y.Doc();
      liveUpdate ??= Y.encodeStateAsUpdate(live);
      Y.applyUpdate(d, liveUpdate);
      return d;
    };
    let peers = Array.from({ length: 4 }, fresh);
    const tally = { judged: 0, fast: 0, fastAccepted: 0, fastRefused: 0, corrupted: 0, unapplicable: 0 };
    for (let step = 0; step < STEPS; step++) {
      if (step > 0 && step % ROOM_STEPS === 0) {
        for (const p of [...peers, live]) p.destroy();
        live = newRoom();
        guard = new UpdateGuard(live, ROOM);
        liveUpdate = null;
        peers = Array.from({ length: 4 }, fresh);
      }
      const principal = rnd() < 0.75 ? pick(rnd, ROLES.slice(0, 3)) : pick(rnd, ROLES);
      const i = Math.floor(rnd() * peers.length);
      // Peers that skip a sync edit concurrently with what the room accepted meanwhile.
      if (rnd() < 0.6) Y.applyUpdate(peers[i]!, Y.encodeStateAsUpdate(live, Y.encodeStateVector(peers[i]!)));
      let update = randomUpdate(rnd, live, peers[i]!, principal);
      if (rnd() < 0.05) {
        update = corrupt(rnd, update);
        tally.corrupted++;
      }
      const decoded = decodeUpdate(update);
      if (isRefusal(decoded) || checkDecodedUpdate(live, decoded)) {
        tally.unapplicable++;
        peers[i]!.destroy();
        peers[i] = fresh();
        continue;
      }
      tally.judged++;
      const full = guard.checkOnScratch(update, principal, decoded);
      let fast: ReturnType<typeof judgeCellSets>;
      try {
        fast = judgeCellSets(live, ROOM, principal, decoded);
      } catch (err) {
        expect.fail(`seed ${SEED} step ${step}: fast path threw ${String(err)}`);
      }
      if (fast !== null) {
        tally.fast++;
        if (isRefusal(fast)) tally.fastRefused++;
        else tally.fastAccepted++;
        if (!isDeepStrictEqual(fast, full))
          expect.fail(
            `seed ${SEED} step ${step}: fast ${JSON.stringify(fast)} but scratch ${JSON.stringify(full)}`,
          );
      }
      // The room's own answer is the one the guard gives.
      expect(isDeepStrictEqual(guard.check(update, principal, decoded), full)).toBe(true);
      if (isRefusal(full)) {
        peers[i]!.destroy();
        peers[i] = fresh();
      } else {
        try {
          Y.applyUpdate(live, update);
        } catch {
          // A corrupted update the guards let through but Yjs cannot apply: the room fails then.
        }
        liveUpdate = null;
      }
    }
    console.log(`cell sets: seed ${SEED}: ${JSON.stringify(tally)}`);
    expect(tally.fast, `seed ${SEED}`).toBeGreaterThan(tally.judged / 3);
    expect(tally.fastAccepted, `seed ${SEED}`).toBeGreaterThan(STEPS / 20);
    expect(tally.fastRefused, `seed ${SEED}`).toBeGreaterThan(STEPS / 50);
  });
});
