import { describe, expect, it } from 'vitest';
import type { RoomRows } from '../reports/district-rows.ts';
import { ledgerSchema } from '../schema/ledger-schema.ts';
import { exportSheets } from './export-sheets.ts';

const rooms: RoomRows[] = [
  { room: 'committees', table: 'committees', rows: [{ id: 'taoyuan', name: '桃园居委' }] },
  {
    room: 'ledger.taoyuan',
    table: 'ledger',
    committeeId: 'taoyuan',
    rows: [
      {
        id: 'ISSUE_B_0000000000',
        committeeId: 'taoyuan',
        category: 'street_rubbish',
        description: '垃圾',
        status: 'closed',
        closedAt: '2026-11-24T10:00:00+08:00',
        recurrences: 0,
      },
    ],
  },
  {
    room: 'ledger.hongqiao',
    table: 'ledger',
    committeeId: 'hongqiao',
    rows: [{ id: 'ISSUE_A_0000000000', committeeId: 'hongqiao', status: 'open', recurrences: 1 }],
  },
];
const at = new Date('2026-11-24T08:00:00Z');

describe('export sheets', () => {
  it('gives one sheet per table in the usual order and the totals last', () => {
    const sheets = exportSheets({ rooms, at, totals: true });
    expect(sheets.map((s) => [s.name, s.content, s.rowCount])).toEqual([
      ['问题台账', 'ledger', 2],
      ['排班', 'roster', 0],
      ['点位', 'sites', 0],
      ['人员', 'people', 0],
      ['居民区', 'committees', 1],
      ['汇总', 'totals', expect.any(Number)],
    ]);
  });

  it('puts the header first and the rows room by room, with names for references', () => {
    const names = { committee: new Map([['taoyuan', '桃园居委']]) };
    const [ledger] = exportSheets({ rooms, at, totals: false, tables: ['ledger'], names });
    const rows = [...(ledger?.rows() ?? [])].map((r) => r.map((c) => c.text));
    const headers = ledgerSchema.fields.flatMap((f) =>
      f.key === 'deadline' ? [f.label['zh-CN'], '时限灯'] : [f.label['zh-CN']],
    );
    expect(rows[0]).toEqual([...headers, '内部编号']);
    expect(rows.slice(1).map((r) => [r.at(-1), r[1]])).toEqual([
      ['ISSUE_A_0000000000', 'hongqiao'],
      ['ISSUE_B_0000000000', '桃园居委'],
    ]);
  });

  it('shows the deadline light of each open issue at the moment of the export, beside its deadline', () => {
    const open = (deadline: string) => ({
      room: 'ledger.x',
      table: 'ledger' as const,
      committeeId: 'x',
      rows: [{ id: 'ISSUE_C_0000000000', status: 'open', foundAt: '2026-11-20T09:00:00+08:00', deadline }],
    });
    const lightAt = (deadline: string, locale?: 'en') => {
      const [ledger] = exportSheets({
        rooms: [open(deadline)],
        at,
        totals: false,
        tables: ['ledger'],
        locale,
      });
      const [header, row] = [...(ledger?.rows() ?? [])].map((r) => r.map((c) => c.text));
      const i = header?.indexOf(locale === 'en' ? 'Deadline light' : '时限灯') ?? -1;
      expect(header?.[i - 1]).toBe(locale === 'en' ? 'Deadline' : '整改时限');
      return row?.[i];
    };
    expect(lightAt('2026-11-23')).toBe('红灯（已超期）');
    expect(lightAt('2026-11-24')).toBe('黄灯（临近时限）');
    expect(lightAt('2026-12-24', 'en')).toBe('Green (in time)');
    const [ledger] = exportSheets({ rooms, at, totals: false, tables: ['ledger'] });
    const [header, closed] = [...(ledger?.rows() ?? [])].map((r) => r.map((c) => c.text));
    expect(closed?.[header?.indexOf('时限灯') ?? -1]).toBe('');
  });

  it('counts the totals over every room given, reckoned at the moment of the export', () => {
    const sheets = exportSheets({ rooms, at, totals: true, tables: [], names: { committee: new Map() } });
    const totals = [...(sheets[0]?.rows() ?? [])];
    const figure = (label: string) => totals.find((r) => r[0]?.text === label)?.[1];
    expect(figure('问题总数')).toMatchObject({ type: 'number', value: 2 });
    expect(figure('当日销账')).toMatchObject({ value: 1 });
    expect(figure('曾回潮')).toMatchObject({ value: 1 });
    expect(figure('销账率')).toMatchObject({ type: 'number', value: 0.5, numFmt: '0.0%', text: '50.0%' });
    const ranking = totals.slice(totals.findIndex((r) => r[0]?.text === '排名') + 1);
    expect(ranking.map((r) => r[1]?.text)).toEqual(['taoyuan', 'hongqiao']);
  });
});
