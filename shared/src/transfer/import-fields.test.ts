import { describe, expect, it } from 'vitest';
import { committeesSchema } from '../schema/committees-schema.ts';
import { ledgerSchema } from '../schema/ledger-schema.ts';
import { importableFields, isImportable, missingRequiredFields } from './import-fields.ts';

describe('the fields an import fills', () => {
  it('are every ledger field but the row id and the stamps', () => {
    const keys = importableFields(ledgerSchema).map((f) => f.key);
    expect(keys).toContain('category');
    expect(keys).toContain('committeeId');
    expect(keys).not.toContain('id');
    expect(keys).not.toContain('createdAt');
    expect(keys).not.toContain('updatedAt');
    expect(isImportable(ledgerSchema, 'id')).toBe(false);
  });

  it('include the id of a committee, which names its rooms', () => {
    expect(importableFields(committeesSchema).map((f) => f.key)).toContain('id');
    expect(isImportable(committeesSchema, 'id')).toBe(true);
  });
});

describe('the required fields nothing supplies', () => {
  const fields = importableFields(ledgerSchema);
  const missing = (supplied: readonly string[], committeeId: string | null) =>
    missingRequiredFields(fields, (key) => supplied.includes(key), committeeId).map((f) => f.key);

  it('leave out fields with a default and the committee the room supplies', () => {
    expect(missing(['siteId', 'category', 'description'], 'taoyuan')).toEqual(['source', 'foundAt']);
  });

  it('are none once a column or fixed value feeds each', () => {
    expect(missing(['siteId', 'category', 'description', 'foundAt', 'source'], 'taoyuan')).toEqual([]);
  });

  it('name the committee when the room does not supply it', () => {
    expect(missing(['siteId', 'category', 'description', 'foundAt'], null)).toEqual([
      'committeeId',
      'source',
    ]);
  });
});
