// A phone report becomes a complete open ledger row that the shared rules accept from a patrol.
import { checkPatrolChange, ledgerSchema, validateRow } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import { reportRowValues, reportSources } from './report-row.ts';

const input = {
  siteId: 'site-0000000000000001',
  committeeId: 'taoyuan',
  category: 'stairwell_clutter',
  description: '  楼道堆放杂物  ',
  source: 'volunteer' as const,
  personId: 'person-00000000000001',
  // 23:30 in Shanghai on a Friday: the deadline is reckoned on the Shanghai date, and the
  // category (stairwell clutter, one working day) skips the weekend.
  now: new Date('2026-12-04T15:30:00Z'),
};

describe('report row', () => {
  it('is a complete open row with the category’s default deadline and the reporter as finder', () => {
    const row = reportRowValues(input);
    expect(row).toMatchObject({
      committeeId: 'taoyuan',
      status: 'open',
      source: 'volunteer',
      description: '楼道堆放杂物',
      foundBy: 'person-00000000000001',
      createdBy: 'person-00000000000001',
      recurrences: 0,
    });
    expect(row.foundAt).toMatch(/^2026-12-04T23:30/);
    expect(row.deadline).toBe('2026-12-07');
    expect(validateRow(ledgerSchema, { ...row, id: '01JBX4Y5Z6A7B8C9D0E1F2G3H4' }).ok).toBe(true);
  });

  it('passes the patrol rule, and names no finder when the session has no person', () => {
    const patrol = { role: 'patrol' as const, committeeId: null, personId: input.personId };
    const row = reportRowValues(input);
    expect(checkPatrolChange(patrol, 'ledger', null, row, Object.keys(row))).toBeNull();
    const anonymous = reportRowValues({ ...input, personId: null });
    expect(anonymous.foundBy).toBeUndefined();
  });

  it('offers a patrol only the volunteer and citizen patrol sources', () => {
    expect(reportSources({ role: 'patrol', committeeId: null })).toEqual(['volunteer', 'citizen_patrol']);
    expect(reportSources({ role: 'member', committeeId: 'taoyuan' })[0]).toBe('self_check');
  });
});
