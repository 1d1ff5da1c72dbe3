// Room names: one Y.Doc per room. `committees`, `sites` and `people` are shared by the
// whole district; `ledger.<committeeId>` and `roster.<committeeId>` belong to one committee,
// which is what lets the server decide per connection who may write. `checks.<roundId>`
// holds one check round (its meta and the check of each site).
import { isCommitteeId } from '../core/ids.ts';
import { type DomainError, domainError, fail, ok, type Result } from '../core/result.ts';
import { isTableName, type TableName } from '../schema/table-schema.ts';

export const DISTRICT_TABLES = ['committees', 'sites', 'people'] as const;
export const COMMITTEE_TABLES = ['ledger', 'roster'] as const;
export type DistrictTable = (typeof DISTRICT_TABLES)[number];
export type CommitteeTable = (typeof COMMITTEE_TABLES)[number];

export interface Room {
  readonly name: string;
  readonly table: TableName;
  /** Set exactly for `ledger` and `roster` rooms. */
  readonly committeeId?: string;
  /** Set exactly for `checks` rooms. */
  readonly roundId?: string;
}

export type RoomErrorCode =
  | 'room_unknown_table'
  | 'room_committee_missing'
  | 'room_committee_invalid'
  | 'room_committee_unexpected'
  | 'room_round_invalid';

const MAX_ROOM_NAME = 64;

export function isCommitteeTable(table: TableName): table is CommitteeTable {
  return (COMMITTEE_TABLES as readonly string[]).includes(table);
}

/** Parse a room name such as `ledger.taoyuan`; anything else is refused with a reason. */
export function parseRoomName(name: string): Result<Room, DomainError<RoomErrorCode>> {
  const shown = name.length > MAX_ROOM_NAME ? `${name.slice(0, MAX_ROOM_NAME)}…` : name;
  const dot = name.indexOf('.');
  const table = dot === -1 ? name : name.slice(0, dot);
  if (!isTableName(table)) {
    return fail(domainError('room_unknown_table', `没有这个房间：${shown}`, `no such room: ${shown}`));
  }
  if (table === 'checks') return parseChecksRoom(name, dot, shown);
  if (!isCommitteeTable(table)) {
    if (dot === -1) return ok({ name, table });
    return fail(
      domainError(
        'room_committee_unexpected',
        `房间 ${table} 不分居民区：${shown}`,
        `room ${table} is not per committee: ${shown}`,
      ),
    );
  }
  if (dot === -1 || dot === name.length - 1) {
    return fail(
      domainError(
        'room_committee_missing',
        `房间 ${table} 须带居民区编号，如 ${table}.taoyuan`,
        `room ${table} needs a committee id, e.g. ${table}.taoyuan`,
      ),
    );
  }
  const committeeId = name.slice(dot + 1);
  if (!isCommitteeId(committeeId)) {
    return fail(
      domainError(
        'room_committee_invalid',
        `居民区编号无效（小写字母、数字和连字符，最多 32 个字符）：${shown}`,
        `invalid committee id (lower-case letters, digits and hyphens, at most 32 characters): ${shown}`,
      ),
    );
  }
  return ok({ name, table, committeeId });
}

function parseChecksRoom(name: string, dot: number, shown: string): Result<Room, DomainError<RoomErrorCode>> {
  const roundId = dot === -1 ? '' : name.slice(dot + 1);
  if (!isCommitteeId(roundId)) {
    return fail(
      domainError(
        'room_round_invalid',
        `检查轮次房间须带轮次编号（小写字母、数字和连字符，最多 32 个字符），如 checks.2026-12-w1：${shown}`,
        `a check round room needs a round id (lower-case letters, digits and hyphens, at most 32 characters), e.g. checks.2026-12-w1: ${shown}`,
      ),
    );
  }
  return ok({ name, table: 'checks', roundId });
}

/** The room of a check round. */
export function checksRoomName(roundId: string): string {
  if (!isCommitteeId(roundId)) throw new RangeError(`invalid round id: ${String(roundId)}`);
  return `checks.${roundId}`;
}

/** The room name of a district table, or of a committee's ledger or roster. */
export function roomName(table: DistrictTable): string;
export function roomName(table: CommitteeTable, committeeId: string): string;
export function roomName(table: TableName, committeeId?: string): string {
  if (!isCommitteeTable(table)) return table;
  if (!isCommitteeId(committeeId)) throw new RangeError(`invalid committee id: ${String(committeeId)}`);
  return `${table}.${committeeId}`;
}
