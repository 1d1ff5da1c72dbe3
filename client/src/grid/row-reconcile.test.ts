import { describe, expect, it } from 'vitest';
import { reconcileRows } from './row-reconcile.ts';

type Row = { id: string; v: number };

describe('batched grid transactions from row changes', () => {
  it('adds new rows, updates shown ones and removes deleted ones', () => {
    const doc = new Map<string, Row>([
      ['a', { id: 'a', v: 2 }],
      ['c', { id: 'c', v: 1 }],
    ]);
    const grid = new Map<string, Row>([
      ['a', { id: 'a', v: 1 }],
      ['b', { id: 'b', v: 1 }],
    ]);
    const tx = reconcileRows(
      ['a', 'b', 'c'],
      (id) => doc.get(id),
      (id) => grid.get(id),
    );
    expect(tx.update).toEqual([{ id: 'a', v: 2 }]);
    expect(tx.remove).toEqual([{ id: 'b', v: 1 }]);
    expect(tx.add).toEqual([{ id: 'c', v: 1 }]);
  });

  it('a row added and deleted within one batch never reaches the grid', () => {
    const tx = reconcileRows(
      ['x'],
      () => undefined,
      () => undefined,
    );
    expect(tx).toEqual({ add: [], update: [], remove: [] });
  });
});
