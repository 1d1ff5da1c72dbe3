// Column definitions from a table schema: one column per field, with the editor, display
// and filter that suit its kind. Values are shown through `formatCell`, edits come back
// as raw input to be read by `parseCellInput` and judged by the shared validation.
import {
  type FieldDef,
  issueCode,
  type Locale,
  localize,
  type TableName,
  type TableSchema,
} from '@civic-ledger/shared';
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { Lookups } from '../registry/lookups.ts';
import { formatCell } from './cell-format.ts';
import { deadlineLightClassRules, deadlineLightText } from './deadline-light-cells.ts';
import type { GridContext, GridRow } from './grid-row.ts';
import { RefPickerEditor } from './ref-picker-editor.ts';

/** Fields the grid never edits: identity, the room a row lives in, automatic stamps. */
export function isReadOnlyField(table: TableName, key: string): boolean {
  if (key === 'id' || key === 'createdAt' || key === 'updatedAt' || key === 'createdBy') return true;
  return key === 'committeeId' && (table === 'ledger' || table === 'roster');
}

const WIDTHS: Partial<Record<FieldDef['kind'], number>> = {
  text: 160,
  number: 100,
  date: 130,
  datetime: 160,
  time: 90,
  select: 140,
  person: 110,
  site: 160,
  committee: 130,
  boolean: 90,
};

function refValues(field: FieldDef, lookups: Lookups, row: GridRow | undefined): (string | null)[] {
  const committeeId = typeof row?.committeeId === 'string' ? row.committeeId : null;
  const current = row ? row[field.key] : null;
  let ids: string[];
  if (field.kind === 'site') {
    // A row's site belongs to its committee; the whole list only if the committee has none.
    const own = lookups.sites.entries.filter((e) => e.committeeId === committeeId).map((e) => e.id);
    ids = own.length > 0 ? own : lookups.sites.entries.map((e) => e.id);
  } else if (field.kind === 'person') {
    const own = lookups.people.entries.filter((e) => e.committeeId === committeeId || e.committeeId === null);
    const rest = lookups.people.entries.filter(
      (e) => e.committeeId !== committeeId && e.committeeId !== null,
    );
    ids = [...own, ...rest].map((e) => e.id);
  } else {
    ids = lookups.committees.entries.map((e) => e.id);
  }
  if (typeof current === 'string' && !ids.includes(current)) ids.unshift(current);
  return field.required ? ids : [null, ...ids];
}

function editorFor(
  field: FieldDef,
): Pick<ColDef<GridRow>, 'cellEditor' | 'cellEditorParams' | 'cellEditorPopup'> {
  switch (field.kind) {
    case 'text':
      return field.multiline
        ? {
            cellEditor: 'agLargeTextCellEditor',
            cellEditorPopup: true,
            cellEditorParams: { maxLength: 2000 },
          }
        : { cellEditor: 'agTextCellEditor' };
    case 'date':
      return { cellEditor: 'agDateStringCellEditor' };
    case 'select':
      return {
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: {
          values: [...(field.required ? [] : [null]), ...field.options.map((o) => o.value)],
        },
      };
    case 'boolean':
      return { cellEditor: 'agSelectCellEditor', cellEditorParams: { values: [true, false] } };
    case 'person':
      return {
        cellEditor: RefPickerEditor,
        cellEditorPopup: true,
        cellEditorParams: (params: {
          data: GridRow | undefined;
          context: GridContext;
          api: { forEachNode: (fn: (node: { data?: GridRow }) => void) => void };
        }) => {
          const usage = new Map<string, number>();
          params.api.forEachNode((node) => {
            const id = node.data?.[field.key];
            if (typeof id === 'string') usage.set(id, (usage.get(id) ?? 0) + 1);
          });
          const ctx = params.context;
          return {
            values: refValues(field, ctx.lookups, params.data),
            usage,
            label: (id: string | null) => (id === null ? '—' : shown(field, { value: id, context: ctx })),
            placeholder: ctx.locale === 'zh-CN' ? '输入姓名或拼音首字母' : 'Type a name or pinyin initials',
          };
        },
      };
    case 'site':
    case 'committee':
      return {
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: (params: { data: GridRow | undefined; context: GridContext }) => ({
          values: refValues(field, params.context.lookups, params.data),
          valueListMaxHeight: 320,
        }),
      };
    default:
      // number, datetime, time, multiselect: typed as text and read by parseCellInput, so a
      // wrong entry gets the validator's reason instead of being silently coerced.
      return { cellEditor: 'agTextCellEditor', cellEditorParams: { useFormatter: true } };
  }
}

function shown(field: FieldDef, params: { value: unknown; context: GridContext }): string {
  return formatCell(field, (params.value ?? null) as never, params.context.locale, params.context.lookups);
}

const COLLATOR = new Intl.Collator('zh-CN', { numeric: true });

export function columnDefs(
  schema: TableSchema,
  locale: Locale,
  options: {
    showCommittee: boolean;
    getContext: () => GridContext;
    /** Whether this account may edit a column (read-only views: none). */
    canEdit?: (key: string) => boolean;
    /** The statuses the editor offers for a row (the workflow's next steps, which may depend on the row). */
    statusValues?: (current: unknown, row: GridRow | null) => readonly string[];
  },
): ColDef<GridRow>[] {
  const { getContext, statusValues } = options;
  const defs: ColDef<GridRow>[] = [];
  for (const field of schema.fields) {
    const readOnly = isReadOnlyField(schema.table, field.key) || !(options.canEdit?.(field.key) ?? true);
    const isLabelled =
      field.kind === 'select' ||
      field.kind === 'person' ||
      field.kind === 'site' ||
      field.kind === 'committee';
    const def: ColDef<GridRow> = {
      colId: field.key,
      field: field.key,
      headerName: localize(field.label, locale),
      // A narrow column cuts its header and its labels ("Damaged road …"): the whole text
      // is the browser's tooltip (a title attribute, set only on cells with text).
      headerTooltip: localize(field.label, locale),
      tooltipValueGetter: (params) =>
        shown(field, { value: params.data?.[field.key], context: params.context as GridContext }) ||
        undefined,
      editable: !readOnly,
      width: field.key === 'description' || field.key === 'rectification' ? 260 : (WIDTHS[field.kind] ?? 140),
      valueFormatter: (params: ValueFormatterParams<GridRow>) => shown(field, params),
      filter: field.kind === 'number' ? 'agNumberColumnFilter' : 'agTextColumnFilter',
      filterValueGetter:
        field.kind === 'number'
          ? undefined
          : (params) => shown(field, { value: params.data?.[field.key], context: params.context }),
      ...(isLabelled
        ? {
            // Sort by what people read (labels, names), not by codes.
            comparator: (a: unknown, b: unknown) => {
              const ctx = getContext();
              return COLLATOR.compare(
                shown(field, { value: a, context: ctx }),
                shown(field, { value: b, context: ctx }),
              );
            },
          }
        : {}),
      ...(readOnly ? {} : editorFor(field)),
      cellClass: readOnly ? 'cell-read-only' : undefined,
    };
    if (!readOnly && statusValues && schema.table === 'ledger' && field.key === 'status') {
      def.cellEditorParams = (params: { data: GridRow | undefined }) => ({
        values: [...statusValues(params.data?.status, params.data ?? null)],
      });
    }
    if (field.key === 'deadline' && schema.table === 'ledger') {
      def.cellClassRules = deadlineLightClassRules();
      def.tooltipValueGetter = (params) => {
        const date = shown(field, { value: params.data?.deadline, context: params.context as GridContext });
        const light = deadlineLightText(params.data, locale);
        return [date, light].filter(Boolean).join(' · ') || undefined;
      };
    }
    if (field.key === 'id') {
      if (schema.table === 'ledger') {
        def.headerName = locale === 'zh-CN' ? '编号' : 'Code';
        def.valueFormatter = (params) => (typeof params.value === 'string' ? issueCode(params.value) : '');
        def.tooltipValueGetter = (params) =>
          typeof params.data?.id === 'string' ? issueCode(params.data.id) : undefined;
        def.filterValueGetter = (params) =>
          typeof params.data?.id === 'string' ? issueCode(params.data.id) : '';
        def.width = 110;
      } else if (schema.table !== 'committees') {
        def.hide = true;
      }
      def.pinned = 'left';
    }
    if (
      field.key === 'committeeId' &&
      !options.showCommittee &&
      (schema.table === 'ledger' || schema.table === 'roster')
    ) {
      def.hide = true;
    }
    if (field.key === 'createdBy' || field.key === 'updatedAt') def.hide = true;
    defs.push(def);
  }
  return schema.table === 'ledger' ? pinBesideCode(defs) : defs;
}

/** Ledger columns kept in sight beside the code at any width: where an issue stands and by when. */
const PINNED_LEDGER_COLUMNS = ['status', 'deadline'];

/** The ledger's code, status and deadline first and pinned left; the rest in schema order. */
function pinBesideCode(defs: ColDef<GridRow>[]): ColDef<GridRow>[] {
  const pinned = PINNED_LEDGER_COLUMNS.flatMap((key) => defs.filter((d) => d.colId === key));
  const rest = defs.filter((d) => !PINNED_LEDGER_COLUMNS.includes(String(d.colId)));
  const at = rest.findIndex((d) => d.colId === 'id') + 1;
  return [...rest.slice(0, at), ...pinned.map((d) => ({ ...d, pinned: 'left' as const })), ...rest.slice(at)];
}
