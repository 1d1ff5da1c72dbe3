// Committees × statuses: each cell the issues of one committee in one status, each row's
// total, and the district's totals in the footer; every count drills down.
import { LEDGER_STATUSES, localize } from '@civic-ledger/shared';
import { useMemo } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Lookups } from '../registry/lookups.ts';
import { type CommitteeStatusRow, committeeStatusRows, statusColumns } from './breakdown-rows.ts';
import { DataTable, dashboardColumns } from './DataTable.tsx';
import { DrillNumber } from './DrillNumber.tsx';
import { useDrill } from './drill-context.ts';

const helper = dashboardColumns<CommitteeStatusRow>();

export function CommitteeStatusTable({ lookups }: { readonly lookups: Lookups }) {
  const { t, locale } = useI18n();
  const { totals } = useDrill();
  const rows = useMemo(
    () => committeeStatusRows(totals, (id) => lookups.committees.byId.get(id)?.name ?? id),
    [totals, lookups],
  );
  const statuses = statusColumns(totals);
  const statusKey = statuses.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: statuses are keyed by statusKey
  const columns = useMemo(() => {
    const label = (status: string) => {
      const option = LEDGER_STATUSES.find((s) => s.value === status);
      return option ? localize(option.label, locale) : status;
    };
    return helper.columns([
      helper.accessor('name', {
        id: 'committee',
        header: t('table.committee'),
        sortFn: 'text',
        footer: () => t('table.district'),
      }),
      ...statuses.map((status) =>
        helper.accessor((row) => row.byStatus[status]?.count ?? 0, {
          id: `status-${status}`,
          header: label(status),
          sortDescFirst: true,
          cell: (info) => (
            <DrillNumber
              target={{ kind: 'committeeStatus', committeeId: info.row.original.committeeId, status }}
            />
          ),
          footer: () => <DrillNumber target={{ kind: 'status', status }} />,
        }),
      ),
      helper.accessor((row) => row.found.count, {
        id: 'total',
        header: t('table.total'),
        sortDescFirst: true,
        cell: (info) => (
          <DrillNumber
            target={{ kind: 'committee', committeeId: info.row.original.committeeId, figure: 'found' }}
          />
        ),
        footer: () => <DrillNumber target={{ kind: 'figure', figure: 'found' }} />,
      }),
    ]);
  }, [t, locale, statusKey]);
  return (
    <section className="dash-panel wide" aria-labelledby="committee-status-title">
      <h3 id="committee-status-title">{t('table.byCommitteeStatus')}</h3>
      <DataTable
        caption={t('table.byCommitteeStatus')}
        captionHidden
        columns={columns}
        data={rows}
        getRowId={(row) => row.committeeId}
        testId="table-committee-status"
        footer
      />
    </section>
  );
}
