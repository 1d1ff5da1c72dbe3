import { ledgerSchema } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import { EMPTY_LOOKUPS, refTable } from '../registry/lookups.ts';
import { type AuditEntry, auditEntries, formatAuditEntry, shanghaiTimestamp } from './audit-format.ts';

const PERSON = '01J0000000000000000000PER1';
const base: AuditEntry = {
  room: 'ledger.taoyuan',
  rowId: '01J00000000000000000000001',
  field: 'status',
  before: '"rectified"',
  after: '"closed"',
  userId: 'u1',
  username: 'staff',
  // 2026-03-02 01:30:05 UTC = 09:30:05 in Shanghai
  at: Date.UTC(2026, 2, 2, 1, 30, 5),
};

describe('row history entries', () => {
  it('reads who, when in Shanghai time, the field label and option labels in Chinese', () => {
    expect(formatAuditEntry(base, ledgerSchema, 'zh-CN', EMPTY_LOOKUPS)).toEqual({
      kind: 'change',
      who: 'staff',
      when: '2026-03-02 09:30:05',
      field: '状态',
      from: '已整改待核查',
      to: '已销账',
    });
  });

  it('reads in English when the interface is English', () => {
    const line = formatAuditEntry(base, ledgerSchema, 'en', EMPTY_LOOKUPS);
    expect([line.field, line.from, line.to]).toEqual(['Status', 'Rectified, awaiting check', 'Closed']);
  });

  it('shows names for people and an empty side for a value set or cleared', () => {
    const lookups = {
      ...EMPTY_LOOKUPS,
      people: refTable([{ id: PERSON, name: '王敏', committeeId: null }]),
    };
    const line = formatAuditEntry(
      { ...base, field: 'verifiedBy', before: null, after: JSON.stringify(PERSON) },
      ledgerSchema,
      'zh-CN',
      lookups,
    );
    expect([line.field, line.from, line.to]).toEqual(['核查人', '', '王敏']);
  });

  it('a whole row added or deleted is one line', () => {
    expect(
      formatAuditEntry(
        { ...base, field: '*', before: null, after: '{}' },
        ledgerSchema,
        'zh-CN',
        EMPTY_LOOKUPS,
      ).kind,
    ).toBe('added');
    expect(
      formatAuditEntry(
        { ...base, field: '*', before: '{}', after: null },
        ledgerSchema,
        'zh-CN',
        EMPTY_LOOKUPS,
      ).kind,
    ).toBe('deleted');
  });

  it('lists the newest first and leaves out what is malformed', () => {
    const older = { ...base, at: base.at - 1000 };
    expect(auditEntries({ entries: [older, base, { field: 1 }] })).toEqual([base, older]);
    expect(auditEntries(null)).toEqual([]);
    expect(shanghaiTimestamp(Date.UTC(2026, 0, 1, 16, 0, 0))).toBe('2026-01-02 00:00:00');
  });

  it('reads a value written at the same time as another and not kept as its own line', () => {
    const line = formatAuditEntry(
      { ...base, field: 'status~overwritten', before: '"closed"', after: '"in_progress"' },
      ledgerSchema,
      'zh-CN',
      EMPTY_LOOKUPS,
    );
    expect(line).toMatchObject({ kind: 'overwritten', field: '状态', from: '已销账', to: '整改中' });
  });
});
