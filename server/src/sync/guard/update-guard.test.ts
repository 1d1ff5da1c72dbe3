// The guard tries an update on a scratch copy of only the rows it can reach. These tests
// pin that its verdicts are those of a check on a whole copy of the room (the guard's
// former way), over random concurrent edits from several offline clients, valid or not.
import {
  type CellValue,
  changedFields,
  checkChanges,
  type DomainError,
  initTable,
  ledgerSchema,
  META_MAP,
  type MetaChange,
  newRowId,
  type Principal,
  parseRoomName,
  ROWS_MAP,
  type Room as RoomName,
  type RowChange,
  type RowValues,
  readTableSchema,
  schemaForTable,
} from '@civic-ledger/shared';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate, decodeUpdate } from './update-check.ts';
import { type GuardResult, UpdateGuard } from './update-guard.ts';

// The reference: the whole room copied, the update applied to the copy.
/** Stands in for a nested Yjs type in a cell, which no field accepts. */
const NESTED_TYPE = Object.freeze({ nestedType: true }) as unknown as CellValue;

function rowValues(value: unknown): RowValues | null | 'not-a-row' {
  if (value === undefined) return null;
  if (!(value instanceof Y.Map)) return 'not-a-row';
  const out: RowValues = {};
  for (const [k, v] of value.entries()) out[k] = v instanceof Y.AbstractType ? NESTED_TYPE : (v as CellValue);
  return out;
}

const malformed = (en: string, zh: string): GuardResult => ({
  ok: false,
  error: { code: 'malformed_table', message: { 'zh-CN': zh, en } },
});

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

  /** Keeps the copy in step with an update the room accepted without checking here. */
  follow(update: Uint8Array): void {
    if (this.mirror) Y.applyUpdate(this.mirror, update);
  }

  dispose(): void {
    this.mirror?.destroy();
    this.mirror = null;
  }

  check(update: Uint8Array, principal: Principal): GuardResult {
    const mirror = this.scratch();
    const rows = mirror.getMap(ROWS_MAP);
    const meta = mirror.getMap(META_MAP);
    const touched = new Map<string, Set<string> | null>();
    const metaKeys = new Set<string>();
    let foreign = false;
    const onAfter = (tr: Y.Transaction) => {
      for (const [type, keys] of tr.changed) {
        if ((type as unknown) === rows) {
          for (const k of keys) if (k !== null) touched.set(k, null);
        } else if ((type as unknown) === meta) {
          for (const k of keys) if (k !== null) metaKeys.add(k);
        } else if (type instanceof Y.Map && type._item?.parent === rows && type._item.parentSub) {
          const id = type._item.parentSub;
          const existing = touched.get(id);
          if (existing === null) continue;
          const set = existing ?? new Set<string>();
          for (const k of keys) if (k !== null) set.add(k);
          touched.set(id, set);
        } else {
          foreign = true;
        }
      }
    };
    mirror.on('afterTransaction', onAfter);
    let result: GuardResult;
    try {
      Y.applyUpdate(mirror, update);
      result = foreign
        ? malformed('the update changes something other than rows and meta', '更新包含表格以外的内容')
        : this.judge(mirror, touched, metaKeys, principal);
    } catch (err) {
      result = malformed(`update failed on the scratch copy: ${String(err)}`, '更新无法应用');
    } finally {
      mirror.off('afterTransaction', onAfter);
    }
    if (!result.ok) this.dispose();
    return result;
  }

  private judge(
    mirror: Y.Doc,
    touched: Map<string, Set<string> | null>,
    metaKeys: Set<string>,
    principal: Principal,
  ): GuardResult {
    const liveRows = this.live.getMap(ROWS_MAP);
    const afterRows = mirror.getMap(ROWS_MAP);
    const changes: RowChange[] = [];
    for (const [rowId, keys] of touched) {
      const before = rowValues(liveRows.get(rowId));
      const after = rowValues(afterRows.get(rowId));
      if (after === 'not-a-row') return malformed(`row ${rowId.slice(0, 40)} is not a map`, '行数据格式错误');
      const b = before === 'not-a-row' ? null : before;
      const differs = (k: string) => JSON.stringify(b?.[k]) !== JSON.stringify(after?.[k]);
      const fields = keys === null ? changedFields(b, after) : [...keys].filter(differs).sort();
      if (fields.length > 0 || (b === null) !== (after === null))
        changes.push({ rowId, before: b, after, fields });
    }
    const metaMap = mirror.getMap(META_MAP);
    const metaChanges: MetaChange[] = [...metaKeys].map((key) => ({ key, after: metaMap.get(key) }));
    const schema = readTableSchema(mirror);
    const ctx = {
      schema: schema.ok ? schema.value : schemaForTable(this.room.table),
      principal,
      room: this.room,
    };
    const error = checkChanges(ctx, changes, metaChanges);
    return error ? { ok: false, error } : { ok: true, changes };
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

function newRow(id: string): Y.Map<unknown> {
  const row = new Y.Map<unknown>();
  row.set('id', id);
  row.set('committeeId', 'taoyuan');
  row.set('status', 'open');
  row.set('recurrences', 0);
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

function summary(result: { ok: true; changes: RowChange[] } | { ok: false; error: DomainError }) {
  if (!result.ok) return { ok: false, code: result.error.code };
  return { ok: true, changes: [...result.changes].sort((a, b) => (a.rowId < b.rowId ? -1 : 1)) };
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
        if (!checkUpdate(live, update).ok) continue;
        const decoded = decodeUpdate(update);
        if (typeof decoded === 'string') continue;
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
    expect(checkUpdate(live, update).ok).toBe(true);
    const verdict = new UpdateGuard(live, ROOM).check(update, STAFF);
    expect(verdict).toMatchObject({ ok: false, error: { code: 'malformed_table' } });
  });
});
