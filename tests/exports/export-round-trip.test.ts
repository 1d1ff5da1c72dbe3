// Exports read back with a real XLSX reader (exceljs) equal the rooms as clients see them:
// typed cells, Chinese headers, labels for options, names for references; now and as a
// snapshot froze them; CSV with a BOM and the same text.
import {
  ISSUE_CATEGORIES,
  ISSUE_SOURCES,
  issueCode,
  LEDGER_STATUSES,
  ledgerSchema,
  parseCsv,
  type RowValues,
} from '@civic-ledger/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../support/clients.ts';
import { type District, patchRow, rowsOf, startDistrict, writeRows } from '../support/district.ts';

/** The ledger's columns as exported: every field, the deadline light beside the deadline. */
const LEDGER_HEADERS = ledgerSchema.fields.flatMap((f) =>
  f.key === 'deadline' ? [f.label['zh-CN'], '时限灯'] : [f.label['zh-CN']],
);

let d: District;
let taoyuan: TestClient;
let hongqiao: TestClient;

const label = (options: readonly { value: string; label: { 'zh-CN': string } }[], value: unknown) =>
  options.find((o) => o.value === value)?.label['zh-CN'];

/** What a Shanghai date-time looks like in a sheet cell: the wall clock, as exceljs gives it (UTC fields). */
function wallClock(iso: string): Date {
  return new Date(Date.parse(iso) + 8 * 3_600_000);
}

beforeAll(async () => {
  d = await startDistrict();
  taoyuan = await d.open('ledger.taoyuan', 'r-staff');
  hongqiao = await d.open('ledger.hongqiao', 'r-staff');
  await writeRows(taoyuan, [
    {
      committeeId: 'taoyuan',
      siteId: d.sites.get('桃园新村3号楼'),
      category: 'stairwell_clutter',
      description: '3号楼2单元楼道堆放纸箱',
      source: 'self_check',
      foundAt: '2026-11-20T09:30:00+08:00',
      assignee: d.people.get('张伟'),
      deadline: '2026-11-21',
      status: 'open',
    },
    {
      committeeId: 'taoyuan',
      siteId: d.sites.get('桃园菜场'),
      category: 'street_rubbish',
      description: '菜场门口垃圾',
      source: 'district_inspection',
      foundAt: '2026-11-22T08:05:00+08:00',
      deadline: '2026-11-22',
      status: 'closed',
      closedAt: '2026-11-22T17:40:00+08:00',
      recurrences: 2,
    },
  ]);
  await writeRows(hongqiao, [
    {
      committeeId: 'hongqiao',
      siteId: d.sites.get('虹桥路口'),
      category: 'bikes_disorder',
      description: '路口非机动车乱停',
      source: 'hotline_12345',
      foundAt: '2026-11-23T07:00:00Z',
      status: 'in_progress',
    },
  ]);
}, 120_000);
afterAll(async () => {
  await d?.close();
});

async function download(path: string): Promise<{ res: Response; bytes: Uint8Array }> {
  const res = await d.api(path, 'r-manager');
  expect(res.status).toBe(200);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function workbookOf(path: string): Promise<ExcelJS.Workbook> {
  const { res, bytes } = await download(path);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  return wb;
}

/** The ledger sheet as header → cell value maps, by row id. */
function ledgerSheet(wb: ExcelJS.Workbook): Map<string, Map<string, ExcelJS.CellValue>> {
  const ws = wb.getWorksheet('问题台账');
  if (!ws) throw new Error('no ledger sheet');
  const headers = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows = new Map<string, Map<string, ExcelJS.CellValue>>();
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells = new Map(headers.map((h, i) => [h, row.getCell(i + 1).value] as const));
    rows.set(String(cells.get('内部编号')), cells);
  }
  return rows;
}

/** Each row as the sheet must show it, derived from the rows the clients hold. */
function expectSheetMatches(sheet: Map<string, Map<string, ExcelJS.CellValue>>, rows: RowValues[]): void {
  expect([...sheet.keys()].sort()).toEqual(rows.map((r) => String(r.id)).sort());
  const siteNames = Object.fromEntries([...d.sites].map(([name, id]) => [id, name]));
  const peopleNames = Object.fromEntries([...d.people].map(([name, id]) => [id, name]));
  for (const row of rows) {
    const cells = sheet.get(String(row.id));
    // 编号 is the code the grid and the bulletin show; the row id is the last column.
    expect(cells?.get('编号')).toBe(issueCode(String(row.id)));
    expect([...(cells?.keys() ?? [])].at(-1)).toBe('内部编号');
    expect(cells?.get('居民区')).toBe(row.committeeId === 'taoyuan' ? '桃园居委' : '虹桥居委');
    expect(cells?.get('点位')).toBe(siteNames[String(row.siteId)]);
    expect(cells?.get('问题类别')).toBe(label(ISSUE_CATEGORIES, row.category));
    expect(cells?.get('问题来源')).toBe(label(ISSUE_SOURCES, row.source));
    expect(cells?.get('状态')).toBe(label(LEDGER_STATUSES, row.status));
    expect(cells?.get('问题描述')).toBe(row.description);
    expect(cells?.get('责任人') ?? undefined).toBe(
      row.assignee ? peopleNames[String(row.assignee)] : undefined,
    );
    expect(cells?.get('回潮次数')).toBe(row.recurrences);
    const foundAt = cells?.get('发现时间');
    expect(foundAt).toBeInstanceOf(Date);
    expect(Math.abs((foundAt as Date).getTime() - wallClock(String(row.foundAt)).getTime())).toBeLessThan(
      1000,
    );
    if (row.deadline) expect(cells?.get('整改时限')).toEqual(new Date(`${row.deadline}T00:00:00Z`));
    else expect(cells?.get('整改时限') ?? null).toBeNull();
  }
}

describe('export round trip', () => {
  it('an XLSX of now holds every ledger row as clients see it, typed, with Chinese headers', async () => {
    const wb = await workbookOf('/api/export/xlsx');
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([
      '问题台账',
      '排班',
      '点位',
      '人员',
      '居民区',
      '汇总',
    ]);
    const ws = wb.getWorksheet('问题台账');
    expect(((ws?.getRow(1).values ?? []) as unknown[]).slice(1)).toEqual([...LEDGER_HEADERS, '内部编号']);
    expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws?.getColumn(5).width).toBeGreaterThan(30); // 问题描述
    expect(ws?.getRow(2).getCell(7).type).toBe(ExcelJS.ValueType.Date); // 发现时间
    expectSheetMatches(ledgerSheet(wb), [...rowsOf(taoyuan), ...rowsOf(hongqiao)]);
    const totals = wb.getWorksheet('汇总');
    const figures = new Map<string, unknown>();
    totals?.eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(figures.get('问题总数')).toBe(3);
    expect(figures.get('已销账')).toBe(1);
    expect(figures.get('曾回潮')).toBe(1);
    expect(figures.get('销账率')).toBeCloseTo(1 / 3, 6);
  });

  it('a committee export holds only that committee and names it in a UTF-8 file name', async () => {
    const { res } = await download('/api/export/xlsx?committee=taoyuan&table=ledger');
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="civic-ledger_ledger_taoyuan_\d{8}-\d{4}\.xlsx"/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toMatch(/^问题台账_桃园居委_.*\.xlsx$/);
    expect(res.headers.get('x-export-rows')).toBe('2');
    const wb = await workbookOf('/api/export/xlsx?committee=taoyuan&table=ledger');
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['问题台账', '汇总']);
    expectSheetMatches(ledgerSheet(wb), rowsOf(taoyuan));
  });

  it('an XLSX of a snapshot shows the rooms as they were when it was taken', async () => {
    const before = [...rowsOf(taoyuan), ...rowsOf(hongqiao)];
    const taken = await d.api('/api/snapshots', 'r-manager', {
      method: 'POST',
      body: '{"label":"周一例会"}',
    });
    expect(taken.status).toBe(201);
    const { snapshot } = (await taken.json()) as { snapshot: { id: string; label: string } };
    expect(snapshot.label).toBe('周一例会');
    const first = rowsOf(taoyuan)[0];
    await patchRow(taoyuan, String(first?.id), {
      description: '改过：楼道已清理一半',
      status: 'in_progress',
    });
    await writeRows(hongqiao, [
      {
        committeeId: 'hongqiao',
        siteId: d.sites.get('虹桥路口'),
        category: 'road_damage',
        description: '快照之后才发现',
        source: 'volunteer',
        foundAt: '2026-11-24T10:00:00+08:00',
      },
    ]);
    const then = await workbookOf(`/api/export/xlsx?snapshot=${snapshot.id}`);
    expectSheetMatches(ledgerSheet(then), before);
    const now = await workbookOf('/api/export/xlsx?snapshot=now');
    expectSheetMatches(ledgerSheet(now), [...rowsOf(taoyuan), ...rowsOf(hongqiao)]);
    expect(ledgerSheet(now).get(String(first?.id))?.get('问题描述')).toBe('改过：楼道已清理一半');
  });

  it('a CSV starts with a BOM and holds the same text as the grid shows', async () => {
    const { res, bytes } = await download('/api/export/csv?table=ledger&committee=taoyuan');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = parseCsv(new TextDecoder().decode(bytes));
    if (!parsed.ok) throw new Error(parsed.error.message.en);
    const [header, ...records] = parsed.value;
    expect(header).toEqual([...LEDGER_HEADERS, '内部编号']);
    const byId = new Map(records.map((r) => [r.at(-1), r]));
    for (const row of rowsOf(taoyuan)) {
      const record = byId.get(String(row.id));
      expect(record?.[0]).toBe(issueCode(String(row.id)));
      expect(record?.[3]).toBe(label(ISSUE_CATEGORIES, row.category));
      expect(record?.[4]).toBe(row.description);
      expect(record?.[6]).toBe(wallClock(String(row.foundAt)).toISOString().slice(0, 16).replace('T', ' '));
    }
    const totals = await download('/api/export/csv?table=totals');
    expect(new TextDecoder().decode(totals.bytes)).toContain('问题总数,4');
  });

  it('an unknown snapshot or table is refused with a reason', async () => {
    const missing = await d.api('/api/export/xlsx?snapshot=01JDOESNOTEXIST00000000000', 'r-manager');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('snapshot_not_found');
    const badTable = await d.api('/api/export/csv?table=parking', 'r-manager');
    expect(badTable.status).toBe(400);
  });
});
