import { describe, expect, it } from 'vitest';
import { pickerOrder } from './ref-picker-editor.ts';

describe('the person picker order', () => {
  it('puts the empty choice first, then the most used people, ties in the given order', () => {
    const usage = new Map([
      ['p3', 5],
      ['p2', 1],
      ['p4', 5],
    ]);
    expect(pickerOrder([null, 'p1', 'p2', 'p3', 'p4'], usage)).toEqual([null, 'p3', 'p4', 'p2', 'p1']);
  });
});
