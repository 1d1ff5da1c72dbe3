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
