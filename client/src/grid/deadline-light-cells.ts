// The deadline light beside a ledger issue's deadline (the shared `deadlineLight`): a coloured
// dot in the deadline cell, its meaning in the cell's tooltip. Judged for rendered cells only.
import { DEADLINE_LIGHT_LABELS, type DeadlineLight, deadlineLight, type Locale } from '@civic-ledger/shared';
import type { CellClassRules } from 'ag-grid-community';
import type { GridRow } from './grid-row.ts';

export const LIGHT_CLASS: Readonly<Record<DeadlineLight, string>> = {
  green: 'deadline-light-green',
  yellow: 'deadline-light-yellow',
  red: 'deadline-light-red',
};

export function deadlineLightClassRules(now: () => Date = () => new Date()): CellClassRules<GridRow> {
  const rules: CellClassRules<GridRow> = {};
  for (const light of ['green', 'yellow', 'red'] as const) {
    rules[LIGHT_CLASS[light]] = (params) =>
      params.data !== undefined && deadlineLight(params.data, now()) === light;
  }
  return rules;
}

/** The light's meaning, for the deadline cell's tooltip; undefined when the row has no light. */
export function deadlineLightText(
  row: GridRow | undefined,
  locale: Locale,
  now: Date = new Date(),
): string | undefined {
  if (!row) return undefined;
  const light = deadlineLight(row, now);
  return light === null ? undefined : DEADLINE_LIGHT_LABELS[light][locale];
}
