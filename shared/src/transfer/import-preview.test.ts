import { describe, expect, it } from 'vitest';
import type { Principal } from '../rules/access.ts';
import { committeesSchema } from '../schema/committees-schema.ts';
import { ledgerSchema } from '../schema/ledger-schema.ts';
import { parseRoomName, type Room } from '../sync/rooms.ts';
import { findHeaderRow, guessMapping } from './import-mapping.ts';
import { previewImport } from './import-preview.ts';
import type { SheetCell } from './import-values.ts';

const member: Principal = { role: 'member', committeeId: 'taoyuan' };
const office: Principal = { role: 'staff', committeeId: null };

function room(name: string): Room {
  const parsed = parseRoomName(name);
  if (!parsed.ok) throw new Error(name);
  return parsed.value;
}

const lookups = {
  site: [
    { id: 'SITE_TAOYUAN_NO3_BLD', name: '桃园新村3号楼', committeeId: 'taoyuan' },
    { id: 'SITE_TAOYUAN_MARKET1', name: '桃园菜场', committeeId: 'taoyuan' },
  ],
};

const TITLE = '桃园居委创全问题整改台账（5月）';
const HEADERS = ['序号', '点位', '问题类型', '问题描述', '来源', '发现日期', '整改期限', '状态', '备注'];
/** A committee's own sheet: a merged title, a blank row, the header, rows with gaps and a total. */
const grid: SheetCell[][] = [
  Array(9).fill(TITLE),
  [],
  HEADERS,
  [
    1,
    '桃园新村3号楼',
    '楼道堆物',
    '3号楼2单元楼道堆放纸箱',
    '自查',
    '2020年5月11日',
    '2020/5/12',
    '待整改',
    '',
  ],
  [null, null, null, null, null, null, null, null, null],
  [
    2,
    '桃园菜场',
    '沿街垃圾',
    '菜场门口垃圾',
    '区督察组',
    { date: '2020-05-12', time: '09:30' },
    43964,
    '整改中',
    '急',
  ],
  [3, '桃园菜场', '乱贴小广告', '电线杆小广告', '自查', '2020年5月13日', '', '待整改', ''],
  [4, '西门', '楼道堆物', '西门堆物', '自查', '2020年2月30日', '', '待整改', ''],
  HEADERS,
  [5, '桃园菜场', '飞线充电', '=HYPERLINK("x")', '志愿者', '2020-05-14', '', '已销账', ''],
  ['合计', '', '', '', '', '', '', '', ''],
];

describe('import mapping', () => {
  it('finds the header row below a merged title', () => {
    expect(findHeaderRow(grid, ledgerSchema)).toBe(2);
  });

  it('guesses fields from Chinese headers and leaves row numbers and unknown columns out', () => {
    const mapping = guessMapping(HEADERS, ledgerSchema);
    expect(Object.fromEntries(mapping.map((m) => [m.header, m.field]))).toEqual({
      序号: null,
      点位: 'siteId',
      问题类型: 'category',
      问题描述: 'description',
      来源: 'source',
      发现日期: 'foundAt',
      整改期限: 'deadline',
      状态: 'status',
      备注: null,
    });
    expect(guessMapping(['Category', 'Found at', 'description'], ledgerSchema).map((m) => m.field)).toEqual([
      'category',
      'foundAt',
      'description',
    ]);
  });
});

describe('import preview', () => {
  it('gives the valid rows and each rejected row with its reasons, skipping blanks and totals', () => {
    const result = previewImport({
      grid,
      schema: ledgerSchema,
      room: room('ledger.taoyuan'),
      principal: member,
      lookups,
    });
    if (!result.ok) throw new Error(result.error.message.en);
    const preview = result.value;
    expect(preview.headerRow).toBe(3);
    expect(preview.missingRequired).toEqual([]);
    expect(preview.rows.map((r) => r.line)).toEqual([4, 6]);
    expect(preview.rows[0]?.values).toEqual({
      committeeId: 'taoyuan',
      siteId: 'SITE_TAOYUAN_NO3_BLD',
      category: 'stairwell_clutter',
      description: '3号楼2单元楼道堆放纸箱',
      source: 'self_check',
      foundAt: '2020-05-11T00:00:00+08:00',
      deadline: '2020-05-12',
      status: 'open',
      recurrences: 0,
    });
    expect(preview.rows[1]?.values).toMatchObject({
      foundAt: '2020-05-12T09:30:00+08:00',
      deadline: '2020-05-13',
      status: 'in_progress',
    });
    const reasons = preview.rejected.map((r) => [r.line, r.problems.map((p) => `${p.field}:${p.code}`)]);
    expect(reasons).toEqual([
      [7, ['category:unknown_option']],
      [8, ['siteId:unknown_ref', 'foundAt:unreadable_date']],
      [10, ['status:transition_office_only']],
    ]);
    expect(preview.rejected[0]?.problems[0]).toMatchObject({
      column: 2,
      header: '问题类型',
      value: '乱贴小广告',
    });
    expect(preview.skipped).toEqual({ blank: 1, repeatedHeader: 1, totals: 1 });
  });

  it('lets the office import what a committee may not, and a fixed value fill a missing column', () => {
    const noSource = grid.map((row) => row.filter((_, i) => i !== 4));
    const result = previewImport({
      grid: noSource,
      schema: ledgerSchema,
      room: room('ledger.taoyuan'),
      principal: office,
      lookups,
      fixed: { source: '第三方测评' },
    });
    if (!result.ok) throw new Error(result.error.message.en);
    expect(result.value.rows.map((r) => [r.line, r.values.source, r.values.status])).toEqual([
      [4, 'third_party', 'open'],
      [6, 'third_party', 'in_progress'],
      [10, 'third_party', 'closed'],
    ]);
    expect(result.value.rows[2]?.values.description).toBe('=HYPERLINK("x")');
  });

  it('names required fields no column feeds, and rejects every row for them', () => {
    const result = previewImport({
      grid: [
        ['点位', '问题描述'],
        ['桃园菜场', '垃圾'],
      ],
      schema: ledgerSchema,
      room: room('ledger.taoyuan'),
      principal: member,
      lookups,
    });
    if (!result.ok) throw new Error(result.error.message.en);
    expect(result.value.missingRequired.map((f) => f.key)).toEqual(['category', 'source', 'foundAt']);
    expect(result.value.rejected[0]?.problems.map((p) => p.code)).toEqual([
      'required',
      'required',
      'required',
    ]);
  });

  it('follows a confirmed mapping and refuses one that names a field twice or none at all', () => {
    const confirmed = previewImport({
      grid,
      schema: ledgerSchema,
      room: room('ledger.taoyuan'),
      principal: member,
      lookups,
      headerRow: 3,
      mapping: HEADERS.map((_, column) => ({
        column,
        field:
          ['', 'siteId', 'category', 'description', 'source', 'foundAt', '', '', 'rectification'][column] ||
          null,
      })),
    });
    if (!confirmed.ok) throw new Error(confirmed.error.message.en);
    expect(confirmed.value.rows.find((r) => r.line === 6)?.values.rectification).toBe('急');
    expect(confirmed.value.rows.find((r) => r.line === 6)?.values.status).toBe('open');
    const twice = previewImport({
      grid,
      schema: ledgerSchema,
      room: room('ledger.taoyuan'),
      principal: member,
      mapping: [
        { column: 1, field: 'siteId' },
        { column: 2, field: 'siteId' },
      ],
    });
    expect(twice).toMatchObject({ ok: false, error: { code: 'import_bad_mapping' } });
    const unknown = previewImport({
      grid,
      schema: ledgerSchema,
      room: room('ledger.taoyuan'),
      principal: member,
      mapping: [{ column: 1, field: 'colour' }],
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'import_bad_mapping' } });
  });

  it('takes committee ids from the sheet and rejects duplicates', () => {
    const result = previewImport({
      grid: [
        ['居民区编号', '名称'],
        ['taoyuan', '桃园'],
        ['taoyuan', '桃园二'],
        ['Bad Id', '坏'],
        ['hongqiao', '虹桥'],
      ],
      schema: committeesSchema,
      room: room('committees'),
      principal: office,
      existingIds: new Set(['hongqiao']),
    });
    if (!result.ok) throw new Error(result.error.message.en);
    expect(result.value.rows.map((r) => r.values)).toEqual([{ id: 'taoyuan', name: '桃园' }]);
    expect(result.value.rejected.map((r) => r.problems[0]?.code)).toEqual([
      'row_exists',
      'pattern_mismatch',
      'row_exists',
    ]);
  });

  it('refuses an empty sheet and one with too many rows', () => {
    expect(
      previewImport({ grid: [], schema: ledgerSchema, room: room('ledger.taoyuan'), principal: member }),
    ).toMatchObject({ ok: false, error: { code: 'import_empty' } });
    const many: SheetCell[][] = [HEADERS, ...Array.from({ length: 30 }, (_, i) => [i, 'x'])];
    expect(
      previewImport({
        grid: many,
        schema: ledgerSchema,
        room: room('ledger.taoyuan'),
        principal: member,
        maxRows: 20,
      }),
    ).toMatchObject({ ok: false, error: { code: 'import_too_many_rows' } });
  });
});
