// The ledger rows behind a number: the main fields, labelled and formatted from the
// shared schema in the chosen language, names instead of ids; sortable, 50 to a page.
import {
  type FieldDef,
  fieldByKey,
  issueCode,
  ledgerSchema,
  localize,
  type RowValues,
} from '@civic-ledger/shared';
import { useMemo } from 'react';
import { ledgerRowPath, openInApp } from '../app/route.ts';
import { formatCell } from '../grid/cell-format.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Lookups } from '../registry/lookups.ts';
import { DataTable, dashboardColumns } from './DataTable.tsx';

const FIELDS = [
  'committeeId',
  'siteId',
  'category',
  'description',
  'source',
  'foundAt',
  'assignee',
  'deadline',
  'status',
  'closedAt',
  'recurrences',
] as const;

const helper = dashboardColumns<RowValues>();

function field(key: string): FieldDef {
  const def = fieldByKey(ledgerSchema, key);
  if (!def) throw new Error(`ledger has no field ${key}`);
  return def;
}

interface IssueRowsTableProps {
  readonly rows: readonly RowValues[];
  readonly lookups: Lookups;
  readonly caption: string;
}

export function IssueRowsTable({ rows, lookups, caption }: IssueRowsTableProps) {
  const { t, locale } = useI18n();
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor((row) => issueCode(String(row.id)), {
          id: 'code',
          header: t('drill.code'),
          // The code opens the row in its committee's ledger.
          cell: (info) => {
            const row = info.row.original;
            const href = ledgerRowPath(String(row.committeeId ?? 'all'), String(row.id));
            return (
              <a
                href={href}
                title={t('drill.openInLedger')}
                data-testid="drill-open-row"
                onClick={(e) => {
                  if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
                  e.preventDefault();
                  openInApp(href);
                }}
              >
                {info.getValue()}
              </a>
            );
          },
        }),
        ...FIELDS.map((key) => {
          const def = field(key);
          return def.kind === 'number'
            ? helper.accessor((row) => (typeof row[key] === 'number' ? row[key] : 0), {
                id: key,
                header: localize(def.label, locale),
              })
            : helper.accessor((row) => formatCell(def, row[key], locale, lookups), {
                id: key,
                header: localize(def.label, locale),
                sortFn: 'text',
              });
        }),
      ]),
    [t, locale, lookups],
  );
  return (
    <DataTable
      caption={caption}
      captionHidden
      columns={columns}
      data={rows}
      getRowId={(row) => String(row.id)}
      testId="drill-rows"
      pageSize={50}
    />
  );
}
