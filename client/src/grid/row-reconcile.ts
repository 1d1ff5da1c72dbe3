// Turns "these rows were touched" (from observeRows, gathered over a frame) into one grid
// transaction by comparing the documents with what the grid holds: no full re-render, and
// a row added then deleted before the frame never reaches the grid.

export interface GridTransaction<Row> {
  readonly add: Row[];
  readonly update: Row[];
  readonly remove: Row[];
}

export function reconcileRows<Row>(
  touched: Iterable<string>,
  current: (id: string) => Row | undefined,
  inGrid: (id: string) => Row | undefined,
): GridTransaction<Row> {
  const add: Row[] = [];
  const update: Row[] = [];
  const remove: Row[] = [];
  for (const id of touched) {
    const row = current(id);
    const shown = inGrid(id);
    if (row && shown) update.push(row);
    else if (row) add.push(row);
    else if (shown) remove.push(shown);
  }
  return { add, update, remove };
}
