// Classes of whole grid rows: an overdue ledger issue (by the shared deadline rule, on
// today's Shanghai date) stands out. Judged only for rendered rows, so a big table pays
// for the rows on screen, not for all of them.
import { isOverdueOn, type TableSchema, todayInShanghai } from '@civic-ledger/shared';
import type { RowClassRules } from 'ag-grid-community';
import type { GridRow } from './grid-row.ts';

export const OVERDUE_ROW_CLASS = 'row-overdue';

export function rowClassRules(
  schema: TableSchema,
  today: () => string = () => todayInShanghai(),
): RowClassRules<GridRow> | undefined {
  if (schema.table !== 'ledger') return undefined;
  return {
    [OVERDUE_ROW_CLASS]: (params) => params.data !== undefined && isOverdueOn(params.data, today()),
  };
}

/** Whether a table's rows can be overdue (and the view should explain the colour). */
export function hasOverdueRows(schema: TableSchema): boolean {
  return schema.table === 'ledger';
}
