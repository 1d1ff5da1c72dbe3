// The editable grid of one table over one or more rooms: AG Grid bound to the Yjs rows,
// typed editors, validation with a visible reason, cell ranges, clipboard, undo/redo and
// the coloured outlines of others editing. Toolbar actions come in through `actions`.
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import { type DomainError, type Locale, type TableSchema, todayInShanghai } from '@civic-ledger/shared';
import {
  type CellEditRequestEvent,
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  type ColDef,
  ColumnApiModule,
  CustomEditorModule,
  createGrid,
  DateEditorModule,
  type GridApi,
  type GridOptions,
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
  themeQuartz,
  ValidationModule,
} from 'ag-grid-community';
import { useEffect, useMemo, useRef } from 'react';
import type * as Y from 'yjs';
import { fieldEditable, statusOptions } from '../app/rights.ts';
import type { PresenceController } from '../presence/presence-controller.ts';
import type { Presence } from '../presence/presence-map.ts';
import type { Lookups } from '../registry/lookups.ts';
import type { LocalRules } from '../table/local-rules.ts';
import { applyCellEdits, type CellEdit, type EditOutcome } from './cell-edits.ts';
import { copyText, pasteEdits } from './clipboard.ts';
import { columnDefs } from './column-defs.ts';
import { keptColumns, loadColumnLayout, saveColumnLayout } from './column-layout.ts';
import { GridBinding } from './grid-binding.ts';
import type { GridContext, GridRow } from './grid-row.ts';
import { presenceAt, presenceCell } from './presence-cell.ts';
import { RangeController } from './range-controller.ts';
import { rowClassRules } from './row-classes.ts';
import { type SelectionStats, selectionStats } from './selection-stats.ts';
import type { UndoHistory } from './undo-history.ts';

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

const theme = themeQuartz.withParams({
  fontFamily: 'system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  fontSize: 13,
  rowHeight: 32,
  headerHeight: 34,
  spacing: 6,
});

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

/**
 * The first key of an input method (pinyin and the like): the browser reports it as
 * "Process" (key code 229) and composes the text afterwards into whatever has focus.
 */
function isImeKey(e: KeyboardEvent): boolean {
  return e.key === 'Process' || e.keyCode === 229 || e.isComposing;
}

function isOwnKey(e: KeyboardEvent): boolean {
  return isUndoKey(e) !== null || e.key === 'Delete' || e.key === 'Backspace';
}

function isUndoKey(e: KeyboardEvent): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y') return 'redo';
  return null;
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
        statusValues: (current) => statusOptions(principal, current),
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

  // Others' editing cells: refresh just the cells whose outline appears or goes.
  useEffect(() => {
    const controller = props.presence;
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
  }, [props.presence, context]);

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

  const applyEdits = (edits: CellEdit[], kind: 'edit' | 'paste' | 'clear') => {
    const binding = bindingRef.current;
    if (!binding || edits.length === 0) return;
    const outcome = applyCellEdits(
      (room) => binding.docOf(room),
      propsRef.current.schema,
      edits,
      context.lookups,
      propsRef.current.rules,
    );
    propsRef.current.onOutcome(outcome, kind);
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
      });
    }
    propsRef.current.onReady({
      api,
      binding,
      range,
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
    });
  };

  // Copy and paste through the real clipboard events, so spreadsheets on either side work.
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const editing = () => (apiRef.current?.getEditingCells().length ?? 0) > 0;
    const onCopy = (e: ClipboardEvent) => {
      const range = rangeRef.current;
      const target = range?.targetBounds();
      if (!range || !target || editing()) return;
      const { text, cells } = copyText(range, target, schema, context.locale, context.lookups);
      if (cells === 0) return;
      e.clipboardData?.setData('text/plain', text);
      e.preventDefault();
      propsRef.current.onCopied(cells);
    };
    const onPaste = (e: ClipboardEvent) => {
      const api = apiRef.current;
      const range = rangeRef.current;
      const target = range?.targetBounds();
      if (!api || !range || !target || editing()) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (text === '') return;
      e.preventDefault();
      const { edits, area } = pasteEdits(api, target, text);
      applyEdits(edits, 'paste');
      range.select({ row: area.top, col: area.left }, false);
      range.select({ row: area.bottom, col: area.right }, true);
    };
    const onMouseUp = () => rangeRef.current?.endDrag();
    const onPointerDown = () => {
      pointerDownAt.current = performance.now();
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (editing() || !(e.target instanceof HTMLElement) || !e.target.closest('.ag-cell')) return;
      if (isImeKey(e)) {
        // Typing with an input method into a selected cell starts its editor, empty (as a
        // typed letter does), so the composed text lands in it, as in Excel and Sheets.
        const api = apiRef.current;
        const focused = api?.getFocusedCell();
        const node = focused ? api?.getDisplayedRowAtIndex(focused.rowIndex) : undefined;
        if (api && focused && node && focused.column.isCellEditable(node))
          api.startEditingCell({
            rowIndex: focused.rowIndex,
            colKey: focused.column.getColId(),
            key: 'Backspace',
          });
        return;
      }
      const undo = isUndoKey(e);
      if (undo) {
        e.preventDefault();
        if (undo === 'undo') propsRef.current.history.undo();
        else propsRef.current.history.redo();
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        clearSelection();
      }
    };
    el.addEventListener('keydown', onKeyDown);
    el.addEventListener('mousedown', onPointerDown, true);
    el.addEventListener('copy', onCopy);
    el.addEventListener('paste', onPaste);
    window.addEventListener('mouseup', onMouseUp);
    return () => {
      el.removeEventListener('keydown', onKeyDown);
      el.removeEventListener('mousedown', onPointerDown, true);
      el.removeEventListener('copy', onCopy);
      el.removeEventListener('paste', onPaste);
      window.removeEventListener('mouseup', onMouseUp);
    };
  });

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
    const options: GridOptions<GridRow> = {
      theme,
      context,
      columnDefs: defsRef.current,
      defaultColDef: {
        sortable: true,
        resizable: true,
        floatingFilter: true,
        // Undo/redo and clearing a range are ours (see the keydown listener), not the grid's.
        suppressKeyboardEvent: (p) => !p.editing && isOwnKey(p.event),
      },
      localeText: localeAtStart === 'zh-CN' ? AG_GRID_LOCALE_CN : AG_GRID_LOCALE_EN,
      getRowId: (p) => String(p.data.id),
      rowClassRules: rowClassRules(propsRef.current.schema),
      readOnlyEdit: true,
      singleClickEdit: false,
      stopEditingWhenCellsLoseFocus: true,
      enterNavigatesVerticallyAfterEdit: true,
      animateRows: false,
      // Rows drawn above and below the viewport (AG Grid's default is 10): each one is work
      // whenever a jump replaces the rows on screen; 4 rows (128 px) still cover a wheel notch.
      rowBuffer: 4,
      // Updates to a sorted column move only the rows that changed.
      deltaSort: true,
      // A table has at most a few dozen columns; rendering them all keeps every cell of a
      // visible row addressable (presence outlines, paste targets) at little cost.
      suppressColumnVirtualisation: true,
      suppressCellFocus: false,
      // No column has a tooltip. The grid's own tooltips would give every drawn cell a
      // tooltip manager with its listeners (a tenth of a scroll frame); the browser's title
      // attribute costs nothing until something sets one.
      enableBrowserTooltips: true,
      onGridReady,
      onCellEditRequest: (e: CellEditRequestEvent<GridRow>) => {
        const data = e.data;
        const key = e.column.getColId();
        if (!data || typeof data.id !== 'string') return;
        applyEdits([{ room: data.$room, rowId: data.id, key, raw: e.newValue }], 'edit');
      },
      onCellEditingStarted: (e) => {
        const data = e.data;
        if (data && typeof data.id === 'string')
          propsRef.current.presence.setEditing({
            room: data.$room,
            rowId: data.id,
            colKey: e.column.getColId(),
          });
      },
      onCellEditingStopped: () => propsRef.current.presence.setEditing(null),
      onCellMouseDown: (e) => {
        const mouse = e.event as MouseEvent | null;
        if (mouse && mouse.button !== 0) return;
        rangeRef.current?.startDrag(
          rangeRef.current.position(e.rowIndex, e.column.getColId()),
          mouse?.shiftKey ?? false,
        );
      },
      onCellMouseOver: (e) => {
        const mouse = e.event as MouseEvent | null;
        if (mouse && mouse.buttons !== 1) {
          rangeRef.current?.endDrag();
          return;
        }
        rangeRef.current?.dragOver(rangeRef.current.position(e.rowIndex, e.column.getColId()));
      },
      navigateToNextCell: (p) => {
        const next = p.nextCellPosition;
        if (next && next.rowPinned == null) {
          rangeRef.current?.select(
            rangeRef.current.position(next.rowIndex, next.column.getColId()),
            p.event?.shiftKey ?? false,
          );
        }
        return next;
      },
      tabToNextCell: (p) => {
        const next = p.nextCellPosition;
        if (next && next.rowPinned == null)
          rangeRef.current?.select(rangeRef.current.position(next.rowIndex, next.column.getColId()), false);
        return next ?? false;
      },
      onCellFocused: (e) => {
        // Focus moved by the grid itself (e.g. Enter after an edit): follow it. Mouse presses
        // are handled by onCellMouseDown (which knows about shift), so skip those.
        const range = rangeRef.current;
        if (performance.now() - pointerDownAt.current < 300) return;
        if (!range || e.rowIndex === null || !e.column || typeof e.column === 'string') return;
        const pos = range.position(e.rowIndex, e.column.getColId());
        const cur = range.current;
        if (pos && cur && (cur.focus.row !== pos.row || cur.focus.col !== pos.col)) range.select(pos, false);
        if (pos && !cur) range.select(pos, false);
      },
      onModelUpdated: reportStats,
      onColumnMoved: (e) => {
        if (e.finished) keepLayout();
      },
      onColumnResized: (e) => {
        if (e.finished) keepLayout();
      },
      onColumnVisible: keepLayout,
      onColumnPinned: keepLayout,
    };
    const api = createGrid<GridRow>(el, options);
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

  // Overdue is judged on today's date: when the day turns, judge the rendered rows again.
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
  }, []);

  return (
    <div ref={containerRef} className="table-grid" data-testid="table-grid">
      <div ref={gridRef} className="table-grid-body" />
    </div>
  );
}
