// Issues by the options of one ledger field (category or source): each option's count
// and share, zero counts too, labelled from the shared schema; every count drills down.
import type { SelectOption, Tally } from '@civic-ledger/shared';
import { useMemo } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import { type CountRow, optionRows } from './breakdown-rows.ts';
import { DataTable, dashboardColumns } from './DataTable.tsx';
import { DrillNumber } from './DrillNumber.tsx';
import { formatRate } from './figure-format.ts';

const helper = dashboardColumns<CountRow>();

interface OptionTableProps {
  readonly field: 'category' | 'source';
  readonly title: string;
  readonly tallies: Readonly<Record<string, Tally>>;
  readonly options: readonly SelectOption[];
  readonly columnLabel: string;
}

export function OptionTable(props: OptionTableProps) {
  const { t, locale } = useI18n();
  const { field, title } = props;
  const rows = useMemo(
    () => optionRows(props.tallies, props.options, locale, t('dashboard.noValue')),
    [props.tallies, props.options, locale, t],
  );
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('label', {
          id: 'label',
          header: props.columnLabel,
          sortFn: 'text',
          footer: () => t('table.total'),
        }),
        helper.accessor((row) => row.tally.count, {
          id: 'count',
          header: t('table.count'),
          sortDescFirst: true,
          cell: (info) => <DrillNumber target={{ kind: field, value: info.row.original.value }} />,
          footer: () => <DrillNumber target={{ kind: 'figure', figure: 'found' }} />,
        }),
        helper.accessor((row) => row.share ?? -1, {
          id: 'share',
          header: t('table.share'),
          sortDescFirst: true,
          cell: (info) => formatRate(info.row.original.share, locale),
        }),
      ]),
    [t, locale, field, props.columnLabel],
  );
  return (
    <section className="dash-panel" aria-labelledby={`option-${field}-title`}>
      <h3 id={`option-${field}-title`}>{title}</h3>
      <DataTable
        caption={title}
        captionHidden
        columns={columns}
        data={rows}
        getRowId={(row) => row.value}
        testId={`table-${field}`}
        footer
      />
    </section>
  );
}
