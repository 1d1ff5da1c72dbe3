import { describe, expect, it } from 'vitest';
import { previewForm, previewResult } from './import-api.ts';

const answer = {
  format: 'csv',
  sheets: ['CSV'],
  sheet: 'CSV',
  fields: [
    { key: 'category', label: { 'zh-CN': '问题类别', en: 'Category' }, kind: 'select', required: true },
  ],
  preview: {
    table: 'ledger',
    room: 'ledger.taoyuan',
    headerRow: 1,
    columns: [{ column: 0, header: '类别', field: 'category' }],
    missingRequired: [],
    rows: [{ line: 2, values: { category: 'street_rubbish' } }],
    rejected: [
      {
        line: 3,
        cells: ['乱贴小广告'],
        problems: [
          {
            field: 'category',
            column: 0,
            header: '类别',
            value: '乱贴小广告',
            code: 'unknown_option',
            message: { 'zh-CN': '没有选项', en: 'no option' },
          },
        ],
      },
    ],
    skipped: { blank: 1, repeatedHeader: 0, totals: 0 },
  },
};

describe('the import preview request', () => {
  it('sends the file with the room, sheet, header row, mapping and fixed values', async () => {
    const file = new File(['类别\r\n沿街垃圾\r\n'], '台账.csv');
    const form = previewForm({
      room: 'ledger.taoyuan',
      file,
      sheet: '5月台账',
      headerRow: 3,
      mapping: [{ column: 0, field: 'category' }],
      fixed: { source: 'self_check' },
    });
    expect(form.get('room')).toBe('ledger.taoyuan');
    expect(form.get('sheet')).toBe('5月台账');
    expect(form.get('headerRow')).toBe('3');
    expect(JSON.parse(String(form.get('mapping')))).toEqual([{ column: 0, field: 'category' }]);
    expect(JSON.parse(String(form.get('fixed')))).toEqual({ source: 'self_check' });
    const sent = form.get('file');
    expect(sent instanceof File && sent.name).toBe('台账.csv');
    expect(sent instanceof File && (await sent.text())).toBe('类别\r\n沿街垃圾\r\n');
  });

  it('leaves out what the server should find itself', () => {
    const form = previewForm({ room: 'sites', file: new File(['x'], 'a.csv'), fixed: {} });
    expect([...form.keys()].sort()).toEqual(['file', 'room']);
  });

  it('reads an answer with accepted and rejected rows', () => {
    const result = previewResult(200, JSON.stringify(answer));
    expect(result.ok && result.value.preview.rejected[0]?.problems[0]?.code).toBe('unknown_option');
  });

  it("gives the server's reason for a broken file", () => {
    const body = {
      error: { code: 'import_unreadable', message: { 'zh-CN': '无法读取', en: 'cannot read' } },
    };
    const result = previewResult(400, JSON.stringify(body));
    expect(result).toMatchObject({ ok: false, unauthorized: false, error: { code: 'import_unreadable' } });
  });

  it('tells a lapsed sign-in from other failures', () => {
    expect(previewResult(401, '{}')).toMatchObject({ ok: false, unauthorized: true });
  });

  it('treats an answer of the wrong shape, or a proxy page, as an error', () => {
    const broken = { ...answer, preview: { ...answer.preview, rows: [{ values: {} }] } };
    expect(previewResult(200, JSON.stringify(broken))).toMatchObject({
      ok: false,
      error: { code: 'bad_answer' },
    });
    expect(previewResult(200, '<html>')).toMatchObject({ ok: false, error: { code: 'bad_answer' } });
    expect(previewResult(502, '<html>')).toMatchObject({ ok: false, error: { code: 'http_error' } });
    expect(previewResult(413, '')).toMatchObject({ ok: false, error: { code: 'import_too_large' } });
  });
});
