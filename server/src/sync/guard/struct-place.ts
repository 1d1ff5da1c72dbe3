// Where each struct of an update lands in a table document, decided from the decoded
// structs and the live document before anything is applied: in the meta map (under a
// key), in the rows map (a row's own map, under its id), in a row's map (a cell, under a
// field key), deeper (inside a type in a cell or in meta), in collected garbage, or
// anywhere else. Yjs places an item by its left origin, else its right origin, else its
// named parent; this follows the same references.
import { META_MAP, ROWS_MAP } from '@civic-ledger/shared';
import * as Y from 'yjs';

export type Struct = Y.Item | Y.GC | Y.Skip;
// biome-ignore lint/suspicious/noExplicitAny: Yjs types are parameterised by their event type
export type AnyType = Y.AbstractType<any>;

export type Place =
  | { kind: 'gc' }
  | { kind: 'foreign' }
  | { kind: 'meta'; key: string | null }
  | { kind: 'rows'; key: string | null }
  | { kind: 'cell'; row: string; key: string | null }
  | { kind: 'nested'; row: string | null };

/** What a place belongs to for the scratch copy: meta, one row, nothing (garbage) or refused. */
export type Unit = { kind: 'meta' } | { kind: 'row'; id: string } | { kind: 'gc' } | { kind: 'foreign' };

const GC: Place = { kind: 'gc' };
const FOREIGN: Place = { kind: 'foreign' };

export function unitOf(place: Place): Unit {
  switch (place.kind) {
    case 'gc':
    case 'foreign':
      return place;
    case 'meta':
      return { kind: 'meta' };
    case 'rows':
      return place.key === null ? { kind: 'foreign' } : { kind: 'row', id: place.key };
    case 'cell':
      return { kind: 'row', id: place.row };
    case 'nested':
      return place.row === null ? { kind: 'meta' } : { kind: 'row', id: place.row };
  }
}

function samePlace(a: Place, b: Place): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The place of an item inside the type that an item at `container` holds. */
function inside(container: Place, key: string | null): Place {
  switch (container.kind) {
    case 'rows':
      return container.key === null ? FOREIGN : { kind: 'cell', row: container.key, key };
    case 'cell':
      return { kind: 'nested', row: container.row };
    case 'meta':
      return { kind: 'nested', row: null };
    default:
      return container;
  }
}

/** Finds, for each new struct of an update, where it lands. */
export class PlaceResolver {
  private readonly incoming = new Map<number, Struct[]>();
  private readonly memo = new Map<Struct, Place | 'resolving'>();
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

  private rootPlace(root: AnyType | string, key: string | null): Place {
    if (root === ROWS_MAP || (this.rowsRoot !== undefined && root === this.rowsRoot))
      return { kind: 'rows', key };
    if (root === META_MAP || (this.metaRoot !== undefined && root === this.metaRoot))
      return { kind: 'meta', key };
    return FOREIGN;
  }

  /** Place of an integrated struct of the live document. */
  livePlace(s: Struct, depth = 0): Place {
    if (!(s instanceof Y.Item) || depth > 1000) return s instanceof Y.Item ? FOREIGN : GC;
    const parent = s.parent as AnyType | null;
    if (!parent) return GC;
    const up = parent._item;
    if (up === null) return this.rootPlace(parent, s.parentSub);
    return inside(this.livePlace(up, depth + 1), s.parentSub);
  }

  private placeOfId(id: Y.ID): Place | null {
    const found = this.find(id);
    if (!found) return null;
    return found.live ? this.livePlace(found.struct) : this.incomingPlace(found.struct);
  }

  /** Place of the type an item names as its parent by id (Yjs collects it when that is no type). */
  private parentPlace(id: Y.ID): Place | null {
    const found = this.find(id);
    if (!found) return null;
    const s = found.struct;
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentType)) return GC;
    if (found.live && s.deleted) return GC;
    return found.live ? this.livePlace(s) : this.incomingPlace(s);
  }

  /** Place of a struct of the update, as Yjs will place it. */
  incomingPlace(s: Struct): Place {
    if (!(s instanceof Y.Item)) return GC;
    const known = this.memo.get(s);
    if (known === 'resolving') return FOREIGN; // a reference cycle: Yjs could not place it either
    if (known) return known;
    this.memo.set(s, 'resolving');
    const place = this.resolveIncoming(s);
    this.memo.set(s, place);
    return place;
  }

  private resolveIncoming(s: Y.Item): Place {
    const refs: Place[] = [];
    for (const id of [s.origin, s.rightOrigin]) {
      if (id === null) continue;
      const place = this.placeOfId(id);
      if (place === null) return FOREIGN;
      // Next to collected garbage, Yjs collects the item too.
      if (place.kind === 'gc') return GC;
      refs.push(place);
    }
    const state = this.liveState(s.id.client);
    if (state > s.id.clock && state < s.id.clock + s.length) {
      // Partly known: Yjs integrates the rest next to its own known part.
      const place = this.placeOfId(Y.createID(s.id.client, state - 1));
      if (place === null) return FOREIGN;
      refs.push(place);
    }
    if (refs.length === 0) {
      const parent = s.parent as unknown;
      if (typeof parent === 'string') refs.push(this.rootPlace(parent, s.parentSub));
      else if (parent instanceof Y.ID) {
        const container = this.parentPlace(parent);
        if (container === null) return FOREIGN;
        if (container.kind === 'gc') return GC;
        refs.push(inside(container, s.parentSub));
      } else return FOREIGN;
    }
    const first = refs[0]!;
    // Every reference of an item stays within one place (one key of one map): a scratch
    // copy of the rows an update touches then holds everything their items refer to.
    return refs.every((p) => samePlace(p, first)) ? first : FOREIGN;
  }
}
