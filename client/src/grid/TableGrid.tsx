// The editable grid of one table over one or more rooms: AG Grid bound to the Yjs rows,
// typed editors, validation with a visible reason, cell ranges, clipboard, undo/redo and
// the coloured outlines of others editing. Toolbar actions come in through `actions`.
import {
  type DomainError,
  type Locale,
  newRowId,
  type TableSchema,
  todayInShanghai,
} from '@civic-ledger/shared';
import {
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  type ColDef,
  ColumnApiModule,
  CustomEditorModule,
  createGrid,
  DateEditorModule,
  type GridApi,
  type GridReadyEvent,
  LargeTextEditorModule,
  LocaleModule,
  ModuleRegistry,
  NumberFilterModule,
  RenderApiModule,
  RowApiModule,
  RowStyleModule,
  ScrollApiModule,
  SelectEditorModule,
  TextEditorModule,
  TextFilterModule,
  ValidationModule,
} from 'ag-grid-community';
import { type RefObject, useEffect, useMemo, useRef } from 'react';
import type * as Y from 'yjs';
import { fieldEditable, statusOptions } from '../app/rights.ts';
import type { PresenceController } from '../presence/presence-controller.ts';
import type { Presence } from '../presence/presence-map.ts';
import type { Lookups } from '../registry/lookups.ts';
import type { LocalRules } from '../table/local-rules.ts';
import { type AddedRow, applyCellEdits, type CellEdit, type EditOutcome } from './cell-edits.ts';
import { copyText, type PastedRow, pasteEdits } from './clipboard.ts';
import { columnDefs } from './column-defs.ts';
import { keptColumns, loadColumnLayout, saveColumnLayout } from './column-layout.ts';
import { GridBinding } from './grid-binding.ts';
import { gridOptions } from './grid-options.ts';
import type { GridContext, GridRow } from './grid-row.ts';
import { type Overwrite, watchOverwrites } from './overwrite-watch.ts';
import { presenceAt, presenceCell } from './presence-cell.ts';
import { RangeController } from './range-controller.ts';
import { type SelectionStats, selectionStats } from './selection-stats.ts';
import type { UndoHistory } from './undo-history.ts';
import { useGridDomEvents } from './useGridDomEvents.ts';

// Only the grid features this app uses are registered (all of them would double AG Grid's
// share of the page's code): the client-side row model and its transactions, the text,
// long-text, date and select editors and our own person picker, text and number filters,
// cell and row classes, the grid's own texts, and the column, row, scroll and refresh
// calls of the grid API. A feature whose module is missing does not work, and AG Grid logs its error #200
// naming the module; the ledger's browser test fails on such a message. In development
// the validation module also checks every option against the modules registered.
ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  ClientSideRowModelApiModule,
  TextEditorModule,
  LargeTextEditorModule,
  DateEditorModule,
  SelectEditorModule,
  CustomEditorModule,
  TextFilterModule,
  NumberFilterModule,
  CellStyleModule,
  RowStyleModule,
  LocaleModule,
  ColumnApiModule,
  RowApiModule,
  ScrollApiModule,
  RenderApiModule,
]);
if (import.meta.env.DEV) ModuleRegistry.registerModules([ValidationModule]);

export interface GridStats {
  readonly shown: number;
  readonly total: number;
  readonly selection: SelectionStats | null;
}

/** What the toolbar may ask of the grid. */
export interface GridHandle {
  api: GridApi<GridRow>;
  binding: GridBinding;
  range: RangeController;
  /** Focuses a row's cell and starts editing it (after the row reaches the grid). */
  focusCell(rowId: string, colKey: string, edit: boolean): void;
  /** The row of the focused cell (or the first selected row). */
  focusedRow(): { room: string; rowId: string } | null;
  /** Row ids (with rooms) covered by the selection or the focused cell. */
  selectedRows(): { room: string; rowId: string }[];
  /** Makes one edit as if typed into its cell (checked, one undo step, its outcome reported). */
  applyEdit(edit: CellEdit): void;
}

/** What the grid needs of a room: a live connection, or a frozen copy (a snapshot). */
export interface GridRoom {
  readonly room: string;
  readonly doc: Y.Doc;
  /** Resolves once the document holds what is there to show first. */
  readonly ready: Promise<void>;
}

interface TableGridProps {
  readonly schema: TableSchema;
  readonly rooms: readonly GridRoom[];
  readonly locale: Locale;
  readonly lookups: Lookups;
  readonly showCommittee: boolean;
  /** The account's rules: which columns and statuses it may edit, checked before each edit. */
  readonly rules: LocalRules;
  readonly readOnly: boolean;
  readonly history: UndoHistory;
  readonly presence: PresenceController;
  readonly onOutcome: (outcome: EditOutcome, kind: 'edit' | 'paste' | 'clear') => void;
  readonly onCopied: (cells: number) => void;
  readonly onStats: (stats: GridStats) => void;
  readonly onError: (error: DomainError) => void;
  readonly onReady: (handle: GridHandle | null) => void;
  /** Where this person's column layout of the table is kept on the device; null keeps none. */
  readonly layoutKey?: string | null;
  /**
   * The values a row added by pasting past the last row starts with in `room`; null (or
   * absent) adds none, and such a row is judged by the rules as it is.
   */
  readonly pastedRow?: (room: string) => Readonly<Record<string, unknown>> | null;
  /** This person's edit of a cell was replaced by someone else's made at the same time. */
  readonly onOverwrite?: (overwrite: Overwrite) => void;
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Puts back the column layout kept under `key`; `arranging` is set meanwhile. */
function restoreLayout(
  api: GridApi<GridRow>,
  key: string | null | undefined,
  arranging: { current: boolean },
) {
  const kept = key ? loadColumnLayout(safeLocalStorage(), key) : null;
  if (!kept) return;
  arranging.current = true;
  try {
    api.applyColumnState({ state: kept, applyOrder: true });
  } finally {
    arranging.current = false;
  }
}

/** The toolbar's view of the grid: focus a cell, the focused row, the rows selected. */
function gridHandle(
  api: GridApi<GridRow>,
  binding: GridBinding,
  range: RangeController,
  applyEdit: (edit: CellEdit) => void,
): GridHandle {
  return {
    api,
    binding,
    range,
    applyEdit,
    focusCell(rowId, colKey, edit) {
      binding.flush();
      binding.whenFlushed(() => {
        const node = api.getRowNode(rowId);
        if (!node || node.rowIndex === null) return;
        api.ensureNodeVisible(node);
        api.ensureColumnVisible(colKey);
        api.setFocusedCell(node.rowIndex, colKey);
        range.select(range.position(node.rowIndex, colKey), false);
        if (edit) api.startEditingCell({ rowIndex: node.rowIndex, colKey });
      });
    },
    focusedRow() {
      const focused = api.getFocusedCell();
      const data = focused ? api.getDisplayedRowAtIndex(focused.rowIndex)?.data : undefined;
      if (data && typeof data.id === 'string') return { room: data.$room, rowId: data.id };
      return this.selectedRows()[0] ?? null;
    },
    selectedRows() {
      const b = range.targetBounds();
      if (!b) return [];
      const out: { room: string; rowId: string }[] = [];
      for (let r = b.top; r <= b.bottom; r++) {
        const data = api.getDisplayedRowAtIndex(r)?.data;
        if (data && typeof data.id === 'string') out.push({ room: data.$room, rowId: data.id });
      }
      return out;
    },
  };
}

/** Others' editing cells: refreshes just the cells whose outline appears or goes. */
function usePresenceOutlines(
  controller: PresenceController,
  context: GridContext,
  apiRef: RefObject<GridApi<GridRow> | null>,
) {
  useEffect(() => {
    let previous: Presence = controller.current;
    context.presence = previous;
    return controller.subscribe(() => {
      const next = controller.current;
      context.presence = next;
      const api = apiRef.current;
      if (!api) return;
      const keys = new Set([...previous.cells.keys(), ...next.cells.keys()]);
      previous = next;
      for (const key of keys) {
        const [rowId, colKey] = key.split('|');
        const node = rowId ? api.getRowNode(rowId) : undefined;
        if (node && colKey) api.refreshCells({ rowNodes: [node], columns: [colKey], force: true });
      }
    });
  }, [controller, context, apiRef]);
}

/** Overdue is judged on today's date: when the day turns, judges the rendered rows again. */
function useRedrawWhenDayTurns(apiRef: RefObject<GridApi<GridRow> | null>) {
  useEffect(() => {
    let day = todayInShanghai();
    const timer = setInterval(() => {
      const now = todayInShanghai();
      if (now === day) return;
      day = now;
      const api = apiRef.current;
      if (api && !api.isDestroyed()) api.redrawRows();
    }, 60_000);
    return () => clearInterval(timer);
  }, [apiRef]);
}

export function TableGrid(props: TableGridProps) {
  const { schema, locale, lookups, showCommittee, readOnly } = props;
  const principal = props.rules.principal;
  const propsRef = useRef(props);
  propsRef.current = props;
  const context = useRef<GridContext>({ locale, lookups, presence: props.presence.current }).current;
  const apiRef = useRef<GridApi<GridRow> | null>(null);
  const bindingRef = useRef<GridBinding | null>(null);
  const rangeRef = useRef<RangeController | null>(null);
  const containerRef = useRef<HTMLDivElement | null>(null);
  const untrack = useRef<(() => void)[]>([]);
  const pointerDownAt = useRef(0);
  // Set while the grid's columns are replaced or the kept layout applied: those column
  // events are not the person arranging columns.
  const arranging = useRef(false);

  const keepLayout = () => {
    const api = apiRef.current;
    const key = propsRef.current.layoutKey;
    if (!api || api.isDestroyed() || !key || arranging.current) return;
    saveColumnLayout(safeLocalStorage(), key, keptColumns(api.getColumnState()));
  };

  const defs = useMemo<ColDef<GridRow>[]>(
    () =>
      columnDefs(schema, locale, {
        showCommittee,
        getContext: () => context,
        canEdit: (key) => !readOnly && fieldEditable(principal, schema.table, key),
        statusValues: (current, row) => statusOptions(principal, current, row),
      }).map((def) => ({
        ...def,
        cellClassRules: {
          'cell-in-range': (p) => rangeRef.current?.contains(p.rowIndex, p.column.getColId()) ?? false,
        },
        // Most of the time nobody else is editing: one size check per cell, no key built.
        cellRendererSelector: (p) =>
          (p.context as GridContext).presence.cells.size > 0 &&
          p.data &&
          typeof p.data.id === 'string' &&
          presenceAt(p.context as GridContext, p.data.id, p.column?.getColId() ?? '')
            ? { component: presenceCell }
            : undefined,
      })),
    [schema, locale, showCommittee, context, readOnly, principal],
  );

  // Locale and lookups change the text of every cell, not the columns: refresh in place.
  useEffect(() => {
    context.locale = locale;
    context.lookups = lookups;
    apiRef.current?.refreshCells({ force: true });
  }, [locale, lookups, context]);

  usePresenceOutlines(props.presence, context, apiRef);

  const reportStats = () => {
    const api = apiRef.current;
    const binding = bindingRef.current;
    const range = rangeRef.current;
    if (!api || !binding || api.isDestroyed()) return;
    const total = binding.rowCount;
    let selection: SelectionStats | null = null;
    const b = range?.current ? range.targetBounds() : null;
    if (range && b && (b.bottom - b.top + 1) * (b.right - b.left + 1) <= 200_000) {
      const values = range
        .cells(b)
        .flatMap((row) => row.map(({ node, column }) => node.data?.[column.getColId()]));
      selection = selectionStats(values);
    }
    propsRef.current.onStats({ shown: api.getDisplayedRowCount(), total, selection });
  };

  const applyEdits = (
    edits: CellEdit[],
    kind: 'edit' | 'paste' | 'clear',
    added: readonly AddedRow[] = [],
  ) => {
    const binding = bindingRef.current;
    if (!binding || edits.length === 0) return;
    const outcome = applyCellEdits(
      (room) => binding.docOf(room),
      propsRef.current.schema,
      edits,
      context.lookups,
      propsRef.current.rules,
      new Date(),
      added,
    );
    propsRef.current.onOutcome(outcome, kind);
  };

  /**
   * The rows a paste adds below the last row (blank pasted rows skipped): each with a new
   * id in the room of the grid's last row, and the edits that fill it.
   */
  const rowsToAdd = (api: GridApi<GridRow>, pasted: readonly PastedRow[]) => {
    const last = api.getDisplayedRowAtIndex(api.getDisplayedRowCount() - 1)?.data;
    const rows: AddedRow[] = [];
    const edits: CellEdit[] = [];
    if (!last) return { rows, edits };
    const room = last.$room;
    for (const cells of pasted) {
      if (cells.every((c) => c.raw.trim() === '')) continue;
      const base = propsRef.current.pastedRow?.(room) ?? {};
      const rowId = typeof base.id === 'string' ? base.id : newRowId();
      rows.push({ room, rowId, base });
      for (const { key, raw } of cells) edits.push({ room, rowId, key, raw });
    }
    return { rows, edits };
  };

  const onGridReady = (event: GridReadyEvent<GridRow>) => {
    const api = event.api;
    apiRef.current = api;
    restoreLayout(api, propsRef.current.layoutKey, arranging);
    const binding = new GridBinding(api, reportStats);
    const range = new RangeController(api);
    bindingRef.current = binding;
    rangeRef.current = range;
    range.subscribe(reportStats);
    // Rooms reach the grid as each finishes loading its local copy (rooms are fixed for a grid's life).
    const history = propsRef.current.history;
    for (const connection of propsRef.current.rooms) {
      void connection.ready.then(() => {
        if (api.isDestroyed() || connection.doc.isDestroyed) return;
        binding.attachRoom(connection.room, connection.doc);
        untrack.current.push(history.track(connection.room, connection.doc));
        untrack.current.push(
          watchOverwrites(connection.room, connection.doc, (o) => propsRef.current.onOverwrite?.(o)),
        );
      });
    }
    propsRef.current.onReady(gridHandle(api, binding, range, (edit) => applyEdits([edit], 'edit')));
  };

  const copySelection = (): string | null => {
    const range = rangeRef.current;
    const target = range?.targetBounds();
    if (!range || !target) return null;
    const { text, cells } = copyText(range, target, schema, context.locale, context.lookups);
    if (cells === 0) return null;
    propsRef.current.onCopied(cells);
    return text;
  };

  const pasteText = (text: string): boolean => {
    const api = apiRef.current;
    const range = rangeRef.current;
    const target = range?.targetBounds();
    if (!api || !range || !target) return false;
    const { edits, area, added } = pasteEdits(api, target, text);
    const adding = rowsToAdd(api, added);
    applyEdits([...edits, ...adding.edits], 'paste', adding.rows);
    range.select({ row: area.top, col: area.left }, false);
    range.select({ row: area.bottom, col: area.right }, true);
    // The rows added reach the grid with its next frame; the selection then covers them too.
    const binding = bindingRef.current;
    if (adding.rows.length > 0 && binding) {
      binding.flush();
      binding.whenFlushed(() => {
        const bottom = Math.max(
          area.bottom,
          ...adding.rows.map((r) => api.getRowNode(r.rowId)?.rowIndex ?? -1),
        );
        range.select({ row: area.top, col: area.left }, false);
        range.select({ row: bottom, col: area.right }, true);
      });
    }
    return true;
  };

  const clearSelection = () => {
    const api = apiRef.current;
    const range = rangeRef.current;
    const b = range?.targetBounds();
    if (!api || !range || !b) return;
    const edits: CellEdit[] = [];
    for (const row of range.cells(b)) {
      for (const { node, column } of row) {
        const data = node.data;
        if (!data || typeof data.id !== 'string' || !column.isCellEditable(node)) continue;
        edits.push({ room: data.$room, rowId: data.id, key: column.getColId(), raw: '' });
      }
    }
    applyEdits(edits, 'clear');
  };

  /** Opens the focused cell's editor empty, as a typed letter does, for an input method's text. */
  const startTyping = () => {
    const api = apiRef.current;
    const focused = api?.getFocusedCell();
    const node = focused ? api?.getDisplayedRowAtIndex(focused.rowIndex) : undefined;
    if (api && focused && node && focused.column.isCellEditable(node))
      api.startEditingCell({
        rowIndex: focused.rowIndex,
        colKey: focused.column.getColId(),
        key: 'Backspace',
      });
  };

  useGridDomEvents(containerRef, {
    editing: () => (apiRef.current?.getEditingCells().length ?? 0) > 0,
    copy: copySelection,
    paste: pasteText,
    undo: (kind) => (kind === 'undo' ? propsRef.current.history.undo() : propsRef.current.history.redo()),
    clear: clearSelection,
    startTyping,
    endDrag: () => rangeRef.current?.endDrag(),
    pointerDown: () => {
      pointerDownAt.current = performance.now();
    },
  });

  // The grid is AG Grid's own DOM grid, not its React wrapper: the React flavour renders every
  // cell as a React component, which costs more than the rest of a scroll frame together.
  // It is built once per TableGrid; columns change in place. Handlers read through refs.
  const gridRef = useRef<HTMLDivElement | null>(null);
  const defsRef = useRef(defs);
  defsRef.current = defs;
  const localeAtStart = useRef(locale).current;
  // biome-ignore lint/correctness/useExhaustiveDependencies: built once; handlers read current values through refs
  useEffect(() => {
    const el = gridRef.current;
    if (!el) return;
    const api = createGrid<GridRow>(
      el,
      gridOptions({
        context,
        columnDefs: defsRef.current,
        locale: localeAtStart,
        schema: propsRef.current.schema,
        range: rangeRef,
        pointerDownAt,
        onGridReady,
        onEdit: ({ room, rowId, colKey }, raw) => applyEdits([{ room, rowId, key: colKey, raw }], 'edit'),
        onEditing: (cell) => propsRef.current.presence.setEditing(cell),
        onModelUpdated: reportStats,
        onLayout: keepLayout,
      }),
    );
    return () => {
      bindingRef.current?.destroy();
      bindingRef.current = null;
      for (const stop of untrack.current.splice(0)) stop();
      propsRef.current.onReady(null);
      apiRef.current = null;
      api.destroy();
    };
  }, []);

  // New columns (rights, language, committee column) replace the old ones in place.
  useEffect(() => {
    const api = apiRef.current;
    if (!api || api.isDestroyed()) return;
    arranging.current = true;
    try {
      api.setGridOption('columnDefs', defs);
    } finally {
      arranging.current = false;
    }
    restoreLayout(api, propsRef.current.layoutKey, arranging);
  }, [defs]);

  useRedrawWhenDayTurns(apiRef);

  return (
    <div ref={containerRef} className="table-grid" data-testid="table-grid">
      <div ref={gridRef} className="table-grid-body" />
    </div>
  );
}
