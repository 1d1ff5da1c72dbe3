// The server's fill of a ledger row's deadline: a row an outside client (a stock y-websocket
// client, a script) writes without a deadline gets the one the shared rule gives it at
// entry, as one more update right after the accepted one, audited as the server's edit.
import { deadlineRulesOf, META_MAP, missingDeadline, ROWS_MAP, type RowChange } from '@civic-ledger/shared';
import * as Y from 'yjs';

/** The transaction origin of the server's own edits. */
export const SERVER_EDIT = Symbol('server-edit');
/** Who the audit trail names for the server's own edits. */
export const SERVER_EDITOR = { id: 'server', username: 'server' } as const;

/**
 * Gives every row `changes` left without a deadline its deadline at entry, in one
 * transaction with origin `SERVER_EDIT`. Returns the fills as row changes, for the audit.
 */
export function fillDeadlines(doc: Y.Doc, changes: readonly RowChange[]): RowChange[] {
  const rows = doc.getMap<unknown>(ROWS_MAP);
  const rules = deadlineRulesOf(doc.getMap<unknown>(META_MAP).entries());
  const fills: { row: Y.Map<unknown>; change: RowChange }[] = [];
  for (const change of changes) {
    if (change.after === null) continue;
    const row = rows.get(change.rowId);
    if (!(row instanceof Y.Map)) continue;
    const deadline = missingDeadline(row.toJSON(), rules);
    if (deadline === null) continue;
    const before = row.get('deadline');
    fills.push({
      row,
      change: {
        rowId: change.rowId,
        before: { deadline: before === undefined ? null : (before as string | null) },
        after: { deadline },
        fields: ['deadline'],
      },
    });
  }
  if (fills.length === 0) return [];
  doc.transact(() => {
    for (const { row, change } of fills) row.set('deadline', change.after?.deadline ?? null);
  }, SERVER_EDIT);
  return fills.map((f) => f.change);
}
