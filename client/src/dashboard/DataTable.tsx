// A read-only TanStack table for the totals: sortable by any column header (keyboard too,
// with aria-sort), an optional footer row, and pages for long lists (a drill-down).
import {
  constructSortFn,
  createColumnHelper,
  createPaginatedRowModel,
  createSortedRowModel,
  type RowData,
  rowPaginationFeature,
  rowSortingFeature,
  type SortingState,
  sortFn_basic,
  type TableOptions,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import { useEffect } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';

/** Text in the reader's order (Chinese names by pinyin), numbers as numbers within it. */
const collator = new Intl.Collator(['zh-CN', 'en'], { numeric: true, sensitivity: 'base' });
const text = constructSortFn({
  sort: (a: unknown, b: unknown) => collator.compare(String(a ?? ''), String(b ?? '')),
});

const features = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  sortedRowModel: createSortedRowModel(),
  paginatedRowModel: createPaginatedRowModel(),
  sortFns: { text, basic: sortFn_basic },
});
type Features = typeof features;

/** Column helper for the tables of this page. */
export function dashboardColumns<T extends RowData>() {
  return createColumnHelper<Features, T>();
}

export type DashboardColumns<T extends RowData> = TableOptions<Features, T>['columns'];

interface DataTableProps<T extends RowData> {
  readonly caption: string;
  readonly columns: DashboardColumns<T>;
  readonly data: readonly T[];
  readonly getRowId: (row: T) => string;
  readonly testId: string;
  readonly initialSorting?: SortingState;
  /** Rows per page; all on one page when not given. */
  readonly pageSize?: number;
  readonly footer?: boolean;
  readonly captionHidden?: boolean;
}

const ALL_ROWS = 1_000_000;

function headerText(header: unknown, fallback: string): string {
  return typeof header === 'string' ? header : fallback;
}

export function DataTable<T extends RowData>(props: DataTableProps<T>) {
  const { t } = useI18n();
  const table = useTable({
    features,
    columns: props.columns,
    data: props.data,
    getRowId: props.getRowId,
    // Live data changes every few hundred ms: stay on the page someone is reading.
    autoResetPageIndex: false,
    initialState: {
      sorting: props.initialSorting ?? [],
      pagination: { pageIndex: 0, pageSize: props.pageSize ?? ALL_ROWS },
    },
  });
  const pages = table.getPageCount();
  const { pageIndex } = table.state.pagination;
  // A page that emptied (rows gone) falls back to the last one.
  useEffect(() => {
    if (pages > 0 && pageIndex >= pages) table.setPageIndex(pages - 1);
  }, [table, pages, pageIndex]);
  return (
    <div className="dash-table-wrap" data-testid={props.testId}>
      <table className="dash-table">
        <caption className={props.captionHidden ? 'visually-hidden' : undefined}>{props.caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    {header.isPlaceholder ? null : canSort ? (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={header.column.getToggleSortingHandler()}
                        title={t('table.sortBy', {
                          column: headerText(header.column.columnDef.header, header.id),
                        })}
                      >
                        <table.FlexRender header={header} />
                        <span className="sort-mark" aria-hidden="true">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                        </span>
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
            <tr key={row.id} data-row-id={row.id}>
              {row.getAllCells().map((cell) => (
                <td key={cell.id} className={`col-${cell.column.id}`}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {props.footer && (
          <tfoot>
            {table.getFooterGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <td key={header.id} className={`col-${header.column.id}`}>
                    {header.isPlaceholder ? null : <table.FlexRender footer={header} />}
                  </td>
                ))}
              </tr>
            ))}
          </tfoot>
        )}
      </table>
      {props.pageSize !== undefined && pages > 1 && (
        <div className="dash-pager">
          <button type="button" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
            {t('drill.prev')}
          </button>
          <span>{t('drill.page', { page: pageIndex + 1, pages })}</span>
          <button type="button" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
            {t('drill.next')}
          </button>
        </div>
      )}
    </div>
  );
}
