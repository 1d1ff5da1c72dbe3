// Rows as the SQL stores return them, mapped to records in one place: SQLite gives 0/1
// and numbers, PostgreSQL booleans and bigint strings.

import type { PhotoStage } from '@civic-ledger/shared';
import type { UserRecord } from './account-store.ts';
import type { PhotoInfo, PhotoLink } from './photo-store.ts';
import type { SnapshotKind, SnapshotRecord } from './snapshot-store.ts';

/** An `app_user` row. */
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  committee_id: string | null;
  /** Absent in a row read before the column existed (it never is after the migration). */
  person_id?: string | null;
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
    personId: r.person_id ?? null,
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

/** A `photo` row without its bytes. */
export interface PhotoRow {
  id: string;
  mime: string;
  width: number;
  height: number;
  taken_at: string | null;
  created_at: number | string;
}

export const PHOTO_COLUMNS = 'id, mime, width, height, taken_at, created_at';

export function photoFromRow(r: PhotoRow): PhotoInfo {
  return {
    id: r.id,
    mime: r.mime,
    width: r.width,
    height: r.height,
    takenAt: r.taken_at,
    createdAt: Number(r.created_at),
  };
}

/** A `photo_link` row. */
export interface PhotoLinkRow {
  room: string;
  row_id: string;
  stage: string;
  at: number | string;
  by: string;
}

export const PHOTO_LINK_COLUMNS = 'room, row_id, stage, at, "by"';

export function photoLinkFromRow(r: PhotoLinkRow): PhotoLink {
  return { room: r.room, rowId: r.row_id, stage: r.stage as PhotoStage, at: Number(r.at), by: r.by };
}
