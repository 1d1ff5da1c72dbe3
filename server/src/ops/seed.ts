// Seeds the demo district into an empty store: every room's document is built by the
// shared generator and stored as that room's first snapshot, and one demo account per
// role is created (listed in the README and printed once, here), each linked to a demo
// person where one fits: the member to a social worker of its committee, the office staff
// to an office worker, the manager to a leader, the patrol to a resident volunteer.
import { buildRoomDoc, type Role, type RowValues, todayInShanghai } from '@civic-ledger/shared';
import { generateDemoDistrict } from '@civic-ledger/shared/demo';
import * as Y from 'yjs';
import type { Accounts } from '../auth/accounts.ts';
import type { Store } from '../store/store.ts';
import { log } from './log.ts';

const SEEDED_KEY = 'demo_seeded_at';

export const DEMO_ACCOUNTS: ReadonlyArray<{
  username: string;
  password: string;
  role: Role;
  displayName: string;
}> = [
  { username: 'admin', password: 'civic-admin-2026', role: 'admin', displayName: '街道管理员' },
  { username: 'staff', password: 'civic-staff-2026', role: 'staff', displayName: '文明办工作人员' },
  { username: 'member', password: 'civic-member-2026', role: 'member', displayName: '居委工作人员' },
  { username: 'manager', password: 'civic-manager-2026', role: 'manager', displayName: '街道领导' },
  { username: 'patrol', password: 'civic-patrol-2026', role: 'patrol', displayName: '巡查志愿者' },
];

/** The demo person an account of this role stands for (the first by id that fits), or null. */
function demoPerson(people: readonly RowValues[], role: Role, committeeId: string | null): string | null {
  const fits = (p: RowValues): boolean => {
    switch (role) {
      case 'member':
        return p.role === 'social_worker' && p.committeeId === committeeId;
      case 'staff':
        return p.role === 'office_worker';
      case 'manager':
        return p.role === 'leader';
      case 'patrol':
        return p.role === 'resident' && p.volunteer === true;
      default:
        return false;
    }
  };
  const ids = people.filter(fits).map((p) => String(p.id));
  return ids.sort()[0] ?? null;
}

/** Seeds only a store that has never held a room; returns whether it did. */
export async function seedDemoIfEmpty(store: Store, accounts: Accounts, now = new Date()): Promise<boolean> {
  if (!(await store.isEmpty()) || (await store.getMeta(SEEDED_KEY)) !== null) return false;
  const district = generateDemoDistrict({ seed: 20261124, today: todayInShanghai(now) });
  let rows = 0;
  for (const { room, table, rows: roomRows, meta } of district.rooms) {
    const built = buildRoomDoc(table, roomRows);
    // The generator's rows are validated by its own tests; a failure here is a bug.
    if (!built.ok) throw new Error(`demo room ${room} is invalid: ${built.error.message.en}`);
    const doc = built.value;
    const metaMap = doc.getMap('meta');
    doc.transact(() => {
      for (const [key, value] of Object.entries(meta ?? {})) metaMap.set(key, value);
    });
    await store.compact(room, Y.encodeStateAsUpdate(doc), 0);
    doc.destroy();
    rows += roomRows.length;
  }
  const committees = district.rooms.find((r) => r.table === 'committees')?.rows ?? [];
  const memberCommittee = String(committees.map((c) => c.id).sort()[0] ?? '');
  const people = district.rooms.find((r) => r.table === 'people')?.rows ?? [];
  for (const account of DEMO_ACCOUNTS) {
    const committeeId = account.role === 'member' ? memberCommittee : null;
    const personId = demoPerson(people, account.role, committeeId);
    const created = await accounts.createUser({ ...account, committeeId, personId });
    if (!created.ok && created.error.code !== 'user_exists') throw new Error(created.error.message.en);
  }
  await store.setMeta(SEEDED_KEY, now.toISOString());
  log.info('demo district seeded', { rooms: district.rooms.length, rows });
  log.info('demo accounts (change or disable them before real use)', {
    accounts: DEMO_ACCOUNTS.map((a) => ({
      username: a.username,
      password: a.password,
      role: a.role,
      ...(a.role === 'member' ? { committeeId: memberCommittee } : {}),
    })),
  });
  return true;
}
