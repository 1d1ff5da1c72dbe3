// Reading spreadsheets for an import: what a real XLSX writer puts in a workbook comes
// out as the sheet shows it, and each limit refuses the file at the part, row or cell
// that passes it.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SHEET_LIMITS } from './sheet-limits.ts';
import { readSheetFile } from './sheet-reader.ts';

async function workbookBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const anySheet = () => 0;

describe('sheet reader', () => {
  it('gives what the sheet shows: text, numbers, dates, formulas, rich text, links, merges', async () => {
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet('说明').addRow(['封面']);
      const ws = wb.addWorksheet('台账');
      ws.addRow(['标题']);
      ws.mergeCells('A1:C1');
      ws.addRow([
        '楼道堆物 & 纸箱',
        42,
        new Date(Date.UTC(2020, 4, 12, 9, 30)),
        { formula: '1+1', result: 2 },
        { richText: [{ text: '红' }, { text: '旗' }] },
        { text: '链接', hyperlink: 'http://example.com' },
        true,
        '第一行\r\n第二行',
      ]);
      ws.addRow([new Date(Date.UTC(2020, 4, 11))]);
    });
    const read = await readSheetFile(bytes, 'xlsx', '台账', anySheet);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.sheets).toEqual(['说明', '台账']);
    expect(read.value.grid[0]?.slice(0, 3)).toEqual(['标题', '标题', '标题']);
    expect(read.value.grid[1]).toEqual([
      '楼道堆物 & 纸箱',
      42,
      { date: '2020-05-12', time: '09:30' },
      2,
      '红旗',
      '链接',
      true,
      '第一行\n第二行',
    ]);
    expect(read.value.grid[2]?.[0]).toEqual({ date: '2020-05-11' });
  });

  it('picks the sheet that scores best when none is named, by number when one is', async () => {
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet('说明').addRow(['封面']);
      wb.addWorksheet('数据').addRow(['点位', '类别']);
    });
    const best = await readSheetFile(bytes, 'xlsx', undefined, (grid) => (grid[0]?.[0] === '点位' ? 1 : 0));
    expect(best.ok && best.value.sheet).toBe('数据');
    const first = await readSheetFile(bytes, 'xlsx', '1', anySheet);
    expect(first.ok && first.value.sheet).toBe('说明');
  });

  it('refuses a sheet at the first row past the row limit', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('大表');
      for (let i = 0; i < 30; i++) ws.addRow([i]);
    });
    const read = await readSheetFile(bytes, 'xlsx', '大表', anySheet, { ...SHEET_LIMITS, maxRows: 20 });
    expect(read).toMatchObject({ ok: false, error: { code: 'import_too_large' } });
    if (!read.ok) expect(read.error.message.en).toBe('the sheet has more than 20 rows');
  });

  it('refuses a cell longer than the cell limit, in XLSX and CSV', async () => {
    const limits = { ...SHEET_LIMITS, maxCellChars: 100 };
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet('表').addRow(['长'.repeat(101)]);
    });
    const xlsx = await readSheetFile(bytes, 'xlsx', undefined, anySheet, limits);
    expect(xlsx.ok ? '' : xlsx.error.message.en).toMatch(/more than 100 characters/);
    const csv = await readSheetFile(
      new TextEncoder().encode(`a\r\n${'长'.repeat(101)}\r\n`),
      'csv',
      undefined,
      anySheet,
      limits,
    );
    expect(csv.ok ? '' : csv.error.message.en).toMatch(/more than 100 characters/);
  });

  it('refuses a part that unpacks past the part limit, naming it', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('表');
      for (let i = 0; i < 2000; i++) ws.addRow([i, i, i, i]);
    });
    const read = await readSheetFile(bytes, 'xlsx', undefined, anySheet, {
      ...SHEET_LIMITS,
      maxPartBytes: 16 * 1024,
    });
    expect(read.ok ? '' : read.error.message.en).toMatch(/sheet1\.xml is over 16 kB/);
  });

  it('a file that is not a workbook is unreadable', async () => {
    const read = await readSheetFile(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2]), 'xlsx', undefined, anySheet);
    expect(read).toMatchObject({ ok: false, error: { code: 'import_unreadable' } });
  });
});
