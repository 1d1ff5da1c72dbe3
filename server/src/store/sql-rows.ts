// Rows as the SQL stores return them, mapped to records in one place: SQLite gives 0/1
// and numbers, PostgreSQL booleans and bigint strings.
import type { UserRecord } from './account-store.ts';
import type { SnapshotKind, SnapshotRecord } from './snapshot-store.ts';

/** An `app_user` row. */
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

/** A `snapshot` row. */
export interface SnapshotRow {
  id: string;
  taken_at: number | string;
  label: string;
  kind: string;
  created_by: string | null;
  room_count: number;
}

export const SNAPSHOT_COLUMNS = 'id, taken_at, label, kind, created_by, room_count';

export function snapshotFromRow(r: SnapshotRow): SnapshotRecord {
  return {
    id: r.id,
    takenAt: Number(r.taken_at),
    label: r.label,
    kind: r.kind as SnapshotKind,
    createdBy: r.created_by,
    roomCount: r.room_count,
  };
}
