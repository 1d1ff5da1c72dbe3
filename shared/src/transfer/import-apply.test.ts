import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ledgerSchema } from '../schema/ledger-schema.ts';
import { readRows } from '../sync/table.ts';
import { initTable } from '../sync/table-meta.ts';
import { applyImportRows } from './import-apply.ts';

const ORIGIN = 'local-user';

function ledgerDoc(): Y.Doc {
  const doc = new Y.Doc();
  initTable(doc, ledgerSchema);
  return doc;
}

function issue(n: number) {
  return {
    committeeId: 'taoyuan',
    siteId: 'SITE_TAOYUAN_MARKET1',
    category: 'street_rubbish',
    description: `垃圾 ${n}`,
    source: 'self_check',
    foundAt: '2020-05-11T00:00:00+08:00',
    status: 'open',
    recurrences: 0,
  };
}

describe('writing an import', () => {
  it('writes every row and is undone by one undo, even across batches', () => {
    const doc = ledgerDoc();
    const rows = doc.getMap('rows');
    const undo = new Y.UndoManager(rows, { trackedOrigins: new Set([ORIGIN]) });
    const messages: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => messages.push(u));
    const written = applyImportRows(
      doc,
      Array.from({ length: 25 }, (_, i) => issue(i)),
      { origin: ORIGIN, undoManager: undo, batchSize: 10 },
    );
    expect(written.ok && written.value.length).toBe(25);
    expect(readRows(doc)).toHaveLength(25);
    expect(messages).toHaveLength(3);
    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    expect(readRows(doc)).toHaveLength(0);
    undo.redo();
    expect(readRows(doc)).toHaveLength(25);
  });

  it('is not merged with an edit made just before it', () => {
    const doc = ledgerDoc();
    const undo = new Y.UndoManager(doc.getMap('rows'), { trackedOrigins: new Set([ORIGIN]) });
    applyImportRows(doc, [issue(0)], { origin: ORIGIN, undoManager: undo });
    applyImportRows(doc, [issue(1), issue(2)], { origin: ORIGIN, undoManager: undo });
    expect(undo.undoStack).toHaveLength(2);
    undo.undo();
    expect(readRows(doc).map((r) => r.description)).toEqual(['垃圾 0']);
  });

  it('writes nothing when any row would be refused', () => {
    const doc = ledgerDoc();
    const result = applyImportRows(doc, [issue(0), { ...issue(1), category: 'graffiti' }]);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_row', index: 1 } });
    expect(readRows(doc)).toHaveLength(0);
  });
});
