// The person picker of the grid: type to filter hundreds of names (a part of the name, or
// its pinyin initials: "zwm" finds 张伟民), the people most used in this column first.
// Arrow keys move, Enter or a click chooses, Escape leaves the cell as it was.
import type { ICellEditorComp, ICellEditorParams } from 'ag-grid-community';
import { nameMatches } from '../registry/pinyin-initials.ts';
import type { GridRow } from './grid-row.ts';

export interface RefPickerParams {
  /** The ids offered, in the editor's base order (null: empty the cell). */
  readonly values: readonly (string | null)[];
  /** What a person reads for an id (a name). */
  readonly label: (id: string | null) => string;
  /** How many rows of the grid already hold each id: most used first. */
  readonly usage: ReadonlyMap<string, number>;
  readonly placeholder: string;
}

/** At most this many names are drawn; typing narrows the rest. */
const SHOWN = 80;

/** The ids most used first, the empty choice on top, ties in their given order. */
export function pickerOrder(
  values: readonly (string | null)[],
  usage: ReadonlyMap<string, number>,
): (string | null)[] {
  return values
    .map((id, i) => ({ id, i, n: id === null ? Number.POSITIVE_INFINITY : (usage.get(id) ?? 0) }))
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .map((e) => e.id);
}

export class RefPickerEditor implements ICellEditorComp<GridRow> {
  private gui = document.createElement('div');
  private input = document.createElement('input');
  private list = document.createElement('ul');
  private params: (ICellEditorParams<GridRow> & RefPickerParams) | null = null;
  private value: string | null = null;
  private ordered: (string | null)[] = [];
  private shown: (string | null)[] = [];
  private active = 0;

  init(params: ICellEditorParams<GridRow> & RefPickerParams): void {
    this.params = params;
    this.value = typeof params.value === 'string' ? params.value : null;
    this.ordered = pickerOrder(params.values, params.usage);
    this.gui.className = 'ref-picker';
    this.gui.dataset.testid = 'ref-picker';
    this.input.type = 'search';
    this.input.className = 'ref-picker-input';
    this.input.placeholder = params.placeholder;
    this.input.setAttribute('aria-label', params.placeholder);
    this.list.className = 'ref-picker-list';
    this.list.setAttribute('role', 'listbox');
    // A letter typed on the selected cell started the editor: it is the first of the search.
    if (params.eventKey && params.eventKey.length === 1) this.input.value = params.eventKey;
    this.gui.append(this.input, this.list);
    this.input.addEventListener('input', () => {
      this.active = 0;
      this.render();
    });
    this.input.addEventListener('keydown', this.onKeyDown);
    this.list.addEventListener('mousedown', (e) => {
      const item = (e.target as HTMLElement).closest('li');
      if (!item) return;
      e.preventDefault();
      this.choose(Number(item.dataset.index));
      this.params?.stopEditing();
    });
    this.render();
  }

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      e.stopPropagation();
      const last = this.shown.length - 1;
      this.active = Math.max(0, Math.min(last, this.active + (e.key === 'ArrowDown' ? 1 : -1)));
      this.render();
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      // The grid stops editing on these and reads getValue().
      if (this.input.value.trim() !== '' || this.active > 0) this.choose(this.active);
    }
  };

  private choose(index: number): void {
    if (index < 0 || index >= this.shown.length) return;
    this.value = this.shown[index] ?? null;
  }

  private render(): void {
    const params = this.params;
    if (!params) return;
    const typed = this.input.value;
    this.shown = this.ordered.filter((id) => nameMatches(params.label(id), typed)).slice(0, SHOWN);
    if (typed.trim() !== '' && this.shown[0] === null && this.shown.length > 1) this.shown.shift();
    this.list.replaceChildren(
      ...this.shown.map((id, i) => {
        const li = document.createElement('li');
        li.dataset.index = String(i);
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', String(i === this.active));
        if (i === this.active) li.className = 'active';
        li.textContent = params.label(id);
        return li;
      }),
    );
    this.list.querySelector('li.active')?.scrollIntoView({ block: 'nearest' });
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  afterGuiAttached(): void {
    this.input.focus();
    const end = this.input.value.length;
    this.input.setSelectionRange(end, end);
  }

  isPopup(): boolean {
    return true;
  }

  getValue(): string | null {
    return this.value;
  }
}
