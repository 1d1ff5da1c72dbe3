// The bar above a grid: add and delete rows, undo and redo (not in a read-only view),
// a row's change history, and which columns to show.
import type { TableName } from '@civic-ledger/shared';
import { useState } from 'react';
import type { GridHandle } from '../grid/TableGrid.tsx';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Lookups } from '../registry/lookups.ts';

interface ToolbarProps {
  readonly table: TableName;
  readonly committeeId: string | null;
  readonly addTarget: string;
  readonly onAddTarget: (committeeId: string) => void;
  readonly lookups: Lookups;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly onAdd: () => void;
  readonly onDelete: () => void;
  readonly onUndo: () => void;
  readonly onRedo: () => void;
  readonly grid: GridHandle | null;
  readonly readOnly: boolean;
  /** Opens the focused row's history; absent when the account may not see it. */
  readonly onHistory: (() => void) | null;
  /** Opens the import dialog; absent in a read-only view. */
  readonly onImport?: (() => void) | null;
}

function ColumnMenu({ grid }: { grid: GridHandle }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [, setTick] = useState(0);
  const columns = grid.api.getColumns() ?? [];
  return (
    <div className="column-menu">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open}>
        {t('toolbar.columns')} ▾
      </button>
      {open && (
        <div className="column-menu-list" role="menu">
          {columns.map((col) => (
            <label key={col.getColId()}>
              <input
                type="checkbox"
                checked={col.isVisible()}
                onChange={(e) => {
                  grid.api.setColumnsVisible([col], e.target.checked);
                  setTick((n) => n + 1);
                }}
              />
              {col.getColDef().headerName}
            </label>
          ))}
        </div>
      )}
    </div>
  );
}

export function Toolbar(props: ToolbarProps) {
  const { t } = useI18n();
  const needsTarget =
    !props.readOnly &&
    props.committeeId === null &&
    (props.table === 'ledger' || props.table === 'roster' || props.table === 'sites');
  return (
    <div className="toolbar" role="toolbar">
      {needsTarget && (
        <label className="add-target">
          {t('toolbar.addTo')}
          <select
            value={props.addTarget}
            onChange={(e) => props.onAddTarget(e.target.value)}
            data-testid="add-target"
          >
            <option value="">—</option>
            {props.lookups.committees.entries.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {!props.readOnly && (
        <>
          <button type="button" onClick={props.onAdd} data-testid="add-row">
            ＋ {t('toolbar.addRow')}
          </button>
          <button type="button" onClick={props.onDelete} data-testid="delete-rows">
            {t('toolbar.deleteRows')}
          </button>
          <button
            type="button"
            onClick={props.onUndo}
            disabled={!props.canUndo}
            data-testid="undo"
            title="Ctrl+Z"
          >
            ↶ {t('toolbar.undo')}
          </button>
          <button
            type="button"
            onClick={props.onRedo}
            disabled={!props.canRedo}
            data-testid="redo"
            title="Ctrl+Y"
          >
            ↷ {t('toolbar.redo')}
          </button>
        </>
      )}
      {!props.readOnly && props.onImport && (
        <button type="button" onClick={props.onImport} data-testid="import-open">
          {t('import.button')}
        </button>
      )}
      {props.onHistory && (
        <button type="button" onClick={props.onHistory} disabled={!props.grid} data-testid="row-history">
          {t('history.button')}
        </button>
      )}
      {props.grid && (
        <button type="button" onClick={() => props.grid?.api.setFilterModel(null)}>
          {t('toolbar.clearFilters')}
        </button>
      )}
      {props.grid && <ColumnMenu grid={props.grid} />}
    </div>
  );
}
