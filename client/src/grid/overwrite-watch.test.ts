import { buildRoomDoc, ROWS_MAP } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Overwrite, watchOverwrites } from './overwrite-watch.ts';

const ROW = '01J00000000000000000000001';

function pair(): [Y.Doc, Y.Doc] {
  const built = buildRoomDoc('ledger', [
    {
      id: ROW,
      committeeId: 'taoyuan',
      siteId: '01J0000000000000000000SITE',
      category: 'street_rubbish',
      description: '沿街垃圾',
      source: 'self_check',
      foundAt: '2026-03-02T09:00:00+08:00',
    },
  ]);
  if (!built.ok) throw new Error(built.error.message.en);
  const [low, high] = [new Y.Doc(), new Y.Doc()];
  low.clientID = 1;
  high.clientID = 2;
  for (const d of [low, high]) Y.applyUpdate(d, Y.encodeStateAsUpdate(built.value));
  return [low, high];
}

const cellOf = (doc: Y.Doc) => doc.getMap(ROWS_MAP).get(ROW) as Y.Map<unknown>;

/** A local edit, as the grid makes it, and the update it sends. */
function edit(doc: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array = new Uint8Array();
  const take = (u: Uint8Array) => {
    update = u;
  };
  doc.on('update', take);
  doc.transact(() => cellOf(doc).set('rectification', text), { source: 'local-edit' });
  doc.off('update', take);
  return update;
}

describe('watching for overwritten edits', () => {
  it('tells the person whose concurrent edit of a cell was not kept, with both values and the writer', () => {
    const [low, high] = pair();
    const seen: Overwrite[] = [];
    const stop = watchOverwrites('ledger.taoyuan', low, (o) => seen.push(o));
    const mine = edit(low, '甲的整改');
    const theirs = edit(high, '乙的整改');
    Y.applyUpdate(high, mine, 'remote');
    Y.applyUpdate(low, theirs, 'remote');
    expect(cellOf(low).get('rectification')).toBe('乙的整改');
    expect(seen).toEqual([
      {
        room: 'ledger.taoyuan',
        rowId: ROW,
        key: 'rectification',
        mine: '甲的整改',
        theirs: '乙的整改',
        byClient: 2,
      },
    ]);
    stop();
  });

  it('says nothing when this person’s edit is the one kept, or when the other edit came after seeing it', () => {
    const [low, high] = pair();
    const seen: Overwrite[] = [];
    watchOverwrites('ledger.taoyuan', high, (o) => seen.push(o));
    const theirs = edit(low, '甲的整改');
    const mine = edit(high, '乙的整改');
    Y.applyUpdate(high, theirs, 'remote');
    Y.applyUpdate(low, mine, 'remote');
    expect(cellOf(high).get('rectification')).toBe('乙的整改');
    // The other person saw "乙的整改" and wrote over it: an ordinary later edit.
    Y.applyUpdate(high, edit(low, '甲看过后改的'), 'remote');
    expect(cellOf(high).get('rectification')).toBe('甲看过后改的');
    expect(seen).toEqual([]);
  });
});
