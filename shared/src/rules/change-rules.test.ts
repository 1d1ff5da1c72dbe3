import { describe, expect, it } from 'vitest';
import { issueCode } from '../core/ids.ts';
import { ledgerSchema } from '../schema/ledger-schema.ts';
import { parseRoomName } from '../sync/rooms.ts';
import type { Principal } from './access.ts';
import { type ChangeContext, changedFields, checkChanges, type RowChange } from './change-rules.ts';

const room = (() => {
  const r = parseRoomName('ledger.taoyuan');
  if (!r.ok) throw new Error('room');
  return r.value;
})();
const member: Principal = { role: 'member', committeeId: 'taoyuan' };
const office: Principal = { role: 'staff', committeeId: null };
const ctx = (principal: Principal): ChangeContext => ({ schema: ledgerSchema, principal, room });
const ID = '01JABCDEFGHJKMNPQRSTVWXYZ0';
const base = {
  id: ID,
  committeeId: 'taoyuan',
  status: 'rectified',
  category: 'street_rubbish',
  recurrences: 0,
};

function change(
  after: Record<string, unknown> | null,
  before: Record<string, unknown> | null = base,
): RowChange {
  const b = before as RowChange['before'];
  const a = after as RowChange['after'];
  return { rowId: ID, before: b, after: a, fields: changedFields(b, a) };
}

describe('change rules', () => {
  it('a committee cannot write off its own issue; the office can', () => {
    const closing = change({ ...base, status: 'closed' });
    expect(checkChanges(ctx(member), [closing], [])?.code).toBe('transition_office_only');
    expect(checkChanges(ctx(office), [closing], [])).toBeNull();
  });

  it('refuses a value invalid for its field, naming the issue by its code as the grid shows it', () => {
    const err = checkChanges(ctx(office), [change({ ...base, category: 'graffiti' })], []);
    expect(err?.code).toBe('unknown_option');
    expect(err?.message.en).toContain(`issue ${issueCode(ID)}:`);
    expect(err?.message['zh-CN']).toContain(`问题 ${issueCode(ID)}：`);
    expect(err?.message.en).not.toContain(ID);
  });

  it('refuses unknown fields, a row of another committee and office-only fields', () => {
    expect(checkChanges(ctx(office), [change({ ...base, colour: 'red' })], [])?.code).toBe('unknown_field');
    expect(checkChanges(ctx(office), [change({ ...base, committeeId: 'hongqiao' })], [])?.code).toBe(
      'wrong_committee',
    );
    expect(
      checkChanges(ctx(member), [change({ ...base, verifiedBy: '01JABCDEFGHJKMNPQRSTVWXYZ1' })], [])?.code,
    ).toBe('field_office_only');
  });

  it('refuses clearing the status, and deleting a closed issue unless office', () => {
    const { status: _status, ...noStatus } = base;
    expect(checkChanges(ctx(office), [change(noStatus)], [])?.code).toBe('required_cleared');
    const closed = { ...base, status: 'closed' };
    expect(checkChanges(ctx(member), [change(null, closed)], [])?.code).toBe('delete_office_only');
    expect(checkChanges(ctx(office), [change(null, closed)], [])).toBeNull();
  });

  it('only the office adds custom columns, and a table never changes kind', () => {
    const def = { key: 'x_floor', kind: 'text', label: { 'zh-CN': '楼层', en: 'Floor' } };
    expect(checkChanges(ctx(member), [], [{ key: 'field.x_floor', after: def }])?.code).toBe(
      'meta_not_allowed',
    );
    expect(checkChanges(ctx(office), [], [{ key: 'table', after: 'roster' }])?.code).toBe('meta_not_allowed');
    expect(checkChanges(ctx(member), [], [{ key: 'table', after: 'ledger' }])).toBeNull();
  });
});

describe('a patrol', () => {
  const SELF = '01JABCDEFGHJKMNPQRSTVWXYZ9';
  const patrol: Principal = { role: 'patrol', committeeId: null, personId: SELF };
  const report = {
    id: ID,
    committeeId: 'taoyuan',
    siteId: '01JABCDEFGHJKMNPQRSTVWXYZ1',
    category: 'street_rubbish',
    description: '垃圾外溢',
    source: 'volunteer',
    foundAt: '2026-03-02T09:30:00+08:00',
    foundBy: SELF,
    status: 'open',
    recurrences: 0,
  };
  const photo = { id: 'b'.repeat(64), stage: 'found', at: '2026-03-02T09:31:00+08:00', by: 'patrol' };
  const code = (c: RowChange) => checkChanges(ctx(patrol), [c], [])?.code ?? null;

  it('reports a new open issue it found, from volunteers or citizen patrols', () => {
    expect(code(change(report, null))).toBeNull();
    expect(code(change({ ...report, source: 'citizen_patrol' }, null))).toBeNull();
  });

  it('may not report under another status, source or finder', () => {
    expect(code(change({ ...report, status: 'closed' }, null))).toBe('patrol_report_only');
    expect(code(change({ ...report, source: 'office' }, null))).toBe('patrol_report_only');
    expect(code(change({ ...report, foundBy: '01JABCDEFGHJKMNPQRSTVWXYZ8' }, null))).toBe(
      'patrol_report_only',
    );
  });

  it('adds photos to an issue it found and changes nothing else', () => {
    expect(code(change({ ...report, photos: [photo] }, report))).toBeNull();
    expect(
      code(change({ ...report, photos: [photo], updatedAt: '2026-03-02T09:32:00+08:00' }, report)),
    ).toBeNull();
    expect(code(change({ ...report, description: '改写' }, report))).toBe('patrol_report_only');
    expect(code(change({ ...report, status: 'in_progress' }, report))).toBe('patrol_report_only');
    expect(code(change(null, report))).toBe('patrol_report_only');
    const other = { ...report, foundBy: '01JABCDEFGHJKMNPQRSTVWXYZ8' };
    expect(code(change({ ...other, photos: [photo] }, other))).toBe('patrol_report_only');
  });

  it('writes nothing in other tables', () => {
    const sites = parseRoomName('sites');
    if (!sites.ok) throw new Error('room');
    const err = checkChanges(
      { schema: { table: 'sites', version: 1, fields: [] }, principal: patrol, room: sites.value },
      [change({ id: ID }, null)],
      [],
    );
    expect(err?.code).toBe('patrol_report_only');
  });
});
