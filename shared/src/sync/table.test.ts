import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isUlid } from '../core/ids.ts';
import { isIsoDateTime } from '../core/time.ts';
import { schemaForTable } from '../schema/schema.ts';
import {
  buildRoomDoc,
  deleteRow,
  getRow,
  insertRow,
  observeRows,
  type RowsChange,
  readRows,
  setCell,
  updateRow,
} from './table.ts';
import { addCustomField, initTable, readTableSchema } from './table-meta.ts';

const SITE = '01KJNDT7Q0SITE0000000000AB';

function ledgerDoc(clientID?: number): Y.Doc {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  initTable(doc, schemaForTable('ledger'));
  return doc;
}

const issue = {
  committeeId: 'taoyuan',
  siteId: SITE,
  category: 'stairwell_clutter',
  description: '3号楼楼道堆放纸箱',
  source: 'self_check',
  foundAt: '2026-03-02T09:30:00+08:00',
};

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function insert(doc: Y.Doc, values: Record<string, unknown> = issue): string {
  const result = insertRow(doc, values);
  if (!result.ok) throw new Error(result.error.message.en);
  return String(result.value.id);
}

describe('a table document', () => {
  it('keeps its table, schema version and rows where the contract says', () => {
    const doc = ledgerDoc();
    const id = insert(doc);
    expect(doc.getMap('meta').get('table')).toBe('ledger');
    expect(doc.getMap('meta').get('schemaVersion')).toBe(1);
    const row = doc.getMap('rows').get(id);
    expect(row).toBeInstanceOf(Y.Map);
    expect((row as Y.Map<unknown>).get('status')).toBe('open');
  });

  it('refuses to become another table and refuses writes before it is one', () => {
    const doc = ledgerDoc();
    expect(initTable(doc, schemaForTable('ledger')).ok).toBe(true);
    const other = initTable(doc, schemaForTable('roster'));
    expect(other.ok ? null : other.error.code).toBe('table_mismatch');
    const blank = insertRow(new Y.Doc(), issue);
    expect(blank.ok ? null : blank.error.code).toBe('table_uninitialized');
  });
});

describe('a photos cell', () => {
  it('reads back as the photo references written, and a second photo keeps the first', () => {
    const doc = ledgerDoc();
    const id = insert(doc);
    const first = { id: 'a'.repeat(64), stage: 'found', at: '2026-03-02T09:31:00+08:00', by: 'member' };
    const second = { ...first, id: 'b'.repeat(64) };
    expect(updateRow(doc, id, { photos: [first] }).ok).toBe(true);
    expect(getRow(doc, id)?.photos).toEqual([first]);
    const current = getRow(doc, id)?.photos as (typeof first)[];
    expect(updateRow(doc, id, { photos: [...current, second] }).ok).toBe(true);
    expect(readRows(doc)[0]?.photos).toEqual([first, second]);
  });
});

describe('insertRow', () => {
  it('makes an id, fills defaults and stamps createdAt and updatedAt', () => {
    const doc = ledgerDoc();
    const result = insertRow(doc, issue, 'test');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const row = result.value;
    expect(isUlid(row.id)).toBe(true);
    expect(row.status).toBe('open');
    expect(row.recurrences).toBe(0);
    expect(isIsoDateTime(row.createdAt)).toBe(true);
    expect(String(row.createdAt)).toMatch(/\+08:00$/);
    expect(getRow(doc, String(row.id))).toEqual(row);
  });

  it('refuses an invalid row with per-field errors and writes nothing', () => {
    const doc = ledgerDoc();
    const result = insertRow(doc, { ...issue, status: 'done', deadline: '2026-02-30' });
    expect(result.ok).toBe(false);
    if (result.ok || !('fields' in result.error)) throw new Error('expected a row error');
    expect(Object.keys(result.error.fields).sort()).toEqual(['deadline', 'status']);
    expect(readRows(doc)).toEqual([]);
  });

  it('refuses a second row with the same id', () => {
    const doc = ledgerDoc();
    const id = insert(doc);
    const again = insertRow(doc, { ...issue, id });
    expect(again.ok ? null : again.error.code).toBe('row_exists');
  });

  it('keys committees by their committee id', () => {
    const doc = new Y.Doc();
    initTable(doc, schemaForTable('committees'));
    expect(insertRow(doc, { id: 'taoyuan', name: '桃园居民区' }).ok).toBe(true);
    const noId = insertRow(doc, { name: '梅园居民区' });
    expect(noId.ok ? null : noId.error.code).toBe('invalid_row');
  });
});

describe('setCell and updateRow', () => {
  it('validate against the field and return the stored value', () => {
    const doc = ledgerDoc();
    const id = insert(doc);
    expect(setCell(doc, id, 'status', 'in_progress')).toEqual({ ok: true, value: 'in_progress' });
    const refusals = [
      setCell(doc, id, 'status', 'done'),
      setCell(doc, id, 'recurrences', -1),
      setCell(doc, id, 'deadline', '2026-02-30'),
      setCell(doc, id, 'colour', 'red'),
      setCell(doc, id, 'id', 'x'.repeat(26)),
      setCell(doc, 'no-such-row-000000', 'status', 'open'),
    ].map((r) => (r.ok ? 'ok' : r.error.code));
    expect(refusals).toEqual([
      'unknown_option',
      'below_min',
      'invalid_date',
      'unknown_field',
      'id_immutable',
      'row_not_found',
    ]);
    expect(getRow(doc, id)?.status).toBe('in_progress');
  });

  it('clear a cell with null by removing it, but never a required one', () => {
    const doc = ledgerDoc();
    const id = insert(doc, { ...issue, deadline: '2026-03-03' });
    expect(setCell(doc, id, 'deadline', null)).toEqual({ ok: true, value: null });
    expect((doc.getMap('rows').get(id) as Y.Map<unknown>).has('deadline')).toBe(false);
    const required = setCell(doc, id, 'status', null);
    expect(required.ok ? null : required.error.code).toBe('required');
  });

  it('change several fields all or nothing, in one transaction', () => {
    const doc = ledgerDoc();
    const id = insert(doc);
    const changes: RowsChange[] = [];
    observeRows(doc, (c) => changes.push(c));
    const bad = updateRow(doc, id, { status: 'closed', closedAt: 'tomorrow' });
    expect(bad.ok).toBe(false);
    expect(getRow(doc, id)?.status).toBe('open');
    const good = updateRow(doc, id, { status: 'closed', closedAt: '2026-03-02T15:00:00+08:00' }, 'close');
    expect(good.ok).toBe(true);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ updated: [id], origin: 'close', local: true });
  });

  it('do not rewrite a value that is already stored', () => {
    const doc = ledgerDoc();
    const id = insert(doc);
    const changes: RowsChange[] = [];
    observeRows(doc, (c) => changes.push(c));
    expect(setCell(doc, id, 'status', 'open').ok).toBe(true);
    expect(changes).toEqual([]);
  });
});

describe('two peers exchanging updates', () => {
  it('keep both concurrent edits to different fields of one row', () => {
    const a = ledgerDoc(1);
    const b = ledgerDoc(2);
    const id = insert(a);
    sync(a, b);
    expect(setCell(a, id, 'status', 'in_progress').ok).toBe(true);
    expect(setCell(b, id, 'deadline', '2026-03-05').ok).toBe(true);
    expect(setCell(b, id, 'description', '3号楼楼道堆放纸箱和旧沙发').ok).toBe(true);
    sync(a, b);
    for (const doc of [a, b]) {
      expect(getRow(doc, id)).toMatchObject({
        status: 'in_progress',
        deadline: '2026-03-05',
        description: '3号楼楼道堆放纸箱和旧沙发',
      });
    }
    expect(readRows(a)).toEqual(readRows(b));
  });

  it('keep rows inserted offline on both sides, in the same order', () => {
    const a = ledgerDoc(1);
    const b = ledgerDoc(2);
    const fromA = insert(a);
    const fromB = insert(b, { ...issue, category: 'flying_wire_charging' });
    sync(a, b);
    expect(readRows(a).map((r) => r.id)).toEqual([fromA, fromB].sort());
    expect(readRows(a)).toEqual(readRows(b));
  });

  it('keep custom columns added on both sides and agree on their order', () => {
    const a = ledgerDoc(1);
    const b = ledgerDoc(2);
    const id = insert(a);
    sync(a, b);
    const label = { 'zh-CN': '标签', en: 'Tags' };
    const tags = { key: 'tags', kind: 'multiselect', label, options: [{ value: 'urgent', label }] };
    expect(addCustomField(b, tags).ok).toBe(true);
    expect(addCustomField(a, { key: 'floor', kind: 'number', label, integer: true }).ok).toBe(true);
    const clash = addCustomField(a, { key: 'status', kind: 'text', label });
    expect(clash.ok ? null : clash.error.code).toBe('field_exists');
    sync(a, b);
    const keysOf = (doc: Y.Doc) => {
      const schema = readTableSchema(doc);
      return schema.ok ? schema.value.fields.map((f) => f.key).slice(-2) : [];
    };
    expect(keysOf(a)).toEqual(['floor', 'tags']);
    expect(keysOf(b)).toEqual(['floor', 'tags']);
    expect(setCell(a, id, 'tags', ['urgent']).ok).toBe(true);
    sync(a, b);
    const stored = (b.getMap('rows').get(id) as Y.Map<unknown>).get('tags');
    expect(Array.isArray(stored)).toBe(true);
    expect(stored).toEqual(['urgent']);
  });
});

describe('observeRows', () => {
  it('reports added, updated and deleted row ids once per transaction, local or remote', () => {
    const a = ledgerDoc(1);
    const b = ledgerDoc(2);
    sync(a, b);
    const seenA: RowsChange[] = [];
    const seenB: RowsChange[] = [];
    const stop = observeRows(a, (c) => seenA.push(c));
    observeRows(b, (c) => seenB.push(c));

    const first = insert(a);
    const second = insert(a);
    a.transact(() => {
      setCell(a, first, 'status', 'in_progress');
      insert(a, { ...issue, category: 'road_damage' });
      deleteRow(a, second);
    }, 'batch');
    const last = seenA.at(-1);
    expect(seenA).toHaveLength(3);
    expect(last?.updated).toEqual([first]);
    expect(last?.added).toHaveLength(1);
    expect(last?.deleted).toEqual([second]);
    expect(last?.origin).toBe('batch');

    sync(a, b);
    expect(seenB).toHaveLength(1);
    expect(seenB[0]?.local).toBe(false);
    expect(seenB[0]?.added).toHaveLength(2);

    stop();
    setCell(a, first, 'status', 'rectified');
    expect(seenA).toHaveLength(3);
  });
});

describe('buildRoomDoc', () => {
  it('fills a new document with valid rows in one update', () => {
    const built = buildRoomDoc('sites', [
      { id: SITE, name: '桃园一村', kind: 'residential_compound', committeeId: 'taoyuan' },
    ]);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(built.value));
    expect(readRows(copy)).toEqual([
      { id: SITE, name: '桃园一村', kind: 'residential_compound', committeeId: 'taoyuan' },
    ]);
  });

  it('refuses the whole document if one row is invalid, saying which', () => {
    const built = buildRoomDoc('sites', [
      { id: SITE, name: '桃园一村', kind: 'residential_compound', committeeId: 'taoyuan' },
      { name: '桃园二村', kind: 'castle', committeeId: 'taoyuan' },
    ]);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.error.message.en).toMatch(/^row 2: /);
  });
});
