import { initTable, insertRow, readRows, sitesSchema } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EMPTY_LOOKUPS } from '../registry/lookups.ts';
import { snapshotLookups, snapshotRoom } from './snapshot-docs.ts';

function frozenSites(names: string[]): Uint8Array {
  const doc = new Y.Doc();
  initTable(doc, sitesSchema);
  for (const name of names) {
    const inserted = insertRow(doc, { name, kind: 'residential_compound', committeeId: 'taoyuan' });
    if (!inserted.ok) throw new Error(inserted.error.message.en);
  }
  return Y.encodeStateAsUpdate(doc);
}

describe('snapshot documents', () => {
  it('a frozen room opens with every row it had, ready at once', async () => {
    const room = snapshotRoom('sites', frozenSites(['桃园新村', '桃园菜场']));
    await room.ready;
    expect(
      readRows(room.doc)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['桃园新村', '桃园菜场']);
  });

  it('names come from the snapshot’s own registries, else from now', () => {
    const rooms = [snapshotRoom('sites', frozenSites(['旧名点位']))];
    const lookups = snapshotLookups(rooms, EMPTY_LOOKUPS);
    expect(lookups.sites.entries.map((e) => e.name)).toEqual(['旧名点位']);
    expect(lookups.people).toBe(EMPTY_LOOKUPS.people);
  });
});
