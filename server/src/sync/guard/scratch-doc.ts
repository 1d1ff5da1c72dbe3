// A small scratch document to try an update on: the live document's meta map and only the
// rows the update can reach (each with its whole history). The rest of the room is stood
// in for by GC structs over the same clock ranges, which Yjs treats like collected
// history, so the update integrates in the scratch exactly as it would in the room.
import { META_MAP, ROWS_MAP } from '@civic-ledger/shared';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { AnyType } from './struct-place.ts';
import type { UpdatePlan } from './update-plan.ts';

/** A fixed guid: a random one costs more than the rest of a small check. */
const SCRATCH = { guid: 'update-guard-scratch' };

/** An empty document of the same layout, for a scratch copy made some other way. */
export function emptyScratch(): Y.Doc {
  return new Y.Doc(SCRATCH);
}

/** The live items to copy: meta's and the planned rows', each with everything inside it. */
function itemsToCopy(live: Y.Doc, rowIds: ReadonlySet<string>): Set<Y.Item> {
  const seen = new Set<Y.Item>();
  const include = (item: Y.Item) => {
    if (seen.has(item)) return;
    seen.add(item);
    if (item.content instanceof Y.ContentType) walkType(item.content.type);
  };
  const walkType = (type: AnyType) => {
    for (const last of type._map.values()) for (let it: Y.Item | null = last; it; it = it.left) include(it);
    for (let it = type._start; it; it = it.right) include(it);
  };
  const meta = live.share.get(META_MAP);
  if (meta) walkType(meta);
  const rows = live.share.get(ROWS_MAP);
  if (rows) {
    for (const id of rowIds) {
      for (let it: Y.Item | null = rows._map.get(id) ?? null; it; it = it.left) include(it);
    }
  }
  return seen;
}

/** A fresh document with the meta map and the planned rows of `live`, every clock range in place. */
export function buildScratch(live: Y.Doc, plan: Pick<UpdatePlan, 'rows' | 'clients'>): Y.Doc {
  const seen = itemsToCopy(live, plan.rows);
  const included = new Map<number, Y.Item[]>();
  const clients = new Set(plan.clients);
  for (const item of seen) {
    const list = included.get(item.id.client);
    if (list) list.push(item);
    else included.set(item.id.client, [item]);
    clients.add(item.id.client);
    if (item.origin) clients.add(item.origin.client);
    if (item.rightOrigin) clients.add(item.rightOrigin.client);
  }

  const encoder = new Y.UpdateEncoderV1();
  const written: [number, number][] = [];
  for (const client of clients) {
    const state = Y.getState(live.store, client);
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
  const doc = emptyScratch();
  doc.getMap(ROWS_MAP);
  doc.getMap(META_MAP);
  Y.applyUpdate(doc, encoder.toUint8Array());
  return doc;
}
