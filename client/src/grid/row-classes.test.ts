import { schemaForTable } from '@civic-ledger/shared';
import type { RowClassParams } from 'ag-grid-community';
import { describe, expect, it } from 'vitest';
import type { GridRow } from './grid-row.ts';
import { OVERDUE_ROW_CLASS, rowClassRules } from './row-classes.ts';

function overdue(
  data: Partial<GridRow>,
  today: string,
  table: 'ledger' | 'roster' = 'ledger',
): boolean | null {
  const rule = rowClassRules(schemaForTable(table), () => today)?.[OVERDUE_ROW_CLASS];
  if (!rule) return null;
  const params = { data: { $room: 'ledger.taoyuan', ...data } } as unknown as RowClassParams<GridRow>;
  return typeof rule === 'function' ? rule(params) : null;
}

describe('overdue ledger rows stand out', () => {
  it('an open issue past its deadline day is marked, on its deadline day it is not', () => {
    expect(overdue({ status: 'open', deadline: '2026-11-20' }, '2026-11-21')).toBe(true);
    expect(overdue({ status: 'open', deadline: '2026-11-20' }, '2026-11-20')).toBe(false);
  });

  it('follows the shared rule: rectified or closed issues and issues without a deadline are not overdue', () => {
    expect(overdue({ status: 'reopened', deadline: '2026-11-01' }, '2026-11-24')).toBe(true);
    expect(overdue({ status: 'rectified', deadline: '2026-11-01' }, '2026-11-24')).toBe(false);
    expect(overdue({ status: 'closed', deadline: '2026-11-01' }, '2026-11-24')).toBe(false);
    expect(overdue({ status: 'open', deadline: null }, '2026-11-24')).toBe(false);
  });

  it('other tables have no overdue rule', () => {
    expect(overdue({ status: 'scheduled' }, '2026-11-24', 'roster')).toBeNull();
  });
});
