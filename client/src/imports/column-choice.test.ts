import { committeesSchema, ledgerSchema } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import {
  assignColumn,
  choiceFromColumns,
  columnLetter,
  fixedOf,
  mappableFields,
  mappingOf,
  missingRequired,
} from './column-choice.ts';

describe('the column mapping step', () => {
  it('offers every ledger field but the row id and the stamps', () => {
    const keys = mappableFields(ledgerSchema).map((f) => f.key);
    expect(keys).toContain('category');
    expect(keys).toContain('committeeId');
    expect(keys).not.toContain('id');
    expect(keys).not.toContain('createdAt');
    expect(keys).not.toContain('updatedAt');
  });

  it('offers the id of a committee, which names its rooms', () => {
    expect(mappableFields(committeesSchema).map((f) => f.key)).toContain('id');
  });

  it("starts from the server's suggestion, for the fields offered", () => {
    const columns = [
      { column: 0, field: null },
      { column: 1, field: 'siteId' },
      { column: 2, field: 'category' },
      { column: 3, field: 'verifiedBy' },
    ];
    const all = mappableFields(ledgerSchema);
    expect(choiceFromColumns(columns, all)).toEqual({ siteId: 1, category: 2, verifiedBy: 3 });
    const committeeFields = all.filter((f) => f.key !== 'verifiedBy');
    expect(choiceFromColumns(columns, committeeFields)).toEqual({ siteId: 1, category: 2 });
  });

  it('gives a column to one field only: choosing it elsewhere takes it from the first', () => {
    const moved = assignColumn({ siteId: 1, category: 2 }, 'description', 2);
    expect(moved).toEqual({ siteId: 1, category: null, description: 2 });
    expect(mappingOf(moved)).toEqual([
      { column: 1, field: 'siteId' },
      { column: 2, field: 'description' },
    ]);
  });

  it('unmapping a field sends nothing for it', () => {
    expect(mappingOf(assignColumn({ siteId: 1, category: 2 }, 'siteId', null))).toEqual([
      { column: 2, field: 'category' },
    ]);
  });

  it('sends only the fixed values filled in', () => {
    expect(fixedOf({ source: 'self_check', foundBy: ' ', deadline: ' 2020/5/12 ' })).toEqual({
      source: 'self_check',
      deadline: '2020/5/12',
    });
  });

  it('names columns as a spreadsheet does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });

  it('names the required fields nothing supplies', () => {
    const fields = mappableFields(ledgerSchema);
    const keys = (
      choice: Record<string, number | null>,
      fixed: Record<string, string>,
      committee: string | null,
    ) => missingRequired(fields, choice, fixed, committee).map((f) => f.key);
    // Status and recurrences have defaults; the room supplies the committee.
    expect(keys({ siteId: 1, category: 2, description: 3 }, {}, 'taoyuan')).toEqual(['source', 'foundAt']);
    expect(
      keys({ siteId: 1, category: 2, description: 3, foundAt: 4 }, { source: 'self_check' }, 'taoyuan'),
    ).toEqual([]);
    expect(keys({ siteId: 1, category: 2, description: 3, foundAt: 4 }, { source: ' ' }, null)).toEqual([
      'committeeId',
      'source',
    ]);
  });
});
