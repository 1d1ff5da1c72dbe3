// The rule gaps an adversarial run found (issue #11, findings 1-4), each pinned on the
// shared rules that the server's guard and the browser's pre-check both call.
import { describe, expect, it } from 'vitest';
import { issueCode } from '../core/ids.ts';
import type { RowValues } from '../schema/fields.ts';
import { ledgerSchema } from '../schema/ledger-schema.ts';
import { schemaForTable } from '../schema/schema.ts';
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
const ctx = (principal: Principal, rows: [string, RowValues][] = []): ChangeContext => ({
  schema: ledgerSchema,
  principal,
  room,
  rowsAfter: () => rows,
});
const ID = '01JABCDEFGHJKMNPQRSTVWXYZ0';
const issue: RowValues = {
  id: ID,
  committeeId: 'taoyuan',
  siteId: '01J0000000000000000000SITE',
  category: 'street_rubbish',
  description: '沿街垃圾',
  source: 'self_check',
  foundAt: '2026-03-02T09:00:00+08:00',
  status: 'open',
  recurrences: 0,
};
const closed: RowValues = {
  ...issue,
  status: 'closed',
  verifiedBy: '01J000000000000000000PERS0',
  closedAt: '2026-03-03T10:00:00+08:00',
  recurrences: 2,
};

function change(after: RowValues | null, before: RowValues | null = issue, rowId = ID): RowChange {
  return { rowId, before, after, fields: changedFields(before, after) };
}
const without = (row: RowValues, key: string): RowValues => {
  const { [key]: _gone, ...rest } = row;
  return rest;
};
const code = (p: Principal, rows: RowChange[], meta: { key: string; after: unknown }[] = []) =>
  checkChanges(ctx(p), rows, meta)?.code ?? null;

describe('finding 1: the table kind and schema version are the room’s and the server’s', () => {
  it('no one changes the table kind, whatever the document says after the update', () => {
    expect(code(member, [], [{ key: 'table', after: 'sites' }])).toBe('meta_not_allowed');
    expect(code(office, [], [{ key: 'table', after: 'sites' }])).toBe('meta_not_allowed');
    // Judged with the sites schema (as a document claiming to be sites would read), still refused.
    const asSites = { ...ctx(member), schema: schemaForTable('sites') };
    expect(checkChanges(asSites, [], [{ key: 'table', after: 'sites' }])?.code).toBe('meta_not_allowed');
    expect(code(member, [], [{ key: 'table', after: undefined }])).toBe('meta_not_allowed');
    expect(code(member, [], [{ key: 'table', after: 'ledger' }])).toBeNull();
  });

  it('the schema version is the server’s: only its own value may be written', () => {
    expect(code(member, [], [{ key: 'schemaVersion', after: 999999 }])).toBe('meta_not_allowed');
    expect(code(office, [], [{ key: 'schemaVersion', after: 2 }])).toBe('meta_not_allowed');
    expect(code(member, [], [{ key: 'schemaVersion', after: ledgerSchema.version }])).toBeNull();
  });
});

describe('finding 2: emptying is a change like any other', () => {
  it('a member may not delete the office’s verification of a closed issue', () => {
    for (const key of ['verifiedBy', 'closedAt'])
      expect(code(member, [change(without(closed, key), closed)])).toBe('field_office_only');
    expect(code(office, [change(without(closed, 'verifiedBy'), closed)])).toBeNull();
  });

  it('no one empties a required field, by deleting it or by writing null or an empty text', () => {
    for (const key of ['description', 'siteId', 'category', 'committeeId', 'status', 'source', 'foundAt']) {
      expect(code(member, [change(without(issue, key))]), key).toBe('required_cleared');
      expect(code(office, [change({ ...issue, [key]: null })]), key).toBe('required_cleared');
      expect(code(office, [change({ ...issue, [key]: '' })]), key).toBe('required_cleared');
    }
    expect(code(member, [change({ ...issue, rectification: '' })])).toBeNull();
  });

  it('a row is created complete, in one change', () => {
    expect(code(office, [change(issue, null)])).toBeNull();
    for (const key of ['committeeId', 'status', 'siteId', 'description', 'id']) {
      expect(code(office, [change(without(issue, key), null)]), key).toBe('row_incomplete');
    }
    expect(code(member, [change({}, null)])).toBe('row_incomplete');
  });

  it('rows live only under keys that are row ids of the table', () => {
    const odd = change({ ...issue, id: 'recurrences' }, null, 'recurrences');
    expect(code(office, [odd])).toBe('invalid_row_id');
    const committees = parseRoomName('committees');
    if (!committees.ok) throw new Error('room');
    const c = { schema: schemaForTable('committees'), principal: office, room: committees.value };
    const row = (id: string): RowChange => change({ id, name: '桃园' }, null, id);
    expect(checkChanges(c, [row('taoyuan')], [])).toBeNull();
    expect(checkChanges(c, [row(ID)], [])?.code).toBe('invalid_row_id');
  });
});

describe('finding 3: keys no field defines', () => {
  it('a value under a key the schema does not define is refused, and taking one away is not', () => {
    expect(code(office, [change({ ...issue, hidden: 'x' })])).toBe('unknown_field');
    expect(code(member, [change(issue, { ...issue, hidden: 'x' })])).toBeNull();
  });
});

describe('finding 4: recurrences, outside sources', () => {
  it('the recurrence count only grows, by one, with the office’s reopen', () => {
    expect(code(member, [change({ ...closed, recurrences: 0 }, closed)])).toBe('recurrences_by_reopen');
    expect(code(office, [change({ ...closed, recurrences: 3 }, closed)])).toBe('recurrences_by_reopen');
    const reopened = without(
      without({ ...closed, status: 'reopened', recurrences: 3 }, 'verifiedBy'),
      'closedAt',
    );
    expect(code(office, [change(reopened, closed)])).toBeNull();
    expect(code(office, [change({ ...reopened, recurrences: 4 }, closed)])).toBe('recurrences_by_reopen');
    expect(code(member, [change({ ...issue, recurrences: 1 }, null)])).toBe('recurrences_by_reopen');
    expect(code(office, [change({ ...issue, recurrences: 1 }, null)])).toBeNull();
  });

  it('an issue from an outside source is deleted only by the office, and keeps its source', () => {
    for (const source of ['district_inspection', 'citizen_patrol', 'third_party', 'hotline_12345']) {
      const reported = { ...issue, source };
      expect(code(member, [change(null, reported)]), source).toBe('delete_office_only');
      expect(code(office, [change(null, reported)]), source).toBeNull();
      expect(code(member, [change({ ...reported, source: 'self_check' }, reported)])).toBe(
        'source_office_only',
      );
    }
    expect(code(member, [change(null, issue)])).toBeNull();
    expect(code(member, [change({ ...issue, source: 'district_inspection' })])).toBeNull();
  });

  it('names the issue by its human code in both languages', () => {
    const err = checkChanges(ctx(member), [change(null, { ...issue, source: 'district_inspection' })], []);
    expect(err?.message['zh-CN']).toBe(`问题 ${issueCode(ID)}：来源为“区督察组”的问题只能由街道删除`);
    expect(err?.message.en).toBe(
      `issue ${issueCode(ID)}: only the office may delete an issue reported by District inspectors`,
    );
  });
});

describe('custom columns keep every row valid', () => {
  const floor = { key: 'floor', kind: 'number', label: { 'zh-CN': '楼层', en: 'Floor' }, integer: true };
  it('only the office adds one, under its own key, not over a built-in field', () => {
    expect(code(member, [], [{ key: 'field.floor', after: floor }])).toBe('meta_not_allowed');
    expect(code(office, [], [{ key: 'field.floor', after: floor }])).toBeNull();
    expect(code(office, [], [{ key: 'field.level', after: floor }])).toBe('meta_not_allowed');
    expect(code(office, [], [{ key: 'field.status', after: { ...floor, key: 'status' } }])).toBe(
      'meta_not_allowed',
    );
  });

  it('a column is not removed, redefined or made required under rows it would make invalid', () => {
    const rows: [string, RowValues][] = [[ID, { ...issue, floor: 3 }]];
    const office2 = (meta: { key: string; after: unknown }) =>
      checkChanges(ctx(office, rows), [], [meta])?.code ?? null;
    expect(office2({ key: 'field.floor', after: undefined })).toBe('meta_not_allowed');
    const emptied = (meta: { key: string; after: unknown }) =>
      checkChanges(ctx(office, [[ID, { ...issue, floor: '' }]]), [], [meta])?.code ?? null;
    expect(emptied({ key: 'field.floor', after: undefined })).toBe('meta_not_allowed');
    expect(
      checkChanges(ctx(office, [[ID, issue]]), [], [{ key: 'field.floor', after: undefined }]),
    ).toBeNull();
    expect(office2({ key: 'field.floor', after: { ...floor, kind: 'date' } })).toBe('wrong_type');
    expect(office2({ key: 'field.note2', after: { ...floor, key: 'note2', required: true } })).toBe(
      'required',
    );
    expect(office2({ key: 'field.floor', after: { ...floor, max: 10 } })).toBeNull();
  });
});
