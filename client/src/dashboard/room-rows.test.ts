import { deleteRow, initTable, insertRow, ledgerSchema, updateRow } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RoomRows } from './room-rows.ts';

function issue(id: string, status = 'open') {
  return {
    id,
    committeeId: 'taoyuan',
    siteId: 'S000000000000001',
    category: 'street_rubbish',
    description: `问题 ${id}`,
    source: 'office',
    foundAt: '2026-03-02T09:00:00+08:00',
    status,
  };
}

function ledgerDoc(): Y.Doc {
  const doc = new Y.Doc();
  initTable(doc, ledgerSchema);
  return doc;
}

describe('room rows', () => {
  it('starts from the rows already in the document', () => {
    const doc = ledgerDoc();
    insertRow(doc, issue('A0000000000000001'));
    insertRow(doc, issue('A0000000000000002'));
    const rows = new RoomRows(doc);
    expect(
      rows
        .rows()
        .map((r) => r.id)
        .sort(),
    ).toEqual(['A0000000000000001', 'A0000000000000002']);
  });

  it('follows inserts, updates and deletes, and says so once per transaction', () => {
    const doc = ledgerDoc();
    const rows = new RoomRows(doc);
    let changes = 0;
    rows.onChange(() => changes++);
    insertRow(doc, issue('A0000000000000001'));
    insertRow(doc, issue('A0000000000000002'));
    expect(rows.size).toBe(2);
    updateRow(doc, 'A0000000000000001', { status: 'in_progress' });
    expect(rows.rows().find((r) => r.id === 'A0000000000000001')?.status).toBe('in_progress');
    deleteRow(doc, 'A0000000000000002');
    expect(rows.rows().map((r) => r.id)).toEqual(['A0000000000000001']);
    expect(changes).toBe(4);
  });

  it('follows changes that arrive from another peer', () => {
    const here = ledgerDoc();
    const there = new Y.Doc();
    Y.applyUpdate(there, Y.encodeStateAsUpdate(here));
    const rows = new RoomRows(here);
    insertRow(there, issue('A0000000000000003', 'rectified'));
    Y.applyUpdate(here, Y.encodeStateAsUpdate(there, Y.encodeStateVector(here)));
    updateRow(there, 'A0000000000000003', { status: 'closed' });
    Y.applyUpdate(here, Y.encodeStateAsUpdate(there, Y.encodeStateVector(here)));
    expect(rows.rows()).toHaveLength(1);
    expect(rows.rows()[0]?.status).toBe('closed');
  });

  it('keeps the same array until something changes', () => {
    const doc = ledgerDoc();
    const rows = new RoomRows(doc);
    const first = rows.rows();
    expect(rows.rows()).toBe(first);
    insertRow(doc, issue('A0000000000000001'));
    expect(rows.rows()).not.toBe(first);
  });

  it('stops following after destroy', () => {
    const doc = ledgerDoc();
    const rows = new RoomRows(doc);
    rows.destroy();
    insertRow(doc, issue('A0000000000000001'));
    expect(rows.size).toBe(0);
  });
});
