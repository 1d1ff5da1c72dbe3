// A cell someone else is editing: its value inside an outline in their colour, with their
// name on a tag. Used only for such cells (through cellRendererSelector), so ordinary cells
// stay plain text. Built as plain DOM: the grid renders it without React.
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

export function presenceCell(params: ICellRendererParams<GridRow>): HTMLElement {
  const rowId = typeof params.data?.id === 'string' ? params.data.id : '';
  const people = presenceAt(params.context as GridContext, rowId, params.column?.getColId() ?? '') ?? [];
  const first = people[0];
  const text =
    params.valueFormatted ??
    (params.value === null || params.value === undefined ? '' : String(params.value));
  const cell = document.createElement('span');
  if (!first) {
    cell.textContent = text;
    return cell;
  }
  cell.className = 'presence-cell';
  cell.dataset.presence = people.map((p) => p.name).join(', ');
  const outline = document.createElement('span');
  outline.className = 'presence-outline';
  outline.style.borderColor = first.color;
  const tag = document.createElement('span');
  tag.className = 'presence-tag';
  tag.style.background = first.color;
  tag.textContent = people.map((p) => p.name).join('、');
  cell.append(outline, tag, text);
  return cell;
}
