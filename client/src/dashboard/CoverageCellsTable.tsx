// The roster cells behind a coverage number: each site × time slot of today, covered or
// a gap, and who covers it (from the roster rows), sortable, 50 to a page.
import type { RowValues, SlotCell } from '@civic-ledger/shared';
import { useMemo } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Lookups } from '../registry/lookups.ts';
import { DataTable, dashboardColumns } from './DataTable.tsx';

interface CellRow {
  readonly key: string;
  readonly site: string;
  readonly slot: string;
  readonly covered: boolean;
  readonly people: string;
}

const helper = dashboardColumns<CellRow>();

interface CoverageCellsTableProps {
  readonly cells: readonly SlotCell[];
  readonly roster: ReadonlyMap<string, RowValues>;
  readonly lookups: Lookups;
  readonly caption: string;
}

export function CoverageCellsTable({ cells, roster, lookups, caption }: CoverageCellsTableProps) {
  const { t, locale } = useI18n();
  const rows = useMemo<CellRow[]>(
    () =>
      cells.map((c) => ({
        key: `${c.siteId}|${c.start}|${c.end}`,
        site: lookups.sites.byId.get(c.siteId)?.name ?? c.siteId,
        slot: `${c.start}–${c.end}`,
        covered: c.shiftIds.length > 0,
        people: c.shiftIds
          .map((id) => {
            const person = roster.get(id)?.person;
            return typeof person === 'string' ? (lookups.people.byId.get(person)?.name ?? person) : '';
          })
          .filter((name) => name !== '')
          .join(locale === 'zh-CN' ? '、' : ', '),
      })),
    [cells, roster, lookups, locale],
  );
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('site', { header: t('nav.sites'), sortFn: 'text' }),
        helper.accessor('slot', { header: t('drill.slot'), sortFn: 'text' }),
        helper.accessor((row) => (row.covered ? t('drill.covered') : t('drill.gap')), {
          id: 'state',
          header: t('drill.cellState'),
          sortFn: 'text',
        }),
        helper.accessor('people', { header: t('drill.covering'), sortFn: 'text' }),
      ]),
    [t],
  );
  return (
    <DataTable
      caption={caption}
      captionHidden
      columns={columns}
      data={rows}
      getRowId={(row) => row.key}
      testId="drill-cells"
      pageSize={50}
    />
  );
}
