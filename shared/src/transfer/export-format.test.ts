import { describe, expect, it } from 'vitest';
import { issueCode } from '../core/ids.ts';
import { type FieldDef, fieldByKey } from '../schema/fields.ts';
import { ledgerSchema } from '../schema/ledger-schema.ts';
import { peopleSchema } from '../schema/people-schema.ts';
import { rosterSchema } from '../schema/roster-schema.ts';
import {
  contentDisposition,
  excelDateSerial,
  excelDateTimeSerial,
  exportCell,
  exportColumns,
  exportRow,
  sheetName,
} from './export-format.ts';

function field(schema: { fields: readonly FieldDef[] }, key: string): FieldDef {
  const f = fieldByKey(schema, key);
  if (!f) throw new Error(key);
  return f;
}

describe('export format', () => {
  it('gives the columns in schema order with Chinese headers, custom columns last before the row id', () => {
    const columns = exportColumns({
      ...ledgerSchema,
      fields: [
        ...ledgerSchema.fields,
        { key: 'floor', kind: 'number', label: { 'zh-CN': '楼层', en: 'Floor' } },
      ],
    });
    expect(columns.map((c) => c.key).slice(0, 4)).toEqual(['id', 'committeeId', 'siteId', 'category']);
    expect(columns.map((c) => c.header).slice(0, 4)).toEqual(['编号', '居民区', '点位', '问题类别']);
    expect(columns.at(-2)?.header).toBe('楼层');
    expect(exportColumns(ledgerSchema, 'en')[3]?.header).toBe('Category');
    expect(columns.find((c) => c.key === 'foundAt')?.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(columns.find((c) => c.key === 'description')?.width).toBeGreaterThan(30);
  });

  it('exports the ledger 编号 as the issue code people see, and the row id in a last column', () => {
    const id = '01M5K009A0CA5EP3AHXGJNT5R4';
    const columns = exportColumns(ledgerSchema);
    expect(columns[0]?.header).toBe('编号');
    expect(columns.at(-1)?.header).toBe('内部编号');
    expect(exportColumns(ledgerSchema, 'en').at(-1)?.header).toBe('Internal ID');
    const cells = exportRow(columns, { id, description: '楼道堆物' });
    expect(cells[0]?.text).toBe(issueCode(id));
    expect(cells[0]?.text).toMatch(/^\d{4}-T5R4$/);
    expect(cells.at(-1)?.text).toBe(id);
    // Other tables keep their ids as they are (a committee's id is its code).
    expect(exportColumns(rosterSchema).at(-1)?.key).not.toBe('id');
  });

  it('types dates as Excel serials of the Shanghai calendar day', () => {
    expect(excelDateSerial('1900-03-01')).toBe(61);
    expect(excelDateSerial('2020-05-11')).toBe(43962);
    expect(exportCell(field(ledgerSchema, 'deadline'), '2020-05-11')).toEqual({
      type: 'date',
      text: '2020-05-11',
      serial: 43962,
    });
  });

  it('types date-times by the wall clock in Shanghai, whatever offset they were stored with', () => {
    const cell = exportCell(field(ledgerSchema, 'foundAt'), '2020-05-11T01:30:00Z');
    expect(cell.type).toBe('datetime');
    expect(cell.text).toBe('2020-05-11 09:30');
    if (cell.type === 'datetime') expect(cell.serial).toBeCloseTo(43962 + 9.5 / 24, 8);
    expect(excelDateTimeSerial(Date.parse('2020-05-11T00:00:00+08:00'))).toBeCloseTo(43962, 8);
  });

  it('types numbers as numbers and times of day as fractions of a day', () => {
    expect(exportCell(field(ledgerSchema, 'recurrences'), 2)).toEqual({
      type: 'number',
      text: '2',
      value: 2,
    });
    expect(exportCell(field(rosterSchema, 'start'), '18:30')).toEqual({
      type: 'time',
      text: '18:30',
      serial: 18.5 / 24,
    });
  });

  it('shows option values as their labels and references as names', () => {
    expect(exportCell(field(ledgerSchema, 'category'), 'stairwell_clutter').text).toBe('楼道堆物');
    expect(exportCell(field(ledgerSchema, 'status'), 'closed', {}, 'en').text).toBe('Closed');
    const names = { site: new Map([['SITE0000000000000001', '桃园新村']]) };
    expect(exportCell(field(ledgerSchema, 'siteId'), 'SITE0000000000000001', names).text).toBe('桃园新村');
    expect(exportCell(field(ledgerSchema, 'siteId'), 'SITE_WITHOUT_NAME_01', names).text).toBe(
      'SITE_WITHOUT_NAME_01',
    );
    expect(exportCell(field(peopleSchema, 'volunteer'), true).text).toBe('是');
  });

  it('neutralises formula-like text in cells and headers alike', () => {
    expect(exportCell(field(ledgerSchema, 'description'), '=HYPERLINK("http://evil")').text).toBe(
      '\'=HYPERLINK("http://evil")',
    );
    expect(exportCell(field(rosterSchema, 'phone'), '+86 138 0000 0000').text).toBe("'+86 138 0000 0000");
    const [custom] = exportColumns({
      ...ledgerSchema,
      fields: [{ key: 'x', kind: 'text', label: { 'zh-CN': '=cmd', en: '=cmd' } }],
    });
    expect(custom?.header).toBe("'=cmd");
  });

  it('exports a value that does not fit its field as text rather than dropping it', () => {
    expect(exportCell(field(ledgerSchema, 'deadline'), 'soon')).toEqual({ type: 'text', text: 'soon' });
    expect(
      exportRow(exportColumns(ledgerSchema), { id: 'x' }).filter((c) => c.type !== 'empty'),
    ).toHaveLength(2); // its code and its id
  });

  it('makes sheet names and download headers that Excel and browsers accept', () => {
    expect(sheetName('问题台账/桃园[1]')).toBe('问题台账_桃园_1_');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
    const header = contentDisposition('问题台账_桃园.xlsx', 'ledger_taoyuan.xlsx');
    expect(header).toBe(
      `attachment; filename="ledger_taoyuan.xlsx"; filename*=UTF-8''${encodeURIComponent('问题台账_桃园.xlsx')}`,
    );
  });
});
