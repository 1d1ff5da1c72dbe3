import { describe, expect, it } from 'vitest';
import { parseRoomName } from '../sync/rooms.ts';
import {
  can,
  holdsCommittee,
  ownCommittee,
  type Principal,
  roomAccess,
  seesWholeDistrict,
  sitesInScope,
} from './access.ts';

const room = (name: string) => {
  const parsed = parseRoomName(name);
  if (!parsed.ok) throw new Error(name);
  return parsed.value;
};
const admin: Principal = { role: 'admin', committeeId: null };
const staff: Principal = { role: 'staff', committeeId: null };
const manager: Principal = { role: 'manager', committeeId: null };
const member: Principal = { role: 'member', committeeId: 'taoyuan' };

describe('room access', () => {
  it('the office writes every room', () => {
    for (const p of [admin, staff]) {
      for (const r of ['committees', 'sites', 'people', 'ledger.taoyuan', 'roster.hongqiao']) {
        expect(roomAccess(p, room(r))).toBe('write');
      }
    }
  });

  it('a manager reads everything and writes nothing', () => {
    expect(roomAccess(manager, room('ledger.taoyuan'))).toBe('read');
    expect(can(manager, 'write', room('sites'))).toBe(false);
    expect(can(manager, 'export', null)).toBe(true);
  });

  it('a patrol reads the registries and reaches the ledgers of its district or assignment only', () => {
    const roaming: Principal = { role: 'patrol', committeeId: null };
    const assigned: Principal = { role: 'patrol', committeeId: 'taoyuan' };
    for (const p of [roaming, assigned]) {
      expect(roomAccess(p, room('sites'))).toBe('read');
      expect(roomAccess(p, room('ledger.taoyuan'))).toBe('write');
      expect(roomAccess(p, room('roster.taoyuan'))).toBe('none');
    }
    expect(roomAccess(roaming, room('ledger.hongqiao'))).toBe('write');
    expect(roomAccess(assigned, room('ledger.hongqiao'))).toBe('none');
  });

  it('a committee member writes only its own ledger and roster', () => {
    expect(roomAccess(member, room('ledger.taoyuan'))).toBe('write');
    expect(roomAccess(member, room('roster.taoyuan'))).toBe('write');
    expect(roomAccess(member, room('ledger.hongqiao'))).toBe('none');
    expect(roomAccess(member, room('sites'))).toBe('read');
    expect(can(member, 'connect', room('ledger.hongqiao'))).toBe(false);
    expect(can(member, 'export', null)).toBe(false);
    expect(can(member, 'manageUsers', null)).toBe(false);
  });
});

describe('sites in scope', () => {
  const sites = [
    { id: 's1', committeeId: 'taoyuan' },
    { id: 's2', committeeId: 'hongqiao' },
    { id: 's3', committeeId: null },
  ];

  it('a member sees only the sites of its own committee', () => {
    expect(seesWholeDistrict(member)).toBe(false);
    expect(sitesInScope(member, sites).map((s) => s.id)).toEqual(['s1']);
  });

  it('the office and managers see every site, those without a committee too', () => {
    for (const p of [admin, staff, manager]) {
      expect(seesWholeDistrict(p)).toBe(true);
      expect(sitesInScope(p, sites).map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    }
  });

  it('a member without a committee sees no site', () => {
    expect(sitesInScope({ role: 'member', committeeId: null }, sites)).toEqual([]);
  });
});

describe('committee of an account', () => {
  it('only members belong to a committee', () => {
    expect(holdsCommittee('member')).toBe(true);
    for (const role of ['admin', 'staff', 'manager'] as const) expect(holdsCommittee(role)).toBe(false);
  });

  it('a member is held to its own committee; the office and managers to none', () => {
    expect(ownCommittee(member)).toBe('taoyuan');
    for (const p of [admin, staff, manager]) expect(ownCommittee(p)).toBeNull();
    expect(ownCommittee({ role: 'member', committeeId: null })).toBeNull();
  });
});
