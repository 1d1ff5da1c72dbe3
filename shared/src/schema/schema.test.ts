import { describe, expect, it } from 'vitest';
import type { FieldDef } from './fields.ts';
import { ISSUE_CATEGORIES, ISSUE_SOURCES, LEDGER_STATUSES } from './ledger-schema.ts';
import { ROSTER_ROLES, ROSTER_STATUSES } from './roster-schema.ts';
import { effectiveSchema, schemaForTable } from './schema.ts';
import { SITE_KINDS } from './sites-schema.ts';
import { isTableName, TABLE_NAMES } from './table-schema.ts';

const keys = (table: (typeof TABLE_NAMES)[number]) => schemaForTable(table).fields.map((f) => f.key);

describe('table schemas', () => {
  it('have exactly the field keys of the contract', () => {
    expect(keys('ledger')).toEqual(
      'id committeeId siteId category description source foundAt foundBy assignee deadline status rectification rectifiedAt verifiedBy closedAt recheckAt parkedReason extensionDeadline extensionReason extensions reworks photos roundId checkItem recurrences createdAt createdBy updatedAt'.split(
        ' ',
      ),
    );
    expect(keys('roster')).toEqual(
      'id committeeId date start end siteId role person phone status note'.split(' '),
    );
    expect(keys('sites')).toEqual(['id', 'name', 'kind', 'committeeId', 'address', 'lat', 'lng']);
    expect(keys('committees')).toEqual(['id', 'name', 'secretary', 'director']);
    expect(keys('people')).toEqual(['id', 'name', 'role', 'committeeId', 'phone', 'volunteer']);
    expect(keys('checks')).toEqual(
      'id checker inspected siteId siteKind checkedAt checkedBy results issuesFound note'.split(' '),
    );
  });

  it('name the ledger statuses of the contract with their Chinese labels', () => {
    expect(LEDGER_STATUSES.map((s) => [s.value, s.label['zh-CN']])).toEqual([
      ['open', '待整改'],
      ['in_progress', '整改中'],
      ['rectified', '已整改待核查'],
      ['closed', '已销账'],
      ['reopened', '回潮'],
      ['parked', '挂账'],
    ]);
    expect(ROSTER_STATUSES.map((s) => s.value)).toEqual(['scheduled', 'checked_in', 'absent', 'swapped']);
  });

  it('give every option a unique value and both labels', () => {
    for (const list of [
      ISSUE_CATEGORIES,
      ISSUE_SOURCES,
      LEDGER_STATUSES,
      ROSTER_ROLES,
      ROSTER_STATUSES,
      SITE_KINDS,
    ]) {
      expect(new Set(list.map((o) => o.value)).size).toBe(list.length);
      for (const option of list) {
        expect(option.value).toMatch(/^[a-z0-9_]+$/);
        expect(option.label['zh-CN']).not.toBe('');
        expect(option.label.en).not.toBe('');
      }
    }
    expect(ISSUE_CATEGORIES).toHaveLength(10);
    expect(ISSUE_SOURCES).toHaveLength(8);
  });

  it('are found by table name and no other name', () => {
    for (const table of TABLE_NAMES) expect(schemaForTable(table).table).toBe(table);
    expect(isTableName('ledger')).toBe(true);
    expect(isTableName('toString')).toBe(false);
  });
});

describe('effectiveSchema', () => {
  it('appends custom fields after the base and never lets one replace a base field', () => {
    const base = schemaForTable('sites');
    const custom: FieldDef[] = [
      { key: 'name', kind: 'number', label: { 'zh-CN': '名', en: 'Name' } },
      { key: 'floors', kind: 'number', label: { 'zh-CN': '楼层', en: 'Floors' } },
    ];
    const schema = effectiveSchema(base, custom);
    expect(schema.fields.map((f) => f.key)).toEqual([
      'id',
      'name',
      'kind',
      'committeeId',
      'address',
      'lat',
      'lng',
      'floors',
    ]);
    expect(schema.fields[1]?.kind).toBe('text');
    expect(schema.version).toBe(base.version);
  });
});
