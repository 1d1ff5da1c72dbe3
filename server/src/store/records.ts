// Records the store keeps besides documents: accounts and the audit trail.
import type { Role } from '@civic-ledger/shared';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  /** `scrypt$N$r$p$salt$hash`, never the password. */
  passwordHash: string;
  role: Role;
  committeeId: string | null;
  disabled: boolean;
  /** Raised to revoke every token issued before. */
  tokenVersion: number;
  createdAt: string;
  /** Milliseconds since the epoch; watched for revocation. */
  updatedAt: number;
}

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

export interface UserStore {
  getUser(id: string): Promise<UserRecord | null>;
  getUserByName(username: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  /** Inserts or replaces by id; usernames are unique. */
  putUser(user: UserRecord): Promise<void>;
  usersChangedSince(ms: number): Promise<UserRecord[]>;
}

export interface AuditStore {
  appendAudit(entries: readonly AuditEntry[]): Promise<void>;
  queryAudit(query: AuditQuery): Promise<AuditEntry[]>;
}
