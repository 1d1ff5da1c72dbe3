// The guard tries an update on a scratch copy of only the rows it can reach. These tests
// pin that its verdicts are those of a check on a whole copy of the room (the guard's
// former way), over random concurrent edits from several offline clients, valid or not.
import {
  CloseCode,
  initTable,
  ledgerSchema,
  META_MAP,
  newRowId,
  type Principal,
  parseRoomName,
  ROWS_MAP,
  type Room as RoomName,
  type RowChange,
} from '@civic-ledger/shared';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isRefusal, type Refusal } from '../refusal.ts';
import { checkUpdate, decodeUpdate } from './update-check.ts';
import { UpdateGuard } from './update-guard.ts';
import { malformed, planUpdate } from './update-plan.ts';
import { verdict } from './verdict.ts';

// The reference: the whole room copied, the update tried on the copy by the same verdict.
class FullCopyGuard {
  private mirror: Y.Doc | null = null;

  constructor(
    private readonly live: Y.Doc,
    private readonly room: RoomName,
  ) {}

  private scratch(): Y.Doc {
    if (!this.mirror) {
      this.mirror = new Y.Doc();
      Y.applyUpdate(this.mirror, Y.encodeStateAsUpdate(this.live));
    }
    return this.mirror;
  }

  dispose(): void {
    this.mirror?.destroy();
    this.mirror = null;
  }

  check(update: Uint8Array, principal: Principal): RowChange[] | Refusal {
    let result: RowChange[] | Refusal;
    try {
      const plan = planUpdate(this.live, Y.decodeUpdate(update));
      result = isRefusal(plan)
        ? plan
        : verdict(this.scratch(), update, {
            live: this.live,
            room: this.room,
            principal,
            written: plan.written,
          });
    } catch (err) {
      result = malformed(`update failed on the scratch copy: ${String(err)}`, '更新无法应用');
    }
    this.dispose();
    return result;
  }
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROOM = (() => {
  const parsed = parseRoomName('ledger.taoyuan');
  if (!parsed.ok) throw new Error('room');
  return parsed.value;
})();
const MEMBER: Principal = { role: 'member', committeeId: 'taoyuan' };
const STAFF: Principal = { role: 'staff', committeeId: null };
const STATUSES = ['open', 'in_progress', 'rectified', 'closed', 'reopened', 'bogus'];

const SITE = '01J0000000000000000000SITE';

/** A new issue, complete (rows are created complete, in one update). */
function newRow(id: string): Y.Map<unknown> {
  const row = new Y.Map<unknown>();
  for (const [k, v] of Object.entries({
    id,
    committeeId: 'taoyuan',
    siteId: SITE,
    category: 'street_rubbish',
    description: '沿街垃圾',
    source: 'self_check',
    foundAt: '2026-03-02T09:00:00+08:00',
    status: 'open',
    recurrences: 0,
  }))
    row.set(k, v);
  return row;
}

/** One random edit, as a client might make it (or a broken or hostile one). */
function edit(doc: Y.Doc, rnd: () => number): void {
  const rows = doc.getMap(ROWS_MAP) as Y.Map<Y.Map<unknown>>;
  const ids = [...rows.keys()].sort();
  const pick = () => ids[Math.floor(rnd() * ids.length)];
  const id = pick();
  const row = id === undefined ? undefined : rows.get(id);
  const r = rnd();
  if (r < 0.15 || !row || id === undefined) {
    const created = newRowId();
    rows.set(created, newRow(created));
  } else if (r < 0.4) row.set('status', STATUSES[Math.floor(rnd() * STATUSES.length)]);
  else if (r < 0.55) row.set('description', `巡查 ${Math.floor(rnd() * 100)}`);
  else if (r < 0.62) row.set('recurrences', Math.floor(rnd() * 3));
  else if (r < 0.68) rows.delete(id);
  else if (r < 0.72)
    rows.set(id, newRow(id)); // the same row made again (offline, concurrently)
  else if (r < 0.75) row.set('colour', 'red');
  else if (r < 0.78) row.set('committeeId', 'hongqiao');
  else if (r < 0.81) row.set('closedAt', '2026-11-24T10:00:00+08:00');
  else if (r < 0.83) row.set('description', new Y.Text('nested'));
  else if (r < 0.85) doc.getMap('other').set('x', 1);
  else if (r < 0.88)
    doc
      .getMap(META_MAP)
      .set('field.extra', { key: 'extra', kind: 'text', label: { 'zh-CN': '备注二', en: 'Extra' } });
  else if (r < 0.9) doc.getMap(META_MAP).set('table', 'roster');
  else if (r < 0.95) row.delete('description');
  else {
    row.set('description', '多处修改');
    const other = pick();
    if (other !== undefined) rows.get(other)?.set('recurrences', 1);
  }
}

function summary(result: RowChange[] | Refusal) {
  if (isRefusal(result)) return { ok: false, code: result.code, rule: result.rule };
  return { ok: true, changes: [...result].sort((a, b) => (a.rowId < b.rowId ? -1 : 1)) };
}

describe('UpdateGuard', () => {
  it('judges every update as a check on a whole copy of the room would', () => {
    let compared = 0;
    let accepted = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const rnd = rng(seed);
      const live = new Y.Doc();
      initTable(live, ledgerSchema);
      const guard = new UpdateGuard(live, ROOM);
      const fresh = () => {
        const d = new Y.Doc();
        Y.applyUpdate(d, Y.encodeStateAsUpdate(live));
        return d;
      };
      const peers = Array.from({ length: 4 }, fresh);
      for (let step = 0; step < 150; step++) {
        const i = Math.floor(rnd() * peers.length);
        let peer = peers[i]!;
        // Half the time the client is up to date; otherwise its edits are concurrent.
        if (rnd() < 0.5) Y.applyUpdate(peer, Y.encodeStateAsUpdate(live, Y.encodeStateVector(peer)));
        const before = Y.encodeStateVector(live);
        const updates: Uint8Array[] = [];
        const collect = (u: Uint8Array) => updates.push(u);
        peer.on('update', collect);
        peer.transact(() => {
          for (let n = 1 + Math.floor(rnd() * 2); n > 0; n--) edit(peer, rnd);
        });
        peer.off('update', collect);
        // As a live update, or as sync step 2 (everything the server lacks, with the whole delete set).
        const update =
          rnd() < 0.7 ? (updates[0] ?? new Uint8Array([0, 0])) : Y.encodeStateAsUpdate(peer, before);
        if (checkUpdate(live, update)) continue;
        const decoded = decodeUpdate(update);
        if (isRefusal(decoded)) continue;
        const principal = rnd() < 0.6 ? MEMBER : STAFF;
        const expected = summary(new FullCopyGuard(live, ROOM).check(update, principal));
        const actual = summary(guard.check(update, principal, decoded));
        expect(actual).toEqual(expected);
        compared++;
        if (actual.ok) {
          accepted++;
          Y.applyUpdate(live, update);
        } else {
          peer.destroy();
          peer = fresh();
          peers[i] = peer;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(accepted).toBeGreaterThan(300);
    expect(compared - accepted).toBeGreaterThan(200);
  });

  it('refuses an item placed between two rows, which no map edit makes', () => {
    const live = new Y.Doc();
    initTable(live, ledgerSchema);
    const rows = live.getMap(ROWS_MAP) as Y.Map<Y.Map<unknown>>;
    const [a, b] = [newRowId(), newRowId()];
    rows.set(a, newRow(a));
    rows.set(b, newRow(b));
    const left = rows.get(a)?._map.get('status');
    const right = rows.get(b)?._map.get('status');
    if (!left || !right) throw new Error('rows not made');
    // Its left neighbour is in row a, its right neighbour in row b.
    const item = new Y.Item(
      Y.createID(4242, 0),
      null,
      left.lastId,
      null,
      right.id,
      null,
      null,
      new Y.ContentAny(['closed']),
    );
    const encoder = new Y.UpdateEncoderV1();
    encoding.writeVarUint(encoder.restEncoder, 1); // clients
    encoding.writeVarUint(encoder.restEncoder, 1); // structs of that client
    encoder.writeClient(4242);
    encoding.writeVarUint(encoder.restEncoder, 0); // first clock
    item.write(encoder, 0);
    encoding.writeVarUint(encoder.restEncoder, 0); // empty delete set
    const update = encoder.toUint8Array();
    expect(checkUpdate(live, update)).toBeNull();
    const refused = new UpdateGuard(live, ROOM).check(update, STAFF);
    expect(refused).toMatchObject({ code: CloseCode.ruleViolation, rule: 'malformed_table' });
  });

  it('reports the value of a write that lost to a concurrent write of the same field', () => {
    const live = new Y.Doc();
    initTable(live, ledgerSchema);
    const id = newRowId();
    (live.getMap(ROWS_MAP) as Y.Map<Y.Map<unknown>>).set(id, newRow(id));
    // Two clients with the room as it is write the same cell without seeing each other.
    const [low, high] = [new Y.Doc(), new Y.Doc()];
    low.clientID = 1;
    high.clientID = 2;
    for (const d of [low, high]) Y.applyUpdate(d, Y.encodeStateAsUpdate(live));
    const write = (d: Y.Doc, text: string) => {
      let update: Uint8Array = new Uint8Array();
      d.once('update', (u: Uint8Array) => {
        update = u;
      });
      (d.getMap(ROWS_MAP).get(id) as Y.Map<unknown>).set('rectification', text);
      return update;
    };
    const fromLow = write(low, '甲的整改');
    const fromHigh = write(high, '乙的整改');
    // Yjs keeps the higher client's write: the lower one's arriving second changes nothing.
    Y.applyUpdate(live, fromHigh);
    const verdictOfLow = new UpdateGuard(live, ROOM).check(fromLow, STAFF);
    if (isRefusal(verdictOfLow)) throw new Error(verdictOfLow.reason);
    expect(verdictOfLow).toHaveLength(1);
    expect(verdictOfLow[0]?.fields).toEqual([]);
    expect(verdictOfLow[0]?.lost).toEqual({ rectification: '甲的整改' });
    // A write that is kept is a change, not a lost value.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(live));
    const kept = new UpdateGuard(live, ROOM).check(write(other, '丙的整改'), STAFF);
    if (isRefusal(kept)) throw new Error(kept.reason);
    expect(kept[0]?.fields).toEqual(['rectification']);
    expect(kept[0]?.lost).toBeUndefined();
  });

  it('accepts a list of photo references in a photos field and refuses other objects there', () => {
    const live = new Y.Doc();
    initTable(live, ledgerSchema);
    const id = newRowId();
    (live.getMap(ROWS_MAP) as Y.Map<Y.Map<unknown>>).set(id, newRow(id));
    const photosUpdate = (photos: unknown[]): Uint8Array => {
      const peer = new Y.Doc();
      Y.applyUpdate(peer, Y.encodeStateAsUpdate(live));
      const before = Y.encodeStateVector(peer);
      (peer.getMap(ROWS_MAP) as Y.Map<Y.Map<unknown>>).get(id)?.set('photos', photos);
      return Y.encodeStateAsUpdate(peer, before);
    };
    const ref = { id: 'a'.repeat(64), stage: 'found', at: '2026-12-03T09:15:00+08:00', by: 'member' };
    const accepted = new UpdateGuard(live, ROOM).check(photosUpdate([ref]), MEMBER);
    expect(isRefusal(accepted)).toBe(false);
    const refused = new UpdateGuard(live, ROOM).check(photosUpdate([{ id: 'x', colour: 'red' }]), MEMBER);
    expect(refused).toMatchObject({ code: CloseCode.ruleViolation, rule: 'malformed_table' });
  });
});
