// The audit trail: one entry per field of a row changed by an accepted update. Entries
// of an update commit with it (RoomLogStore.appendUpdates); appendAudit is for the rest.

/** One field of one row changed by one accepted update. */
export interface AuditEntry {
  room: string;
  rowId: string;
  /** The field key, or `*` for a whole row added or deleted. */
  field: string;
  /** JSON of the value before and after (null: absent). */
  before: string | null;
  after: string | null;
  userId: string;
  username: string;
  /** Milliseconds since the epoch. */
  at: number;
}

export interface AuditQuery {
  room: string;
  rowId?: string;
  from?: number;
  to?: number;
  limit?: number;
}

/** How many entries a query returns when it names no limit. */
export const DEFAULT_AUDIT_LIMIT = 1000;

export interface AuditStore {
  appendAudit(entries: readonly AuditEntry[]): Promise<void>;
  /** A room's entries (of one row, when named) with `from <= at <= to`, oldest first. */
  queryAudit(query: AuditQuery): Promise<AuditEntry[]>;
}
