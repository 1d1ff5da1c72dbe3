// Pins a checker's rights in the ledger it checks, through the one change-rules entry point.
import { describe, expect, it } from 'vitest';
import { type Principal, roomAccess } from '../rules/access.ts';
import { type ChangeContext, changedFields, checkChanges, type RowChange } from '../rules/change-rules.ts';
import { ledgerSchema } from '../schema/ledger-schema.ts';
import { parseRoomName } from '../sync/rooms.ts';
import { activeChecks, ledgersChecked } from './checker-rights.ts';
import type { RoundMeta } from './round.ts';

const round: RoundMeta = {
  name: '互查',
  kind: 'mutual',
  startsOn: '2026-12-01',
  endsOn: '2026-12-07',
  committees: ['c01', 'c02', 'c03'],
  pairs: [
    { checker: 'c01', checked: 'c02' },
    { checker: 'c02', checked: 'c03' },
    { checker: 'c03', checked: 'c01' },
  ],
};
const rounds = new Map([['w1', round]]);
const room = (name: string) => {
  const r = parseRoomName(name);
  if (!r.ok) throw new Error(name);
  return r.value;
};
const checker: Principal = { role: 'member', committeeId: 'c01', personId: '01JPERSON00000000000000000' };
const ctx = (p: Principal, today = '2026-12-03', name = 'ledger.c02'): ChangeContext => ({
  schema: ledgerSchema,
  principal: p,
  room: room(name),
  checks: activeChecks(rounds, today),
});
const ID = '01JABCDEFGHJKMNPQRSTVWXYZ0';
const issue = {
  id: ID,
  committeeId: 'c02',
  siteId: '01JSITE0000000000000000000',
  category: 'stairwell_clutter',
  description: '楼道堆物',
  source: 'mutual_check',
  foundAt: '2026-12-03T10:00:00+08:00',
  foundBy: '01JPERSON00000000000000000',
  status: 'open',
  recurrences: 0,
  roundId: 'w1',
  checkItem: 'no-stairwell-clutter',
};
function change(
  after: Record<string, unknown> | null,
  before: Record<string, unknown> | null = null,
): RowChange {
  const b = before as RowChange['before'];
  const a = after as RowChange['after'];
  return { rowId: ID, before: b, after: a, fields: changedFields(b, a) };
}

describe('checker rights', () => {
  it('who checks whom is read from the running rounds only', () => {
    expect(ledgersChecked(activeChecks(rounds, '2026-12-03'), 'c01')).toEqual(['c02']);
    expect(ledgersChecked(activeChecks(rounds, '2026-12-08'), 'c01')).toEqual([]);
    const self = new Map([['s1', { ...round, kind: 'self' as const, pairs: [] }]]);
    expect(activeChecks(self, '2026-12-03')).toEqual([]);
  });

  it("opens the checked committee's ledger to the checker, no other", () => {
    expect(roomAccess({ ...checker, checking: ['c02'] }, room('ledger.c02'))).toBe('write');
    expect(roomAccess({ ...checker, checking: ['c02'] }, room('roster.c02'))).toBe('none');
    expect(roomAccess(checker, room('ledger.c02'))).toBe('none');
  });

  it('a checker adds the issue it found during the round, and nothing else', () => {
    expect(checkChanges(ctx(checker), [change(issue)], [])).toBeNull();
    expect(
      checkChanges(ctx(checker), [change({ ...issue, foundBy: '01JOTHER00000000000000000' })], [])?.code,
    ).toBe('checker_new_issues_only');
    expect(checkChanges(ctx(checker), [change({ ...issue, status: 'closed' }, issue)], [])?.code).toBe(
      'checker_new_issues_only',
    );
    expect(checkChanges(ctx(checker), [change(null, issue)], [])?.code).toBe('checker_new_issues_only');
  });

  it('after the round, or in a ledger it does not check, a checker adds nothing', () => {
    expect(checkChanges(ctx(checker, '2026-12-08'), [change(issue)], [])?.code).toBe('checker_round_over');
    const c03 = { ...issue, committeeId: 'c03' };
    expect(checkChanges(ctx(checker, '2026-12-03', 'ledger.c03'), [change(c03)], [])?.code).toBe(
      'checker_round_over',
    );
  });

  it('the inspected committee rectifies the issue but may not change its round or item', () => {
    const owner: Principal = { role: 'member', committeeId: 'c02' };
    expect(checkChanges(ctx(owner), [change({ ...issue, status: 'in_progress' }, issue)], [])).toBeNull();
    expect(checkChanges(ctx(owner), [change({ ...issue, roundId: 'w9' }, issue)], [])?.code).toBe(
      'check_fields_fixed',
    );
  });
});
