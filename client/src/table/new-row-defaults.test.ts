import { schemaForTable, TABLE_NAMES, validateRow } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import { newRowValues } from './new-row-defaults.ts';

describe('a new row', () => {
  it('is valid at once in every table', () => {
    for (const table of TABLE_NAMES) {
      const values = newRowValues({
        table,
        committeeId: 'taoyuan',
        siteId: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
        now: new Date('2026-03-02T01:00:00Z'),
        placeholder: '新问题',
      });
      expect(values).not.toBeNull();
      const schema = schemaForTable(table);
      const withDefaults: Record<string, unknown> = { id: '01HZZZZZZZZZZZZZZZZZZZZZZY', ...values };
      for (const f of schema.fields)
        if (withDefaults[f.key] === undefined && f.default !== undefined) withDefaults[f.key] = f.default;
      const result = validateRow(schema, withDefaults);
      expect(result.ok, `${table}: ${result.ok ? '' : result.error.message.en}`).toBe(true);
    }
  });

  it('cannot be made for a ledger without a site to put it on', () => {
    expect(
      newRowValues({
        table: 'ledger',
        committeeId: 'taoyuan',
        siteId: null,
        now: new Date(),
        placeholder: 'x',
      }),
    ).toBeNull();
  });
});
