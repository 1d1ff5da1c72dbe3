// Seeds the demo district into an empty store: every room's document is built by the
// shared generator and stored as that room's first snapshot.
import { buildRoomDoc, generateDemoDistrict, todayInShanghai } from '@civic-ledger/shared';
import * as Y from 'yjs';
import { log } from './log.ts';
import type { Store } from './store/store.ts';

const SEEDED_KEY = 'demo_seeded_at';

/** Seeds only a store that has never held a room; returns whether it did. */
export async function seedDemoIfEmpty(store: Store, now = new Date()): Promise<boolean> {
  if (!(await store.isEmpty()) || (await store.getMeta(SEEDED_KEY)) !== null) return false;
  const district = generateDemoDistrict({ seed: 20261124, today: todayInShanghai(now) });
  let rows = 0;
  for (const { room, table, rows: roomRows } of district.rooms) {
    const built = buildRoomDoc(table, roomRows);
    // The generator's rows are validated by its own tests; a failure here is a bug.
    if (!built.ok) throw new Error(`demo room ${room} is invalid: ${built.error.message.en}`);
    const doc = built.value;
    await store.compact(room, Y.encodeStateAsUpdate(doc), 0);
    doc.destroy();
    rows += roomRows.length;
  }
  await store.setMeta(SEEDED_KEY, now.toISOString());
  log.info('demo district seeded', { rooms: district.rooms.length, rows });
  return true;
}
