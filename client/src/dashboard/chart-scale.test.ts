import { describe, expect, it } from 'vitest';
import { countTicks, scale } from './chart-scale.ts';

describe('chart scales', () => {
  it('ticks reach a round value at or above the largest count', () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(countTicks(38)).toEqual([0, 10, 20, 30, 40]);
    expect(countTicks(220)).toEqual([0, 100, 200, 300]);
  });

  it('ticks are whole numbers even for tiny values', () => {
    for (const max of [1, 2, 5, 9, 13, 101]) {
      const ticks = countTicks(max);
      expect(ticks.every(Number.isInteger)).toBe(true);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
    }
  });

  it('scales a value onto the axis length', () => {
    expect(scale(5, 10, 200)).toBe(100);
    expect(scale(0, 10, 200)).toBe(0);
    expect(scale(3, 0, 200)).toBe(0);
    expect(scale(-1, 10, 200)).toBe(0);
  });
});
