// Notices when this person's edit of a cell is replaced by someone else's made at the same
// time: Yjs keeps one of two writes of a field that did not see each other, and the other
// simply vanishes. A local write is remembered by its Yjs item; a remote transaction that
// deletes that item and puts in a value whose writer had not seen it (its item's origin is
// not ours) overwrote it. A later edit made after seeing ours is ordinary, and not reported.
import { type CellValue, ROWS_MAP } from '@civic-ledger/shared';
import * as Y from 'yjs';

export interface Overwrite {
  readonly room: string;
  readonly rowId: string;
  readonly key: string;
  /** This person's value, which was not kept. */
  readonly mine: CellValue;
  /** The value kept. */
  readonly theirs: CellValue;
  /** The Yjs client id of the writer whose value was kept (their awareness id). */
  readonly byClient: number;
}

/** Watches a room's rows; returns the function that stops watching. */
export function watchOverwrites(room: string, doc: Y.Doc, onOverwrite: (o: Overwrite) => void): () => void {
  const rows = doc.getMap(ROWS_MAP);
  // `rowId|key` → the item of this person's latest write there.
  const mine = new Map<string, Y.ID>();
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction) => {
    for (const event of events) {
      const row = event.target;
      if (!(row instanceof Y.Map) || row._item?.parent !== rows) continue;
      const rowId = row._item.parentSub;
      if (rowId === null) continue;
      for (const [key, change] of event.changes.keys) {
        const cell = `${rowId}|${key}`;
        const item = row._map.get(key);
        if (tr.local) {
          if (item && !item.deleted) mine.set(cell, item.id);
          else mine.delete(cell);
          continue;
        }
        const ours = mine.get(cell);
        if (!ours || change.action === 'add') continue;
        mine.delete(cell);
        if (!item || item.deleted || item.id.client === doc.clientID) continue;
        // Written after seeing ours: an ordinary later edit.
        if (item.origin && Y.compareIDs(item.origin, ours)) continue;
        onOverwrite({
          room,
          rowId,
          key,
          mine: change.oldValue as CellValue,
          theirs: row.get(key) as CellValue,
          byClient: item.id.client,
        });
      }
    }
  };
  rows.observeDeep(observer);
  return () => rows.unobserveDeep(observer);
}
