// The totals of both sides of a comparison in one read-only table: each figure on the
// earlier side, on the later side, and the change.
import type { Totals } from '@civic-ledger/shared';
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import { formatFigure, type TotalsLine, totalsLines } from './totals-compare.ts';

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, TotalsLine>();

interface TotalsSideBySideProps {
  readonly from: Totals;
  readonly to: Totals;
  readonly fromLabel: string;
  readonly toLabel: string;
}

export function TotalsSideBySide(props: TotalsSideBySideProps) {
  const { t, locale } = useI18n();
  const data = useMemo(() => totalsLines(props.from, props.to), [props.from, props.to]);
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor(
          (l) => ('figure' in l.label ? t(`snap.figure.${l.label.figure}`) : l.label.status[locale]),
          { id: 'figure', header: () => t('snap.compare.figure') },
        ),
        helper.accessor('from', {
          header: () => props.fromLabel,
          cell: (info) => formatFigure(info.row.original.kind, info.getValue(), locale),
        }),
        helper.accessor('to', {
          header: () => props.toLabel,
          cell: (info) => formatFigure(info.row.original.kind, info.getValue(), locale),
        }),
        helper.accessor('delta', {
          header: () => t('snap.compare.change'),
          cell: (info) => {
            const delta = info.getValue();
            const cls = delta === null || delta === 0 ? 'same' : delta > 0 ? 'up' : 'down';
            return (
              <span className={`snap-delta snap-delta-${cls}`}>
                {formatFigure(info.row.original.kind, delta, locale, true)}
              </span>
            );
          },
        }),
      ]),
    [t, locale, props.fromLabel, props.toLabel],
  );
  const table = useTable({ features, columns, data, getRowId: (l) => l.key });
  return (
    <table className="snap-table snap-totals" data-testid="totals-compare">
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => (
              <th key={header.id} className={header.column.id === 'figure' ? '' : 'num'}>
                {header.isPlaceholder ? null : <table.FlexRender header={header} />}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} data-figure={row.original.key}>
            {row.getAllCells().map((cell) => (
              <td key={cell.id} className={cell.column.id === 'figure' ? '' : 'num'}>
                <table.FlexRender cell={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
