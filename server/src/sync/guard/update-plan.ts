// The first look at a decoded update, before anything is applied anywhere: which rows it
// reaches (they go into the scratch copy), which clients' clocks the copy must cover, and
// whether every new struct holds a kind of content its place can hold. A row is a map; a
// cell or a meta entry holds one JSON value; nothing else (formats, embeds, strings,
// binary, sub-documents, nested types, list items in a map) has a place in a table.
import { domainError, isMetaKey, isPhotoRef } from '@civic-ledger/shared';
import * as Y from 'yjs';
import { type Refusal, ruleRefusal } from '../refusal.ts';
import { type Place, PlaceResolver, type Struct, unitOf } from './struct-place.ts';
import type { DecodedUpdate } from './update-check.ts';

export interface UpdatePlan {
  /** Rows the update can reach: copied into the scratch document. */
  rows: Set<string>;
  /** Clients whose clocks the scratch document must cover. */
  clients: Set<number>;
  /**
   * Keys the update writes under: row ids, and field keys per row, with the value it writes
   * last under each field (a later clock of one client wins in its own update).
   */
  written: {
    rowKeys: Set<string>;
    cellKeys: Map<string, Set<string>>;
    cellValues: Map<string, Map<string, unknown>>;
  };
}

export const malformed = (en: string, zh: string): Refusal =>
  ruleRefusal({ code: 'malformed_table', message: { 'zh-CN': zh, en } });

export const foreignChange = (): Refusal =>
  malformed('the update changes something other than rows and meta', '更新包含表格以外的内容');

/** A value a cell can hold: a JSON primitive, a list of strings or a list of photo references. */
export function isCellValue(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  // A list of strings, or of photo references (a photos field, its shape checked by the schema).
  return Array.isArray(value) && (value.every((v) => typeof v === 'string') || value.every(isPhotoRef));
}

function holdsOneValue(item: Y.Item, fits: (value: unknown) => boolean): boolean {
  const c = item.content;
  return c instanceof Y.ContentAny && c.arr.length === 1 && fits(c.arr[0]);
}

/** Null when the item's content may stand at its place; otherwise the refusal. */
function checkContent(item: Y.Item, place: Place): Refusal | null {
  // Deleted content holds nothing: what a client deleted before sending.
  if (item.content instanceof Y.ContentDeleted) {
    if (place.kind === 'nested' || place.kind === 'foreign') return foreignChange();
    return (place.kind === 'meta' || place.kind === 'cell' || place.kind === 'rows') && place.key === null
      ? foreignChange()
      : null;
  }
  const kind = item.content.constructor.name;
  switch (place.kind) {
    case 'rows':
      if (place.key === null) return foreignChange();
      return item.content instanceof Y.ContentType && item.content.type.constructor === Y.Map
        ? null
        : malformed(`a row must be a map, not ${kind}`, '行数据格式错误');
    case 'cell':
      if (place.key === null) return malformed('a row holds only fields', '行中只能有字段');
      return holdsOneValue(item, isCellValue)
        ? null
        : malformed(
            `field "${place.key.slice(0, 40)}" can hold only one plain value, not ${kind}`,
            `字段“${place.key.slice(0, 40)}”只能保存一个普通值`,
          );
    case 'meta':
      if (place.key === null) return foreignChange();
      if (!isMetaKey(place.key)) {
        const shown = place.key.slice(0, 40);
        return ruleRefusal(
          domainError('meta_not_allowed', `不允许的表设置“${shown}”`, `meta key "${shown}" is not allowed`),
        );
      }
      return holdsOneValue(item, () => true)
        ? null
        : malformed(
            `meta "${place.key.slice(0, 40)}" can hold only one value, not ${kind}`,
            '表设置格式错误',
          );
    case 'nested':
      return malformed('a field cannot hold a nested type', '字段不能包含嵌套结构');
    case 'gc':
      return null;
    case 'foreign':
      return foreignChange();
  }
}

function noteWritten(written: UpdatePlan['written'], place: Place, item: Y.Item): void {
  if (place.kind === 'rows' && place.key !== null) written.rowKeys.add(place.key);
  if (place.kind === 'cell' && place.key !== null) {
    const keys = written.cellKeys.get(place.row) ?? new Set<string>();
    keys.add(place.key);
    written.cellKeys.set(place.row, keys);
    if (item.content instanceof Y.ContentAny) {
      const values = written.cellValues.get(place.row) ?? new Map<string, unknown>();
      values.set(place.key, item.content.arr[0]);
      written.cellValues.set(place.row, values);
    }
  }
}

/** The plan for checking `decoded` against `live`, or why it is refused as it stands. */
export function planUpdate(live: Y.Doc, decoded: DecodedUpdate): UpdatePlan | Refusal {
  const structs = decoded.structs as readonly Struct[];
  const resolver = new PlaceResolver(live, structs);
  const rows = new Set<string>();
  const clients = new Set<number>();
  const written: UpdatePlan['written'] = { rowKeys: new Set(), cellKeys: new Map(), cellValues: new Map() };
  for (const s of structs) {
    clients.add(s.id.client);
    if (s instanceof Y.Item) {
      for (const id of [s.origin, s.rightOrigin, s.parent instanceof Y.ID ? s.parent : null])
        if (id) clients.add(id.client);
    }
    if (s.id.clock + s.length <= resolver.liveState(s.id.client)) continue; // known: skipped by Yjs
    const place = resolver.incomingPlace(s);
    if (s instanceof Y.Item) {
      const refused = checkContent(s, place);
      if (refused) return refused;
      noteWritten(written, place, s);
    }
    const unit = unitOf(place);
    if (unit.kind === 'foreign') return foreignChange();
    if (unit.kind === 'row') rows.add(unit.id);
  }
  for (const [client, ranges] of decoded.ds.clients) {
    clients.add(client);
    const state = resolver.liveState(client);
    const list = live.store.clients.get(client);
    if (!list) continue;
    for (const r of ranges) {
      const end = Math.min(r.clock + r.len, state);
      if (r.clock >= end) continue;
      for (let i = Y.findIndexSS(list, r.clock); i < list.length && list[i]!.id.clock < end; i++) {
        const s = list[i]!;
        if (s.deleted) continue;
        const unit = unitOf(resolver.livePlace(s));
        if (unit.kind === 'foreign') return foreignChange();
        if (unit.kind === 'row') rows.add(unit.id);
      }
    }
  }
  return { rows, clients, written };
}
