import { describe, expect, it } from 'vitest';
import { columnLayoutKey, keptColumns, loadColumnLayout, saveColumnLayout } from './column-layout.ts';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, v),
  };
}

describe('column layout kept on the device', () => {
  it('keeps order, widths, hidden and pinned columns per account and table, not the sort', () => {
    const storage = memoryStorage();
    const key = columnLayoutKey('wang', 'ledger');
    const kept = keptColumns([
      { colId: 'id', width: 110, pinned: 'left', hide: false, sort: 'asc' },
      { colId: 'description', width: 400, hide: false, pinned: null },
      { colId: 'source', width: 120, hide: true },
    ]);
    saveColumnLayout(storage, key, kept);
    expect(loadColumnLayout(storage, key)).toEqual([
      { colId: 'id', width: 110, hide: false, pinned: 'left' },
      { colId: 'description', width: 400, hide: false, pinned: null },
      { colId: 'source', width: 120, hide: true, pinned: null },
    ]);
    expect(loadColumnLayout(storage, columnLayoutKey('wang', 'roster'))).toBeNull();
    expect(loadColumnLayout(storage, columnLayoutKey('li', 'ledger'))).toBeNull();
  });

  it('ignores a stored value it did not write', () => {
    const storage = memoryStorage();
    storage.setItem('k', '{not json');
    expect(loadColumnLayout(storage, 'k')).toBeNull();
    storage.setItem('k', JSON.stringify([{ colId: 3 }]));
    expect(loadColumnLayout(storage, 'k')).toBeNull();
    expect(loadColumnLayout(null, 'k')).toBeNull();
  });
});
