// Decides, before an update touches a live document, whether it can be applied whole:
// it must decode, and everything it builds on (earlier clocks of its own clients, the
// items it is inserted next to or inside, the items it deletes) must already exist in
// the document or in the update itself. Yjs would otherwise park the rest invisibly in
// `pendingStructs` / `pendingDs` and store an update nobody can read.
import * as Y from 'yjs';
import { type Refusal, updateRejected } from '../refusal.ts';

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/** The update's structs and delete set, or why it does not decode. */
export function decodeUpdate(update: Uint8Array): DecodedUpdate | Refusal {
  try {
    return Y.decodeUpdate(update);
  } catch (err) {
    return updateRejected(`update does not decode: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Null when the update can be applied whole, else why not. */
export function checkUpdate(doc: Y.Doc, update: Uint8Array): Refusal | null {
  const decoded = decodeUpdate(update);
  return 'structs' in decoded ? checkDecodedUpdate(doc, decoded) : decoded;
}

export function isEmptyUpdate(decoded: DecodedUpdate): boolean {
  return decoded.structs.length === 0 && decoded.ds.clients.size === 0;
}

export function checkDecodedUpdate(doc: Y.Doc, decoded: DecodedUpdate): Refusal | null {
  const { structs, ds } = decoded;
  const known = (client: number) => Y.getState(doc.store, client);
  // available[client] = first clock not covered by the doc or by this update.
  const available = new Map<number, number>();
  const have = (client: number) => available.get(client) ?? known(client);

  for (const s of structs) {
    const { client, clock } = s.id;
    if (!Number.isSafeInteger(client) || !Number.isSafeInteger(clock) || s.length < 0) {
      return updateRejected('update has an invalid struct id');
    }
    if (s instanceof Y.Skip) {
      // A skip is a hole in the sender's knowledge; harmless only below what we know.
      if (clock + s.length > known(client)) {
        return updateRejected(`update skips unknown range of client ${client}`);
      }
      continue;
    }
    if (clock > have(client)) {
      return updateRejected(`update misses earlier changes of client ${client} (needs clock ${clock})`);
    }
    available.set(client, Math.max(have(client), clock + s.length));
  }

  const refOk = (id: Y.ID | null): boolean => id === null || id.clock < have(id.client);
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    if (!refOk(s.origin) || !refOk(s.rightOrigin)) {
      return updateRejected('update refers to an item the document does not have');
    }
    const parent = s.parent as unknown;
    if (parent instanceof Y.ID && !refOk(parent)) {
      return updateRejected('update inserts into a parent the document does not have');
    }
  }

  for (const [client, ranges] of ds.clients) {
    for (const r of ranges) {
      if (r.clock < 0 || r.len < 0 || r.clock + r.len > have(client)) {
        return updateRejected(`update deletes unknown items of client ${client}`);
      }
    }
  }

  return null;
}
