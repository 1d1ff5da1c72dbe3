import { initTable, roomName, schemaForTable, TABLE_NAMES, validateRow } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkLocal, plannedInsert } from './local-rules.ts';
import { newRowValues } from './new-row-defaults.ts';

/** The tables whose grids have "add row"; a check row is made on its round's page. */
const ADDABLE = TABLE_NAMES.filter((t) => t !== 'checks');

describe('a new row', () => {
  it('is valid at once in every table', () => {
    for (const table of ADDABLE) {
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

  it('is complete enough for the change rules to accept it as one new row, in every table', () => {
    for (const table of ADDABLE) {
      const values = newRowValues({
        table,
        committeeId: 'taoyuan',
        siteId: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
        now: new Date('2026-03-02T01:00:00Z'),
        placeholder: '新记录',
      });
      if (!values) throw new Error(`no new row for ${table}`);
      const id = typeof values.id === 'string' ? values.id : '01HZZZZZZZZZZZZZZZZZZZZZZY';
      const doc = new Y.Doc();
      initTable(doc, schemaForTable(table), null);
      const room = table === 'ledger' || table === 'roster' ? roomName(table, 'taoyuan') : table;
      const principal = { role: 'staff', committeeId: null } as const;
      const refused = checkLocal({ principal } as Parameters<typeof checkLocal>[0], room, doc, [
        plannedInsert(id, { ...values, id } as Parameters<typeof plannedInsert>[1]),
      ]);
      expect(refused, table).toBeNull();
    }
  });

  it('is not made for a check round, whose rows need the round', () => {
    const values = newRowValues({
      table: 'checks',
      committeeId: 'taoyuan',
      siteId: '01HZZZZZZZZZZZZZZZZZZZZZZZ',
      now: new Date(),
      placeholder: 'x',
    });
    expect(values).toBeNull();
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
