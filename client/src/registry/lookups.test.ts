import { describe, expect, it } from 'vitest';
import { refTable, resolveRef } from './lookups.ts';

const people = refTable([
  { id: 'P000000000000001', name: '张伟', committeeId: 'taoyuan' },
  { id: 'P000000000000002', name: '李娜', committeeId: 'taoyuan' },
  { id: 'P000000000000003', name: '张伟', committeeId: 'hexi' },
]);

describe('reference lookups', () => {
  it('finds names by id', () => {
    expect(people.byId.get('P000000000000002')?.name).toBe('李娜');
  });

  it('resolves a unique name or an id to the id', () => {
    expect(resolveRef(people, ' 李娜 ')).toBe('P000000000000002');
    expect(resolveRef(people, 'P000000000000003')).toBe('P000000000000003');
  });

  it('does not guess between people with the same name', () => {
    expect(resolveRef(people, '张伟')).toBeNull();
  });
});
