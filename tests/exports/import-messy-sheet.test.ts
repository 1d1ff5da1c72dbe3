// A committee's own spreadsheet, as they keep them: a merged title above the header, blank
// rows, Chinese and slash dates next to real date cells, a merged source cell, categories
// the ledger does not know, a total row. The preview gives the expected rows and reasons;
// nothing is written until the client writes the rows, as one change one undo takes back.
import { applyImportRows, type RowValues } from '@civic-ledger/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, waitFor, whenSynced } from '../support/clients.ts';
import { type District, rowsOf, startDistrict } from '../support/district.ts';
import { readStoredRoom } from '../support/stored-doc.ts';

let d: District;

interface PreviewBody {
  format: string;
  sheets: string[];
  sheet: string;
  fields: { key: string; required: boolean }[];
  preview: {
    headerRow: number;
    columns: { column: number; header: string; field: string | null }[];
    rows: { line: number; values: RowValues }[];
    rejected: {
      line: number;
      cells: string[];
      problems: { field: string | null; code: string; value: string }[];
    }[];
    skipped: { blank: number; repeatedHeader: number; totals: number };
  };
}

/** The sheet a committee keeps, built with a real XLSX writer. */
async function messySheet(): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['本表每周五报街道文明办']);
  const ws = wb.addWorksheet('5月台账');
  ws.addRow(['桃园居委创全问题整改台账（2020年5月）']);
  ws.mergeCells('A1:I1');
  ws.addRow([]);
  ws.addRow(['序号', '点位', '问题类型', '问题描述', '来源', '发现日期', '整改期限', '状态', '备注']);
  ws.addRow([
    1,
    '桃园新村3号楼',
    '楼道堆物',
    '3号楼2单元楼道堆放纸箱',
    '自查',
    '2020年5月11日',
    '2020/5/12',
    '待整改',
    '',
  ]); // 4
  ws.addRow([]); // 5
  ws.addRow([
    2,
    '桃园菜场',
    '沿街垃圾',
    '菜场门口垃圾',
    '街道文明办',
    new Date(Date.UTC(2020, 4, 12, 9, 30)),
    43964,
    '整改中',
    '急',
  ]); // 6
  ws.addRow([3, '桃园菜场', '乱贴小广告', '电线杆小广告', '自查', '2020年5月13日', '', '待整改', '']); // 7
  ws.addRow([4, '西门', '楼道堆物', '西门堆物', '自查', '2020年2月30日', '', '待整改', '']); // 8
  ws.addRow([5, '桃园菜场', '飞线充电', '车棚飞线充电', '志愿者', '2020/5/14', '', '已销账', '']); // 9
  ws.addRow([
    6,
    '桃园新村3号楼',
    '绿化带垃圾',
    '绿化带塑料袋',
    '区督察组',
    '2020-05-15',
    '2020年5月15日',
    '',
    '',
  ]); // 10
  ws.addRow([7, '桃园菜场', '非机动车乱停放', '菜场门口电动车', null, '2020.5.16', '', '整改中', '']); // 11
  ws.mergeCells('E10:E11');
  ws.addRow([]);
  ws.addRow(['合计', '', '', '', '', '', '', '', '']);
  ws.getCell('F6').numFmt = 'yyyy"年"m"月"d"日" hh:mm';
  ws.getCell('G6').numFmt = 'yyyy/m/d';
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}

async function preview(body: BodyInit, user: Parameters<District['api']>[1], query = ''): Promise<Response> {
  return d.api(`/api/import/preview${query}`, user, { method: 'POST', body });
}

beforeAll(async () => {
  d = await startDistrict();
}, 120_000);
afterAll(async () => {
  await d?.close();
});

describe('import of a messy sheet', () => {
  let result: PreviewBody;

  it('finds the header under the merged title and gives the expected rows and rejections', async () => {
    const form = new FormData();
    form.set('file', new Blob([await messySheet()]), '桃园5月台账.xlsx');
    form.set('room', 'ledger.taoyuan');
    const res = await preview(form, 'r-taoyuan');
    expect(res.status).toBe(200);
    result = (await res.json()) as PreviewBody;
    expect(result.format).toBe('xlsx');
    expect(result.sheets).toEqual(['说明', '5月台账']);
    // No sheet named: the notes sheet in front is passed over for the one that looks like a ledger.
    expect(result.sheet).toBe('5月台账');
    const p = result.preview;
    expect(p.headerRow).toBe(3);
    expect(p.columns.map((c) => c.field)).toEqual([
      null,
      'siteId',
      'category',
      'description',
      'source',
      'foundAt',
      'deadline',
      'status',
      null,
    ]);
    expect(p.rows.map((r) => r.line)).toEqual([4, 6, 10, 11]);
    const [r4, r6, r10, r11] = p.rows.map((r) => r.values);
    expect(r4).toEqual({
      committeeId: 'taoyuan',
      siteId: d.sites.get('桃园新村3号楼'),
      category: 'stairwell_clutter',
      description: '3号楼2单元楼道堆放纸箱',
      source: 'self_check',
      foundAt: '2020-05-11T00:00:00+08:00',
      deadline: '2020-05-12',
      status: 'open',
      recurrences: 0,
    });
    expect(r6).toMatchObject({
      source: 'office',
      foundAt: '2020-05-12T09:30:00+08:00',
      deadline: '2020-05-13',
      status: 'in_progress',
    });
    expect(r10).toMatchObject({ source: 'district_inspection', deadline: '2020-05-15', status: 'open' });
    // The merged source cell covers both rows.
    expect(r11).toMatchObject({ source: 'district_inspection', foundAt: '2020-05-16T00:00:00+08:00' });
    const reasons = p.rejected.map((r) => [r.line, r.problems.map((x) => `${x.field}:${x.code}:${x.value}`)]);
    expect(reasons).toEqual([
      [7, ['category:unknown_option:乱贴小广告']],
      [8, ['siteId:unknown_ref:西门', 'foundAt:unreadable_date:2020年2月30日']],
      [9, ['status:transition_office_only:closed']],
    ]);
    expect(p.skipped).toEqual({ blank: 2, repeatedHeader: 0, totals: 1 });
    expect(result.fields.find((f) => f.key === 'category')?.required).toBe(true);
  });

  it('writes nothing on preview; the client writes the rows as one change that one undo takes back', async () => {
    expect(readStoredRoom(d.server.dataDir, 'ledger.taoyuan').doc.getMap('rows').size).toBe(0);
    // The office imports: the sheet holds issues the district inspectors reported, which
    // only the office may delete again (the undo).
    const client = await d.open('ledger.taoyuan', 'r-staff');
    const origin = { import: true };
    const undo = new Y.UndoManager(client.doc.getMap('rows'), { trackedOrigins: new Set([origin]) });
    const written = applyImportRows(
      client.doc,
      result.preview.rows.map((r) => r.values),
      { origin, undoManager: undo },
    );
    expect(written.ok).toBe(true);
    await client.confirm();
    const stored = () => readStoredRoom(d.server.dataDir, 'ledger.taoyuan').doc.getMap('rows').size;
    expect(stored()).toBe(4);
    // Another client sees exactly the imported rows.
    const other = connectClient(d.server.wsUrl, 'ledger.taoyuan', { token: d.tokens['r-staff'] });
    await whenSynced(other);
    await waitFor(() => other.rows.size === 4, 5000, 'imported rows at another client');
    expect(
      rowsOf(client)
        .map((r) => r.description)
        .sort(),
    ).toEqual(['3号楼2单元楼道堆放纸箱', '绿化带塑料袋', '菜场门口垃圾', '菜场门口电动车'].sort());
    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    await client.confirm();
    expect(stored()).toBe(0);
    await waitFor(() => other.rows.size === 0, 5000, 'undo reaches another client');
    other.destroy();
  });

  it('reads a CSV sent as the raw body, with a BOM and a confirmed mapping and fixed value', async () => {
    const csv =
      '\uFEFF点位,类别,描述,日期\r\n桃园菜场,沿街垃圾,"门口垃圾,两袋",2020年5月11日\r\n,,,\r\n桃园菜场,沿街垃圾,第二处,43962\r\n';
    const mapping = JSON.stringify([
      { column: 0, field: 'siteId' },
      { column: 1, field: 'category' },
      { column: 2, field: 'description' },
      { column: 3, field: 'foundAt' },
    ]);
    const query = `?room=ledger.taoyuan&mapping=${encodeURIComponent(mapping)}&fixed=${encodeURIComponent(JSON.stringify({ source: '自查' }))}`;
    const res = await preview(new TextEncoder().encode(csv), 'r-taoyuan', query);
    expect(res.status).toBe(200);
    const body = (await res.json()) as PreviewBody;
    expect(body.format).toBe('csv');
    expect(body.preview.rows.map((r) => [r.values.description, r.values.source, r.values.foundAt])).toEqual([
      ['门口垃圾,两袋', 'self_check', '2020-05-11T00:00:00+08:00'],
      ['第二处', 'self_check', '2020-05-11T00:00:00+08:00'],
    ]);
  });

  it('a broken file, a missing room and an oversized upload get clear errors', async () => {
    const broken = await preview(
      new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]),
      'r-taoyuan',
      '?room=ledger.taoyuan',
    );
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe('import_unreadable');
    const noRoom = await preview(new TextEncoder().encode('a,b\r\n'), 'r-taoyuan');
    expect(noRoom.status).toBe(400);
    const big = await preview(new Uint8Array(11 * 1024 * 1024), 'r-taoyuan', '?room=ledger.taoyuan');
    expect(big.status).toBe(413);
    const health = await fetch(`${d.server.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
