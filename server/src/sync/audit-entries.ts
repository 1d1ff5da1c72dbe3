// What the audit trail records of an accepted update: one entry per changed field of a
// row, or one `*` entry for a row added or deleted, with who and when; and one entry per
// value written at the same time as another's and not kept (`<field>~overwritten`, before
// the value kept, after the value lost), so both writers' values stay in the row's history.
import { OVERWRITTEN_MARK, type RowChange } from '@civic-ledger/shared';
import type { AuditEntry } from '../store/audit-store.ts';

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function auditEntries(
  room: string,
  who: { id: string; username: string },
  changes: readonly RowChange[],
): AuditEntry[] {
  const at = Date.now();
  const base = { room, userId: who.id, username: who.username, at };
  const entries: AuditEntry[] = [];
  for (const c of changes) {
    if (c.before === null || c.after === null) {
      entries.push({ ...base, rowId: c.rowId, field: '*', before: json(c.before), after: json(c.after) });
      continue;
    }
    for (const field of c.fields) {
      entries.push({
        ...base,
        rowId: c.rowId,
        field,
        before: json(c.before[field]),
        after: json(c.after[field]),
      });
    }
    for (const [field, value] of Object.entries(c.lost ?? {})) {
      entries.push({
        ...base,
        rowId: c.rowId,
        field: `${field}${OVERWRITTEN_MARK}`,
        before: json(c.after[field]),
        after: json(value),
      });
    }
  }
  return entries;
}
