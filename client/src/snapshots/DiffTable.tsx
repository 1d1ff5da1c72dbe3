// The rows that changed between two states, as a read-only TanStack table: what happened
// to the row, its table and committee, the row itself, and each changed field from → to.
// Sortable by any column but the changes; a filter chooses one kind of change.
import { TABLE_LABELS } from '@civic-ledger/shared';
import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_basic,
  sortFn_text,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Lookups } from '../registry/lookups.ts';
import { changeWords, DIFF_KINDS, type DiffKind, type DiffLine, kindCounts, rowTitle } from './diff-lines.ts';

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { basic: sortFn_basic, text: sortFn_text },
});
const helper = createColumnHelper<typeof features, DiffLine>();

interface DiffTableProps {
  readonly lines: readonly DiffLine[];
  readonly lookups: Lookups;
}

export function DiffTable({ lines, lookups }: DiffTableProps) {
  const { t, locale } = useI18n();
  const [kind, setKind] = useState<DiffKind | 'all'>('all');
  const counts = useMemo(() => kindCounts(lines), [lines]);
  const data = useMemo(
    () => (kind === 'all' ? [...lines] : lines.filter((l) => l.kind === kind)),
    [lines, kind],
  );
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor((l) => DIFF_KINDS.indexOf(l.kind), {
          id: 'kind',
          header: () => t('snap.compare.colKind'),
          sortFn: 'basic',
          cell: (info) => {
            const k = info.row.original.kind;
            return <span className={`snap-diff-kind snap-diff-${k}`}>{t(`snap.diff.${k}`)}</span>;
          },
        }),
        helper.accessor((l) => TABLE_LABELS[l.table][locale], {
          id: 'table',
          header: () => t('snap.compare.colTable'),
          sortFn: 'text',
        }),
        helper.accessor(
          (l) => (l.committeeId ? (lookups.committees.byId.get(l.committeeId)?.name ?? l.committeeId) : ''),
          {
            id: 'committee',
            header: () => t('snap.compare.colCommittee'),
            sortFn: 'text',
          },
        ),
        helper.accessor((l) => rowTitle(l, locale, lookups), {
          id: 'row',
          header: () => t('snap.compare.colRow'),
          sortFn: 'text',
        }),
        helper.display({
          id: 'changes',
          header: () => t('snap.compare.colChanges'),
          cell: (info) => {
            const line = info.row.original;
            if (line.changes.length === 0) return null;
            return (
              <ul className="snap-changes">
                {line.changes.map((change) => {
                  const words = changeWords(line.table, change, locale, lookups);
                  return (
                    <li key={change.key} data-field={change.key}>
                      <span className="snap-field">{words.field}</span> <del>{words.before || '∅'}</del> →{' '}
                      <ins>{words.after || '∅'}</ins>
                    </li>
                  );
                })}
              </ul>
            );
          },
        }),
      ]),
    [t, locale, lookups],
  );
  const table = useTable({ features, columns, data, getRowId: (l) => l.key });

  if (lines.length === 0) return <p data-testid="diff-empty">{t('snap.compare.noRows')}</p>;
  return (
    <div className="snap-diff">
      <div className="snap-filter">
        <button
          type="button"
          aria-pressed={kind === 'all'}
          className={kind === 'all' ? 'active' : ''}
          onClick={() => setKind('all')}
        >
          {t('snap.compare.filterAll', { n: lines.length })}
        </button>
        {DIFF_KINDS.filter((k) => counts[k] > 0).map((k) => (
          <button
            key={k}
            type="button"
            aria-pressed={kind === k}
            className={kind === k ? 'active' : ''}
            data-testid={`diff-filter-${k}`}
            onClick={() => setKind(k)}
          >
            {t(`snap.diff.${k}`)} {counts[k]}
          </button>
        ))}
      </div>
      <div className="snap-scroll">
        <table className="snap-table" data-testid="diff-table">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const toggle = header.column.getToggleSortingHandler();
                  return (
                    <th
                      key={header.id}
                      aria-sort={
                        sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                      }
                    >
                      {header.isPlaceholder ? null : header.column.getCanSort() && toggle ? (
                        <button type="button" className="snap-sort" onClick={toggle}>
                          <table.FlexRender header={header} />
                          {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                data-testid="diff-row"
                data-kind={row.original.kind}
                data-row-id={row.original.id}
                data-room={row.original.room}
              >
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={`snap-cell-${cell.column.id}`}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
