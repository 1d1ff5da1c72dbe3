// Who may do what: account roles and their rights over each room. The server enforces
// this at the upgrade and on every update; the client uses it to show what is editable.
import type { Room } from '../sync/rooms.ts';

export const ROLES = [
  { value: 'admin', label: { 'zh-CN': '街道管理员', en: 'Office admin' } },
  { value: 'staff', label: { 'zh-CN': '街道工作人员', en: 'Office staff' } },
  { value: 'member', label: { 'zh-CN': '居委工作人员', en: 'Committee member' } },
  { value: 'manager', label: { 'zh-CN': '领导（只读）', en: 'Manager (read-only)' } },
  { value: 'patrol', label: { 'zh-CN': '巡查志愿者', en: 'Patrol volunteer' } },
] as const;
export type Role = (typeof ROLES)[number]['value'];

export function isRole(value: unknown): value is Role {
  return ROLES.some((r) => r.value === value);
}

/** The part of an account that rights depend on. */
export interface Principal {
  role: Role;
  /**
   * The committee a member belongs to; a patrol's assignment (null: the whole district);
   * null for office roles.
   */
  committeeId: string | null;
  /** The people-table row of this account's person, when linked (who found, who checked). */
  personId?: string | null;
  /**
   * The committees whose ledgers a member's committee checks in a running round (set by the
   * server at the connection); the change rules let it only add the issues it finds there.
   */
  checking?: readonly string[];
}

export type RoomAccess = 'none' | 'read' | 'write';

/** Office roles see and edit everything; members their own committee's rooms. */
export function isOffice(p: Principal): boolean {
  return p.role === 'admin' || p.role === 'staff';
}

/** The office and managers see the whole district; a member sees its own committee. */
export function seesWholeDistrict(p: Principal): boolean {
  return isOffice(p) || p.role === 'manager';
}

/** Whether accounts of this role belong to one committee (and must name it). */
export function holdsCommittee(role: Role): boolean {
  return role === 'member';
}

/**
 * The committee an account is held to: a member's own; null for those who see the whole
 * district (and for a member without one, who sees no committee's rooms).
 */
export function ownCommittee(p: Principal): string | null {
  return seesWholeDistrict(p) ? null : p.committeeId;
}

/**
 * The sites in scope for an account (coverage, live totals): every site of the district for
 * the office and managers, those without a committee included; for a member, the sites of
 * its own committee.
 */
export function sitesInScope<T extends { readonly committeeId?: unknown }>(
  p: Principal,
  sites: readonly T[],
): readonly T[] {
  if (seesWholeDistrict(p)) return sites;
  return sites.filter((s) => typeof s.committeeId === 'string' && s.committeeId === p.committeeId);
}

export function roomAccess(p: Principal, room: Room): RoomAccess {
  if (isOffice(p)) return 'write';
  if (p.role === 'manager') return 'read';
  if (p.role === 'patrol') return patrolAccess(p, room);
  // A check round: every member may connect to write; the change rules let it write only its
  // own committee's checks in a round its committee takes part in.
  if (room.table === 'checks') return 'write';
  // A committee member: registries are shared reading; ledger and roster are per committee.
  if (room.committeeId === undefined) return 'read';
  if (room.committeeId === p.committeeId) return 'write';
  return room.table === 'ledger' && p.checking?.includes(room.committeeId) ? 'write' : 'none';
}

/**
 * A patrol reads the registries (to pick a site) and writes the ledgers of the district, or
 * of its assignment; the change rules then let it only add issues it found and their photos.
 */
function patrolAccess(p: Principal, room: Room): RoomAccess {
  if (room.table === 'checks') return 'none';
  if (room.committeeId === undefined) return 'read';
  if (room.table !== 'ledger') return 'none';
  return p.committeeId === null || room.committeeId === p.committeeId ? 'write' : 'none';
}

export type Action = 'connect' | 'read' | 'write' | 'presence' | 'export' | 'manageUsers' | 'audit';

/** One answer for every action on a room (or on the district when `room` is null). */
export function can(p: Principal, action: Action, room: Room | null): boolean {
  switch (action) {
    case 'manageUsers':
      return p.role === 'admin';
    case 'export':
      if (seesWholeDistrict(p)) return true;
      return room !== null && roomAccess(p, room) !== 'none';
    case 'audit':
      return room === null ? seesWholeDistrict(p) : roomAccess(p, room) !== 'none';
    case 'write':
      return room !== null && roomAccess(p, room) === 'write';
    default:
      return room !== null && roomAccess(p, room) !== 'none';
  }
}
