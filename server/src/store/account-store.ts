// Accounts the store keeps: who may sign in, with which role, and when that last changed.
import type { Role } from '@civic-ledger/shared';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  /** `scrypt$N$r$p$salt$hash`, never the password. */
  passwordHash: string;
  role: Role;
  /** A member's committee; a patrol's assignment (null: the whole district). */
  committeeId: string | null;
  /** The people-table row of the account's person, when linked (who found, who checked). */
  personId: string | null;
  disabled: boolean;
  /** Raised to revoke every token issued before. */
  tokenVersion: number;
  createdAt: string;
  /** Milliseconds since the epoch; watched for revocation. */
  updatedAt: number;
}

export interface AccountStore {
  getUser(id: string): Promise<UserRecord | null>;
  getUserByName(username: string): Promise<UserRecord | null>;
  /** Ordered by username. */
  listUsers(): Promise<UserRecord[]>;
  /** Inserts or replaces by id; usernames are unique. */
  putUser(user: UserRecord): Promise<void>;
  /** Users with `updatedAt > ms`, oldest change first. */
  usersChangedSince(ms: number): Promise<UserRecord[]>;
}
