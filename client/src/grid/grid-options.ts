// The options AG Grid is built with: look and behaviour (read-only edits through requests,
// our own keys, the row buffer, sorting in place), and the handlers that keep the cell
// range in step with the mouse and the keyboard. The grid calls back through these; what
// they need of the view comes in as plain functions and refs.

import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import type { Locale, TableSchema } from '@civic-ledger/shared';
import {
  type CellEditingStartedEvent,
  type CellEditRequestEvent,
  type ColDef,
  type GridOptions,
  type GridReadyEvent,
  themeQuartz,
} from 'ag-grid-community';
import { isOwnKey } from './grid-keys.ts';
import type { GridContext, GridRow } from './grid-row.ts';
import type { RangeController } from './range-controller.ts';
import { rowClassRules } from './row-classes.ts';

const theme = themeQuartz.withParams({
  fontFamily: 'system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  fontSize: 13,
  rowHeight: 32,
  headerHeight: 34,
  spacing: 6,
});

/** Where a cell of a row is: the room and row id behind a grid row, and the column. */
export interface RowCell {
  readonly room: string;
  readonly rowId: string;
  readonly colKey: string;
}

export interface GridOptionsDeps {
  readonly context: GridContext;
  readonly columnDefs: ColDef<GridRow>[];
  readonly locale: Locale;
  readonly schema: TableSchema;
  readonly range: { readonly current: RangeController | null };
  /** When a mouse button last went down in the grid (performance.now()). */
  readonly pointerDownAt: { readonly current: number };
  readonly onGridReady: (event: GridReadyEvent<GridRow>) => void;
  /** A cell's editor closed with a new value. */
  readonly onEdit: (cell: RowCell, raw: unknown) => void;
  /** A cell's editor opened (a cell) or closed (null). */
  readonly onEditing: (cell: RowCell | null) => void;
  readonly onModelUpdated: () => void;
  /** The person arranged the columns (moved, resized, hid or pinned one). */
  readonly onLayout: () => void;
}

function rowCell(e: CellEditRequestEvent<GridRow> | CellEditingStartedEvent<GridRow>): RowCell | null {
  const data = e.data;
  if (!data || typeof data.id !== 'string') return null;
  return { room: data.$room, rowId: data.id, colKey: e.column.getColId() };
}

export function gridOptions(deps: GridOptionsDeps): GridOptions<GridRow> {
  return {
    theme,
    context: deps.context,
    columnDefs: deps.columnDefs,
    defaultColDef: {
      sortable: true,
      resizable: true,
      floatingFilter: true,
      // Undo/redo and clearing a range are ours (see useGridDomEvents), not the grid's.
      suppressKeyboardEvent: (p) => !p.editing && isOwnKey(p.event),
    },
    localeText: deps.locale === 'zh-CN' ? AG_GRID_LOCALE_CN : AG_GRID_LOCALE_EN,
    getRowId: (p) => String(p.data.id),
    rowClassRules: rowClassRules(deps.schema),
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
    onGridReady: deps.onGridReady,
    onCellEditRequest: (e) => {
      const cell = rowCell(e);
      if (cell) deps.onEdit(cell, e.newValue);
    },
    onCellEditingStarted: (e) => {
      const cell = rowCell(e);
      if (cell) deps.onEditing(cell);
    },
    onCellEditingStopped: () => deps.onEditing(null),
    ...rangeHandlers(deps.range, deps.pointerDownAt),
    onModelUpdated: deps.onModelUpdated,
    onColumnMoved: (e) => {
      if (e.finished) deps.onLayout();
    },
    onColumnResized: (e) => {
      if (e.finished) deps.onLayout();
    },
    onColumnVisible: deps.onLayout,
    onColumnPinned: deps.onLayout,
  };
}

/** The cell range follows mouse drags, shift+clicks, arrows, tab and the grid's own focus moves. */
function rangeHandlers(
  rangeRef: { readonly current: RangeController | null },
  pointerDownAt: { readonly current: number },
): GridOptions<GridRow> {
  return {
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
  };
}
