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

/** An `app_user` row as both stores return it (SQLite: 0/1 and numbers; PostgreSQL: booleans and bigint strings). */
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  committee_id: string | null;
  disabled: number | boolean;
  token_version: number;
  created_at: string;
  updated_at: number | string;
}

export function userFromRow(r: UserRow): UserRecord {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    role: r.role as UserRecord['role'],
    committeeId: r.committee_id,
    disabled: Boolean(r.disabled),
    tokenVersion: r.token_version,
    createdAt: r.created_at,
    updatedAt: Number(r.updated_at),
  };
}
