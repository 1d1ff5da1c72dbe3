// Names whose changes an incomplete update builds on: for each client, the first clock
// the update needs that neither the document nor the update itself holds. The guard's
// completeness check says whether an update can apply; this says who could complete it,
// which decides whether it may wait for its sender (held-updates.ts) or is refused.
import * as Y from 'yjs';
import type { DecodedUpdate } from './guard/update-check.ts';

/** Client id → the first of its clocks the update needs and nobody has sent yet. */
export type MissingChanges = Map<number, number>;

/** The clients that wrote the update's structs (its authors). */
export function updateAuthors(decoded: DecodedUpdate): Set<number> {
  const authors = new Set<number>();
  for (const s of decoded.structs) if (!(s instanceof Y.Skip)) authors.add(s.id.client);
  return authors;
}

export function missingChanges(doc: Y.Doc, decoded: DecodedUpdate): MissingChanges {
  const missing: MissingChanges = new Map();
  const need = (client: number, clock: number) => {
    const known = missing.get(client);
    if (known === undefined || clock < known) missing.set(client, clock);
  };
  // available[client] = first clock not covered by the doc or by the update's own run.
  const available = new Map<number, number>();
  const have = (client: number) => available.get(client) ?? Y.getState(doc.store, client);

  for (const s of decoded.structs) {
    const { client, clock } = s.id;
    if (s instanceof Y.Skip) {
      if (clock + s.length > Y.getState(doc.store, client)) need(client, Y.getState(doc.store, client));
      continue;
    }
    if (clock > have(client)) need(client, have(client));
    available.set(client, Math.max(have(client), clock + s.length));
  }
  const refer = (id: Y.ID | null) => {
    if (id !== null && id.clock >= have(id.client)) need(id.client, have(id.client));
  };
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) continue;
    refer(s.origin);
    refer(s.rightOrigin);
    if (s.parent instanceof Y.ID) refer(s.parent);
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const r of ranges) if (r.clock + r.len > have(client)) need(client, have(client));
  }
  return missing;
}
