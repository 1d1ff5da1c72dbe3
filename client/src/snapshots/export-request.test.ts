import { describe, expect, it } from 'vitest';
import { bulletinPath, type ExportChoice, exportPath, normalizeChoice } from './export-request.ts';

const base: ExportChoice = {
  format: 'xlsx',
  source: 'now',
  committeeId: null,
  content: 'all',
  locale: 'zh-CN',
};

function query(path: string): Record<string, string> {
  return Object.fromEntries(new URL(path, 'http://x').searchParams);
}

describe('export requests', () => {
  it('a workbook of the whole district now asks for every table', () => {
    const path = exportPath(base);
    expect(path.startsWith('/api/export/xlsx?')).toBe(true);
    expect(query(path)).toEqual({ snapshot: 'now', locale: 'zh-CN' });
  });

  it('a committee’s table of a snapshot names both', () => {
    const path = exportPath({
      ...base,
      source: '01JDX4Q0S6W7N5Y2B3C4D5E6F7',
      committeeId: 'taoyuan',
      content: 'roster',
    });
    expect(query(path)).toEqual({
      snapshot: '01JDX4Q0S6W7N5Y2B3C4D5E6F7',
      committee: 'taoyuan',
      table: 'roster',
      locale: 'zh-CN',
    });
  });

  it('a CSV holds one table: "every table" becomes the ledger, and totals stay CSV only', () => {
    expect(normalizeChoice({ ...base, format: 'csv' }).content).toBe('ledger');
    expect(query(exportPath({ ...base, format: 'csv', content: 'totals' })).table).toBe('totals');
    expect(normalizeChoice({ ...base, content: 'totals' }).content).toBe('all');
  });

  it('the bulletin follows the same source and committee', () => {
    expect(query(bulletinPath({ source: 'now', committeeId: 'hexi' }))).toEqual({
      snapshot: 'now',
      since: 'auto',
      committee: 'hexi',
    });
  });
});
