// A cell someone else is editing: its value inside an outline in their colour, with their
// name on a tag. Used only for such cells (through cellRendererSelector), so ordinary cells
// stay plain text.
import type { ICellRendererParams } from 'ag-grid-community';
import type { Identity } from '../presence/identity.ts';
import { cellKey } from '../presence/presence-map.ts';
import type { GridContext, GridRow } from './grid-row.ts';

export function presenceAt(
  context: GridContext,
  rowId: string,
  colKey: string,
): readonly Identity[] | undefined {
  return context.presence.cells.get(cellKey(rowId, colKey));
}

export function PresenceCell(params: ICellRendererParams<GridRow>) {
  const rowId = typeof params.data?.id === 'string' ? params.data.id : '';
  const people = presenceAt(params.context as GridContext, rowId, params.column?.getColId() ?? '') ?? [];
  const first = people[0];
  const text =
    params.valueFormatted ??
    (params.value === null || params.value === undefined ? '' : String(params.value));
  if (!first) return <span>{text}</span>;
  return (
    <span className="presence-cell" data-presence={people.map((p) => p.name).join(', ')}>
      <span className="presence-outline" style={{ borderColor: first.color }} />
      <span className="presence-tag" style={{ background: first.color }}>
        {people.map((p) => p.name).join('、')}
      </span>
      {text}
    </span>
  );
}
