import { initTable, ledgerSchema, type RowValues, readRows, readTableSchema } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { UndoHistory } from '../grid/undo-history.ts';
import { checkLocal, type LocalRules } from '../table/local-rules.ts';
import { writeImport } from './import-write.ts';

const ROOM = 'ledger.taoyuan';
const member: LocalRules = { principal: { role: 'member', committeeId: 'taoyuan' }, actorId: null };
const manager: LocalRules = { principal: { role: 'manager', committeeId: null }, actorId: null };

function issue(n: number, extra: Partial<RowValues> = {}): RowValues {
  return {
    committeeId: 'taoyuan',
    siteId: 'SITE_TAOYUAN_MARKET1',
    category: 'street_rubbish',
    description: `菜场门口垃圾 ${n}`,
    source: 'self_check',
    foundAt: '2020-05-11T00:00:00+08:00',
    status: 'open',
    recurrences: 0,
    ...extra,
  };
}

function ledgerDoc(): Y.Doc {
  const doc = new Y.Doc();
  initTable(doc, ledgerSchema);
  return doc;
}

/** The grid's undo history over one room, guarded by the same rules as in the app. */
function gridHistory(doc: Y.Doc, rules: LocalRules): UndoHistory {
  const history = new UndoHistory((room, d, changes) =>
    checkLocal(rules, room, d, changes.rows, changes.meta),
  );
  history.track(ROOM, doc);
  return history;
}

describe('writing a confirmed import', () => {
  it('writes every row in one transaction that one undo of the grid takes back', () => {
    const doc = ledgerDoc();
    const history = gridHistory(doc, member);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const result = writeImport({
      room: ROOM,
      table: 'ledger',
      doc,
      rows: Array.from({ length: 30 }, (_, i) => issue(i)),
      rules: member,
    });
    expect(result.ok && result.value.ids.length).toBe(30);
    expect(readRows(doc)).toHaveLength(30);
    expect(updates).toHaveLength(1);
    expect(history.undo()).toBe(true);
    expect(readRows(doc)).toHaveLength(0);
    expect(history.canUndo).toBe(false);
    history.redo();
    expect(readRows(doc)).toHaveLength(30);
  });

  it('is its own undo step, apart from an edit made just before it', () => {
    const doc = ledgerDoc();
    const history = gridHistory(doc, member);
    writeImport({ room: ROOM, table: 'ledger', doc, rows: [issue(0)], rules: member });
    writeImport({ room: ROOM, table: 'ledger', doc, rows: [issue(1), issue(2)], rules: member });
    history.undo();
    expect(readRows(doc).map((r) => r.description)).toEqual(['菜场门口垃圾 0']);
  });

  it('writes nothing when the rules refuse one row (a committee cannot write off an issue)', () => {
    const doc = ledgerDoc();
    const before = Y.encodeStateVector(doc);
    const result = writeImport({
      room: ROOM,
      table: 'ledger',
      doc,
      rows: [issue(0), issue(1, { status: 'closed' })],
      rules: member,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toMatch(/^transition_/);
    expect(readRows(doc)).toHaveLength(0);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('writes nothing for an account that may only read the room', () => {
    const doc = ledgerDoc();
    const result = writeImport({ room: ROOM, table: 'ledger', doc, rows: [issue(0)], rules: manager });
    expect(!result.ok && result.error.code).toBe('read_only');
    expect(readRows(doc)).toHaveLength(0);
  });

  it('writes nothing when a row is invalid for the table', () => {
    const doc = ledgerDoc();
    const result = writeImport({
      room: ROOM,
      table: 'ledger',
      doc,
      rows: [issue(0), issue(1, { category: 'graffiti' })],
      rules: member,
    });
    expect(!result.ok && result.error.code).toBe('invalid_row');
    expect(readRows(doc)).toHaveLength(0);
  });

  it('refuses an import too large for one sync message and says how to split it', () => {
    const doc = ledgerDoc();
    const result = writeImport({
      room: ROOM,
      table: 'ledger',
      doc,
      rows: Array.from({ length: 40 }, (_, i) => issue(i)),
      rules: member,
      maxUpdateBytes: 5000,
    });
    expect(!result.ok && result.error.code).toBe('import_too_many_rows');
    expect(!result.ok && result.error.message['zh-CN']).toMatch(/不超过 \d+ 行/);
    expect(readRows(doc)).toHaveLength(0);
  });

  it('sets up the table of a room that has never been written', () => {
    const doc = new Y.Doc();
    const result = writeImport({ room: ROOM, table: 'ledger', doc, rows: [issue(0)], rules: member });
    expect(result.ok).toBe(true);
    expect(readTableSchema(doc).ok).toBe(true);
    expect(readRows(doc)).toHaveLength(1);
  });

  it('keeps the ids of committees, which name their rooms', () => {
    const doc = new Y.Doc();
    const office: LocalRules = { principal: { role: 'staff', committeeId: null }, actorId: null };
    const result = writeImport({
      room: 'committees',
      table: 'committees',
      doc,
      rows: [{ id: 'xinhua', name: '新华居民区' }],
      rules: office,
    });
    expect(result.ok && result.value.ids).toEqual(['xinhua']);
  });

  it('refuses an empty import', () => {
    const result = writeImport({ room: ROOM, table: 'ledger', doc: ledgerDoc(), rows: [], rules: member });
    expect(!result.ok && result.error.code).toBe('import_nothing');
  });
});
