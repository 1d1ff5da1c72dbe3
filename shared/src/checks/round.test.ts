// Pins the check round room: its name, its meta (the office's), its checklists and what a
// committee may write in it (its own checks of its target, in the round's dates).
import { describe, expect, it } from 'vitest';
import type { Principal } from '../rules/access.ts';
import { roomAccess } from '../rules/access.ts';
import { type ChangeContext, changedFields, checkChanges, type RowChange } from '../rules/change-rules.ts';
import { checksSchema } from '../schema/checks-schema.ts';
import { parseRoomName } from '../sync/rooms.ts';
import {
  COMPOUND_CHECKLIST,
  DEFAULT_CHECKLISTS,
  formatCheckResults,
  parseChecklist,
  parseCheckResults,
  STREET_CHECKLIST,
} from './checklists.ts';
import { pairMutualRound } from './pairing.ts';
import { inspectedBy, isRoundActive, parseRoundMeta, type RoundMeta, readRoundDocument } from './round.ts';

const committees = ['c01', 'c02', 'c03', 'c04'];
const paired = pairMutualRound(committees);
if (!paired.ok) throw new Error('pairing');
const roundValue = {
  name: '12月第1周咬尾巴互查',
  kind: 'mutual',
  startsOn: '2026-12-01',
  endsOn: '2026-12-07',
  committees,
  pairs: paired.value.pairs,
};
const round = (() => {
  const r = parseRoundMeta(roundValue);
  if (!r.ok) throw new Error(r.error.message.en);
  return r.value;
})();
const doc = readRoundDocument([
  ['round', roundValue],
  ['checklist.residential_compound', COMPOUND_CHECKLIST],
  ['checklist.main_street', STREET_CHECKLIST],
]);
const room = (() => {
  const r = parseRoomName('checks.2026-12-w1');
  if (!r.ok) throw new Error('room');
  return r.value;
})();
const member: Principal = { role: 'member', committeeId: 'c01' };
const outsider: Principal = { role: 'member', committeeId: 'c09' };
const office: Principal = { role: 'staff', committeeId: null };
const ctx = (principal: Principal, today = '2026-12-03'): ChangeContext => ({
  schema: checksSchema,
  principal,
  room,
  round: doc,
  today,
});
const ID = '01JABCDEFGHJKMNPQRSTVWXYZ0';
const SITE = '01JSITE0000000000000000000';
const row = {
  id: ID,
  checker: 'c01',
  inspected: 'c02',
  siteId: SITE,
  siteKind: 'residential_compound',
  checkedAt: '2026-12-03T10:00:00+08:00',
  results: 'no-stairwell-clutter=fail;fire-lanes=pass;civil-dogs=na',
  issuesFound: 1,
};

function change(
  after: Record<string, unknown> | null,
  before: Record<string, unknown> | null = null,
): RowChange {
  const b = before as RowChange['before'];
  const a = after as RowChange['after'];
  return { rowId: ID, before: b, after: a, fields: changedFields(b, a) };
}

describe('check round rooms', () => {
  it('are named checks.<roundId>, and a bad round id is refused with the reason', () => {
    expect(room).toEqual({ name: 'checks.2026-12-w1', table: 'checks', roundId: '2026-12-w1' });
    for (const bad of ['checks', 'checks.', 'checks.Round_1', `checks.${'a'.repeat(33)}`]) {
      const r = parseRoomName(bad);
      expect(r.ok ? 'ok' : r.error.code, bad).toBe('room_round_invalid');
    }
  });

  it('are written by the office and by members (narrowed by the rules), read by managers, closed to patrols', () => {
    expect(roomAccess(office, room)).toBe('write');
    expect(roomAccess(member, room)).toBe('write');
    expect(roomAccess({ role: 'manager', committeeId: null }, room)).toBe('read');
    expect(roomAccess({ role: 'patrol', committeeId: null }, room)).toBe('none');
  });
});

describe('round meta', () => {
  it('reads a mutual round and who checks whom', () => {
    expect(round.kind).toBe('mutual');
    expect(inspectedBy(round, 'c01')).toBe('c02');
    expect(inspectedBy(round, 'c09')).toBeNull();
    const self: RoundMeta = { ...round, kind: 'self', pairs: [] };
    expect(inspectedBy(self, 'c03')).toBe('c03');
    expect(isRoundActive(round, '2026-12-07')).toBe(true);
    expect(isRoundActive(round, '2026-12-08')).toBe(false);
  });

  it('refuses pairs that break the pairing rules, dates out of order and an unknown kind', () => {
    const selfCheck = parseRoundMeta({ ...roundValue, pairs: [{ checker: 'c01', checked: 'c01' }] });
    expect(selfCheck.ok ? null : selfCheck.error.code).toBe('pairing_self');
    const backwards = parseRoundMeta({ ...roundValue, endsOn: '2026-11-30' });
    expect(backwards.ok ? null : backwards.error.code).toBe('round_invalid');
    const kind = parseRoundMeta({ ...roundValue, kind: 'surprise' });
    expect(kind.ok ? null : kind.error.message['zh-CN']).toContain('类型');
  });

  it('only the office sets the round and its checklists, and only valid ones', () => {
    const meta = [{ key: 'round', after: roundValue }];
    expect(checkChanges(ctx(office), [], meta)).toBeNull();
    expect(checkChanges(ctx(member), [], meta)?.code).toBe('meta_not_allowed');
    const list = [
      {
        key: 'checklist.market',
        after: [{ id: 'stalls', label: { 'zh-CN': '摊位整齐', en: 'Stalls tidy' } }],
      },
    ];
    expect(checkChanges(ctx(office), [], list)).toBeNull();
    const noEnglish = [
      { key: 'checklist.market', after: [{ id: 'stalls', label: { 'zh-CN': '摊位整齐' } }] },
    ];
    expect(checkChanges(ctx(office), [], noEnglish)?.code).toBe('checklist_invalid');
    expect(checkChanges(ctx(office), [], [{ key: 'checklist.moon', after: COMPOUND_CHECKLIST }])?.code).toBe(
      'meta_not_allowed',
    );
    // Outside a checks room the round's keys are not allowed at all.
    const ledger = parseRoomName('ledger.c01');
    if (!ledger.ok) throw new Error('room');
    expect(checkChanges({ ...ctx(office), room: ledger.value }, [], meta)?.code).toBe('meta_not_allowed');
  });
});

describe('checklists', () => {
  it('ship the 15 requirements for compounds and a short list for streets', () => {
    expect(COMPOUND_CHECKLIST).toHaveLength(15);
    expect(new Set(COMPOUND_CHECKLIST.map((i) => i.id)).size).toBe(15);
    expect(DEFAULT_CHECKLISTS.back_street).toBe(STREET_CHECKLIST);
    for (const list of Object.values(DEFAULT_CHECKLISTS)) expect(parseChecklist(list).ok).toBe(true);
  });

  it('results round-trip through their cell and are judged against the list', () => {
    const parsed = parseCheckResults(row.results, COMPOUND_CHECKLIST);
    if (!parsed.ok) throw new Error(parsed.error.code);
    expect(parsed.value.get('no-stairwell-clutter')).toBe('fail');
    expect(formatCheckResults(parsed.value)).toBe(row.results);
    const unknown = parseCheckResults('moon-landing=pass', COMPOUND_CHECKLIST);
    expect(unknown.ok ? null : unknown.error.code).toBe('check_item_unknown');
    const twice = parseCheckResults('fire-lanes=pass;fire-lanes=fail', COMPOUND_CHECKLIST);
    expect(twice.ok ? null : twice.error.code).toBe('check_results_invalid');
    const garbled = parseCheckResults('fire-lanes=maybe', COMPOUND_CHECKLIST);
    expect(garbled.ok ? null : garbled.error.code).toBe('check_results_invalid');
  });
});

describe('check rows', () => {
  it("a member records its own committee's check of its target, nothing found included", () => {
    expect(checkChanges(ctx(member), [change(row)], [])).toBeNull();
    const nothing = { ...row, results: 'fire-lanes=pass', issuesFound: 0 };
    expect(checkChanges(ctx(member), [change(nothing)], [])).toBeNull();
  });

  it("a member may not record another committee's checks, nor check a committee it is not paired with", () => {
    expect(checkChanges(ctx(member), [change({ ...row, checker: 'c02', inspected: 'c03' })], [])?.code).toBe(
      'check_not_yours',
    );
    expect(checkChanges(ctx(member), [change({ ...row, inspected: 'c03' })], [])?.code).toBe(
      'check_not_yours',
    );
    expect(checkChanges(ctx(outsider), [change({ ...row, checker: 'c09' })], [])?.code).toBe(
      'check_not_yours',
    );
  });

  it('a member writes only within the round, and may not delete; the office may', () => {
    expect(checkChanges(ctx(member, '2026-12-08'), [change(row)], [])?.code).toBe('check_outside_round');
    const late = { ...row, checkedAt: '2026-12-09T10:00:00+08:00' };
    expect(checkChanges(ctx(member), [change(late)], [])?.code).toBe('check_outside_round');
    expect(checkChanges(ctx(member), [change(null, row)], [])?.code).toBe('check_delete_office_only');
    expect(checkChanges(ctx(office, '2026-12-20'), [change(null, row)], [])).toBeNull();
  });

  it("results must follow the round's checklist for the site's kind, whoever writes them", () => {
    const street = { ...row, siteKind: 'main_street' };
    expect(checkChanges(ctx(member), [change(street)], [])?.code).toBe('check_item_unknown');
    const market = { ...row, siteKind: 'market', results: 'fire-lanes=pass' };
    expect(checkChanges(ctx(office), [change(market)], [])?.code).toBe('check_item_unknown');
  });

  it('before the office sets the round up, members write nothing', () => {
    const bare: ChangeContext = { ...ctx(member), round: readRoundDocument([]) };
    expect(checkChanges(bare, [change(row)], [])?.code).toBe('check_round_unset');
  });
});
