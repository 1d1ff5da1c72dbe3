// Checks a writer's update against the shared change rules before the room applies it.
// The update is tried on a small scratch document holding only what it can reach: the
// rows it refers to (each with its whole history) and the table's meta. The rest of the
// room is stood in for by GC structs over the same clock ranges, which Yjs treats like
// collected history, so the update integrates in the scratch exactly as in the room.
// What changed (rows, fields, meta) is read off the scratch, and the rules decide.
import {
  type CellValue,
  changedFields,
  checkChanges,
  type DomainError,
  META_MAP,
  type MetaChange,
  type Principal,
  ROWS_MAP,
  type Room as RoomName,
  type RowChange,
  type RowValues,
  readTableSchema,
  schemaForTable,
} from '@civic-ledger/shared';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { log } from '../../ops/log.ts';
import type { DecodedUpdate } from './update-check.ts';

export type GuardResult = { ok: true; changes: RowChange[] } | { ok: false; error: DomainError };

/** Stands in for a nested Yjs type in a cell, which no field accepts. */
const NESTED_TYPE = Object.freeze({ nestedType: true }) as unknown as CellValue;

/** A fixed guid: a random one costs more than the rest of a small check. */
const SCRATCH = { guid: 'update-guard-scratch' };

type Struct = Y.Item | Y.GC | Y.Skip;
// biome-ignore lint/suspicious/noExplicitAny: Yjs types are parameterised by their event type
type AnyType = Y.AbstractType<any>;

/**
 * What a struct belongs to: the meta map, one row (with every version of it), nothing
 * (it is or becomes collected garbage: it changes nothing), or anything else (refused).
 */
type Unit = { kind: 'meta' } | { kind: 'row'; id: string } | { kind: 'gc' } | { kind: 'foreign' };
const META: Unit = { kind: 'meta' };
const GC_UNIT: Unit = { kind: 'gc' };
const FOREIGN: Unit = { kind: 'foreign' };

function sameUnit(a: Unit, b: Unit): boolean {
  return a.kind === b.kind && (a.kind !== 'row' || a.id === (b as { id: string }).id);
}

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

const FOREIGN_CHANGE = () =>
  malformed('the update changes something other than rows and meta', '更新包含表格以外的内容');

/** Finds, for each new struct of an update, the row or meta it lands in. */
class UnitResolver {
  private readonly incoming = new Map<number, Struct[]>();
  private readonly memo = new Map<Struct, Unit | 'resolving'>();
  private readonly rowsRoot: AnyType | undefined;
  private readonly metaRoot: AnyType | undefined;

  constructor(
    private readonly live: Y.Doc,
    structs: readonly Struct[],
  ) {
    for (const s of structs) {
      const list = this.incoming.get(s.id.client);
      if (list) list.push(s);
      else this.incoming.set(s.id.client, [s]);
    }
    for (const list of this.incoming.values()) list.sort((a, b) => a.id.clock - b.id.clock);
    this.rowsRoot = live.share.get(ROWS_MAP);
    this.metaRoot = live.share.get(META_MAP);
  }

  liveState(client: number): number {
    return Y.getState(this.live.store, client);
  }

  /** The struct holding `id`: the live document's below its state, else the update's. */
  private find(id: Y.ID): { live: boolean; struct: Struct } | null {
    if (id.clock < this.liveState(id.client)) return { live: true, struct: Y.getItem(this.live.store, id) };
    const list = this.incoming.get(id.client);
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return { live: false, struct: s };
    }
    return null;
  }

  private rootUnit(root: AnyType | string, parentSub: string | null): Unit {
    const isRows = root === ROWS_MAP || (this.rowsRoot !== undefined && root === this.rowsRoot);
    const isMeta = root === META_MAP || (this.metaRoot !== undefined && root === this.metaRoot);
    if (isRows) return parentSub === null ? FOREIGN : { kind: 'row', id: parentSub };
    if (isMeta) return META;
    return FOREIGN;
  }

  /** Unit of an integrated struct of the live document. */
  liveUnit(s: Struct): Unit {
    if (!(s instanceof Y.Item)) return GC_UNIT;
    let item: Y.Item = s;
    for (let depth = 0; depth < 1000; depth++) {
      const parent = item.parent as AnyType | null;
      if (!parent) return GC_UNIT;
      const up = parent._item;
      if (up === null) return this.rootUnit(parent, item.parentSub);
      item = up;
    }
    return FOREIGN;
  }

  private unitOfId(id: Y.ID): Unit | null {
    const found = this.find(id);
    if (!found) return null;
    return found.live ? this.liveUnit(found.struct) : this.incomingUnit(found.struct);
  }

  /** Unit of the type an item names as its parent by id (Yjs collects it when that is no type). */
  private parentUnit(id: Y.ID): Unit | null {
    const found = this.find(id);
    if (!found) return null;
    const s = found.struct;
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentType)) return GC_UNIT;
    if (found.live && s.deleted) return GC_UNIT;
    return found.live ? this.liveUnit(s) : this.incomingUnit(s);
  }

  /** Unit of a struct of the update, as Yjs will place it (parent from origin, right origin or parent). */
  incomingUnit(s: Struct): Unit {
    if (!(s instanceof Y.Item)) return GC_UNIT;
    const known = this.memo.get(s);
    if (known === 'resolving') return FOREIGN; // a reference cycle: Yjs could not place it either
    if (known) return known;
    this.memo.set(s, 'resolving');
    const unit = this.resolveIncoming(s);
    this.memo.set(s, unit);
    return unit;
  }

  private resolveIncoming(s: Y.Item): Unit {
    const refs: Unit[] = [];
    for (const id of [s.origin, s.rightOrigin]) {
      if (id === null) continue;
      const unit = this.unitOfId(id);
      if (unit === null) return FOREIGN;
      // Next to collected garbage, Yjs collects the item too.
      if (unit.kind === 'gc') return GC_UNIT;
      refs.push(unit);
    }
    const state = this.liveState(s.id.client);
    if (state > s.id.clock && state < s.id.clock + s.length) {
      // Partly known: Yjs integrates the rest next to its own known part.
      const unit = this.unitOfId(Y.createID(s.id.client, state - 1));
      if (unit === null) return FOREIGN;
      refs.push(unit);
    }
    if (refs.length === 0) {
      const parent = s.parent as unknown;
      if (typeof parent === 'string') refs.push(this.rootUnit(parent, s.parentSub));
      else if (parent instanceof Y.ID) {
        const unit = this.parentUnit(parent);
        if (unit === null) return FOREIGN;
        if (unit.kind === 'gc') return GC_UNIT;
        refs.push(unit);
      } else return FOREIGN;
    }
    const first = refs[0]!;
    // Every reference of an item stays within one row (or meta): a scratch copy of the
    // rows an update touches then always holds everything their items refer to.
    return refs.every((u) => sameUnit(u, first)) ? first : FOREIGN;
  }
}

export class UpdateGuard {
  constructor(
    private readonly live: Y.Doc,
    private readonly room: RoomName,
  ) {}

  /** Nothing is kept between checks; kept for the room's lifecycle. */
  dispose(): void {}

  /** `decoded` is the update as `checkUpdate` decoded it (it must have passed that check). */
  check(update: Uint8Array, principal: Principal, decoded?: DecodedUpdate): GuardResult {
    let scratch: Y.Doc | null = null;
    try {
      const { structs, ds } = decoded ?? (Y.decodeUpdate(update) as DecodedUpdate);
      const plan = this.plan(structs, ds);
      if (plan === 'foreign') return FOREIGN_CHANGE();
      scratch = this.scratch(plan);
      if (scratch.store.pendingStructs || scratch.store.pendingDs) {
        // Cannot happen for a room whose items were all checked here; stay correct anyway.
        log.warn('update guard: partial copy incomplete, checking on a whole copy', { room: this.room.name });
        scratch.destroy();
        scratch = new Y.Doc(SCRATCH);
        Y.applyUpdate(scratch, Y.encodeStateAsUpdate(this.live));
      }
      return this.tryOn(scratch, update, principal);
    } catch (err) {
      return malformed(`update failed on the scratch copy: ${String(err)}`, '更新无法应用');
    } finally {
      scratch?.destroy();
    }
  }

  /** The rows an update can reach and the clients whose clocks the scratch must cover. */
  private plan(
    structs: readonly Struct[],
    ds: DecodedUpdate['ds'],
  ): { rows: Set<string>; clients: Set<number> } | 'foreign' {
    const resolver = new UnitResolver(this.live, structs);
    const rows = new Set<string>();
    const clients = new Set<number>();
    const add = (unit: Unit): boolean => {
      if (unit.kind === 'foreign') return false;
      if (unit.kind === 'row') rows.add(unit.id);
      return true;
    };
    for (const s of structs) {
      clients.add(s.id.client);
      if (s instanceof Y.Item) {
        for (const id of [s.origin, s.rightOrigin, s.parent instanceof Y.ID ? s.parent : null])
          if (id) clients.add(id.client);
      }
      if (s.id.clock + s.length <= resolver.liveState(s.id.client)) continue; // known: skipped by Yjs
      if (!add(resolver.incomingUnit(s))) return 'foreign';
    }
    for (const [client, ranges] of ds.clients) {
      clients.add(client);
      const state = resolver.liveState(client);
      const list = this.live.store.clients.get(client);
      if (!list) continue;
      for (const r of ranges) {
        const end = Math.min(r.clock + r.len, state);
        if (r.clock >= end) continue;
        for (let i = Y.findIndexSS(list, r.clock); i < list.length && list[i]!.id.clock < end; i++) {
          const s = list[i]!;
          if (!s.deleted && !add(resolver.liveUnit(s))) return 'foreign';
        }
      }
    }
    return { rows, clients };
  }

  /** A fresh document with the meta map and the planned rows of the live one, every clock range in place. */
  private scratch(plan: { rows: Set<string>; clients: Set<number> }): Y.Doc {
    const included = new Map<number, Y.Item[]>();
    const seen = new Set<Y.Item>();
    const include = (item: Y.Item) => {
      if (seen.has(item)) return;
      seen.add(item);
      const list = included.get(item.id.client);
      if (list) list.push(item);
      else included.set(item.id.client, [item]);
      if (item.content instanceof Y.ContentType) walkType(item.content.type);
    };
    const walkType = (type: AnyType) => {
      for (const last of type._map.values()) for (let it: Y.Item | null = last; it; it = it.left) include(it);
      for (let it = type._start; it; it = it.right) include(it);
    };
    const meta = this.live.share.get(META_MAP);
    if (meta) walkType(meta);
    const rows = this.live.share.get(ROWS_MAP);
    if (rows) {
      for (const id of plan.rows) {
        for (let it: Y.Item | null = rows._map.get(id) ?? null; it; it = it.left) include(it);
      }
    }
    const clients = new Set(plan.clients);
    for (const item of seen) {
      clients.add(item.id.client);
      if (item.origin) clients.add(item.origin.client);
      if (item.rightOrigin) clients.add(item.rightOrigin.client);
    }

    const encoder = new Y.UpdateEncoderV1();
    const written: [number, number][] = [];
    for (const client of clients) {
      const state = Y.getState(this.live.store, client);
      if (state > 0) written.push([client, state]);
    }
    encoding.writeVarUint(encoder.restEncoder, written.length);
    const deleted = new Map<number, { clock: number; len: number }[]>();
    for (const [client, state] of written) {
      const items = (included.get(client) ?? []).sort((a, b) => a.id.clock - b.id.clock);
      // Everything between the included items is written as GC of the same length.
      const parts: (Y.Item | number)[] = [];
      let clock = 0;
      for (const item of items) {
        if (item.id.clock > clock) parts.push(item.id.clock - clock);
        parts.push(item);
        clock = item.id.clock + item.length;
        if (item.deleted) {
          const list = deleted.get(client) ?? [];
          list.push({ clock: item.id.clock, len: item.length });
          deleted.set(client, list);
        }
      }
      if (state > clock) parts.push(state - clock);
      encoding.writeVarUint(encoder.restEncoder, parts.length);
      encoder.writeClient(client);
      encoding.writeVarUint(encoder.restEncoder, 0);
      for (const part of parts) {
        if (typeof part === 'number') {
          encoder.writeInfo(0); // GC
          encoder.writeLen(part);
        } else part.write(encoder, 0);
      }
    }
    encoding.writeVarUint(encoder.restEncoder, deleted.size);
    for (const [client, ranges] of deleted) {
      encoder.resetDsCurVal();
      encoding.writeVarUint(encoder.restEncoder, client);
      encoding.writeVarUint(encoder.restEncoder, ranges.length);
      for (const r of ranges) {
        encoder.writeDsClock(r.clock);
        encoder.writeDsLen(r.len);
      }
    }
    const doc = new Y.Doc(SCRATCH);
    doc.getMap(ROWS_MAP);
    doc.getMap(META_MAP);
    Y.applyUpdate(doc, encoder.toUint8Array());
    return doc;
  }

  private tryOn(scratch: Y.Doc, update: Uint8Array, principal: Principal): GuardResult {
    const rows = scratch.getMap(ROWS_MAP);
    const meta = scratch.getMap(META_MAP);
    const touched = new Map<string, Set<string> | null>();
    const metaKeys = new Set<string>();
    let foreign = false;
    scratch.on('afterTransaction', (tr: Y.Transaction) => {
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
    });
    Y.applyUpdate(scratch, update);
    return foreign ? FOREIGN_CHANGE() : this.judge(scratch, touched, metaKeys, principal);
  }

  private judge(
    scratch: Y.Doc,
    touched: Map<string, Set<string> | null>,
    metaKeys: Set<string>,
    principal: Principal,
  ): GuardResult {
    const liveRows = this.live.getMap(ROWS_MAP);
    const afterRows = scratch.getMap(ROWS_MAP);
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
    const metaMap = scratch.getMap(META_MAP);
    const metaChanges: MetaChange[] = [...metaKeys].map((key) => ({ key, after: metaMap.get(key) }));
    const schema = readTableSchema(scratch);
    const ctx = {
      schema: schema.ok ? schema.value : schemaForTable(this.room.table),
      principal,
      room: this.room,
    };
    const error = checkChanges(ctx, changes, metaChanges);
    return error ? { ok: false, error } : { ok: true, changes };
  }
}
