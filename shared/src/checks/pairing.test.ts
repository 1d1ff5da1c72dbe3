// Pins the pairing of mutual check rounds: one target each, one checker each, nobody on
// itself, no two on each other, no repeat of the previous round when it can be avoided.
import { describe, expect, it } from 'vitest';
import { createPrng } from '../core/prng.ts';
import { type CheckPair, checkPairs, pairMutualRound, reversePairs, swapTargets } from './pairing.ts';

const names = (n: number) => Array.from({ length: n }, (_, i) => `c${String(i + 1).padStart(2, '0')}`);

function value<T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}`);
  return r.value;
}

describe('pairMutualRound', () => {
  it('pairs 16 committees as a ring, each checking the next', () => {
    const committees = names(16);
    const round = value(pairMutualRound(committees));
    expect(round.pairs).toHaveLength(16);
    expect(round.pairs[0]).toEqual({ checker: 'c01', checked: 'c02' });
    expect(round.pairs[15]).toEqual({ checker: 'c16', checked: 'c01' });
    expect(round.repeated).toEqual([]);
    expect(checkPairs(committees, round.pairs)).toBeNull();
  });

  it('gives 16 committees a second round with no pair of the first', () => {
    const committees = names(16);
    const first = value(pairMutualRound(committees));
    const second = value(pairMutualRound(committees, first.pairs));
    expect(second.repeated).toEqual([]);
    expect(checkPairs(committees, second.pairs, first.pairs)).toBeNull();
    for (const p of second.pairs) expect(first.pairs).not.toContainEqual(p);
  });

  it('pairs 3 committees as a three-way ring, and the next round the other way round', () => {
    const committees = ['a', 'b', 'c'];
    const first = value(pairMutualRound(committees));
    expect(first.pairs).toEqual([
      { checker: 'a', checked: 'b' },
      { checker: 'b', checked: 'c' },
      { checker: 'c', checked: 'a' },
    ]);
    const second = value(pairMutualRound(committees, first.pairs));
    expect(second.pairs).toEqual([
      { checker: 'a', checked: 'c' },
      { checker: 'b', checked: 'a' },
      { checker: 'c', checked: 'b' },
    ]);
  });

  it('keeps the fewest repeats, and names them, when every pairing of 3 repeats one', () => {
    // The previous round had a and b check each other (when only they took part).
    const previous: CheckPair[] = [
      { checker: 'a', checked: 'b' },
      { checker: 'b', checked: 'a' },
    ];
    const round = value(pairMutualRound(['a', 'b', 'c'], previous));
    expect(round.repeated).toHaveLength(1);
    expect(checkPairs(['a', 'b', 'c'], round.pairs, previous, round.repeated)).toBeNull();
    expect(checkPairs(['a', 'b', 'c'], round.pairs, previous)?.code).toBe('pairing_repeat');
  });

  it('lets two committees check each other, every round, and says it repeats', () => {
    const first = value(pairMutualRound(['a', 'b']));
    expect(first.pairs).toEqual([
      { checker: 'a', checked: 'b' },
      { checker: 'b', checked: 'a' },
    ]);
    const second = value(pairMutualRound(['a', 'b'], first.pairs));
    expect(second.pairs).toEqual(first.pairs);
    expect(second.repeated).toEqual(first.pairs);
  });

  it('re-pairs after a committee leaves: the one that checked it gets another, nobody repeats', () => {
    const committees = names(16);
    const first = value(pairMutualRound(committees));
    const remaining = committees.filter((c) => c !== 'c07');
    const next = value(pairMutualRound(remaining, first.pairs));
    expect(next.pairs).toHaveLength(15);
    expect(next.repeated).toEqual([]);
    expect(checkPairs(remaining, next.pairs, first.pairs)).toBeNull();
    expect(next.pairs.some((p) => p.checker === 'c07' || p.checked === 'c07')).toBe(false);
  });

  it('refuses one committee and a committee listed twice', () => {
    expect(value.bind(null, pairMutualRound(['a']))).toThrow('pairing_too_few');
    const twice = pairMutualRound(['a', 'b', 'a']);
    expect(twice.ok ? null : twice.error.code).toBe('pairing_duplicate');
  });

  it('keeps every rule for random sizes, previous rounds and draws', () => {
    const seed = Number(process.env.PAIRING_SEED ?? 20261203);
    const prng = createPrng(seed);
    for (let run = 0; run < 300; run++) {
      const size = prng.int(2, 40);
      const pool = names(size + 5);
      const committees = pool.filter(() => prng.chance(0.85)).slice(0, size);
      if (committees.length < 2) continue;
      // The previous round over a roughly overlapping set (some left, some joined).
      const previousSet = pool.filter(() => prng.chance(0.85));
      const previous = previousSet.length >= 2 ? value(pairMutualRound(previousSet, null, prng)).pairs : null;
      const round = value(pairMutualRound(committees, previous, prng));
      const context = `seed ${seed}, run ${run}, ${committees.length} committees`;
      expect(checkPairs(committees, round.pairs, previous, round.repeated), context).toBeNull();
      if (committees.length >= 5) expect(round.repeated, context).toEqual([]);
      const checked = new Set(round.pairs.map((p) => p.checked));
      expect(checked.size, context).toBe(committees.length);
    }
  });
});

describe('swapTargets', () => {
  const committees = names(6);
  const round = value(pairMutualRound(committees));

  it('swaps what two checkers check when the rules still hold', () => {
    // c01→c02, c04→c05 become c01→c05, c04→c02: two rings of three.
    const swapped = value(swapTargets(committees, round, 'c01', 'c04'));
    expect(swapped.pairs.find((p) => p.checker === 'c01')?.checked).toBe('c05');
    expect(swapped.pairs.find((p) => p.checker === 'c04')?.checked).toBe('c02');
    expect(checkPairs(committees, swapped.pairs)).toBeNull();
  });

  it('refuses a swap that has a committee check itself', () => {
    // c01→c02, c02→c03: swapping gives c02→c02.
    const r = swapTargets(committees, round, 'c01', 'c02');
    expect(r.ok ? null : r.error.code).toBe('pairing_self');
    expect(r.ok ? null : r.error.message['zh-CN']).toContain('不能查自己');
  });

  it('refuses a swap that has two committees check each other', () => {
    const ring = value(pairMutualRound(['a', 'b', 'c', 'd']));
    // a→b, b→c, c→d, d→a; swapping a and c gives a→d, c→b, and d→a: a and d check each other.
    const r = swapTargets(['a', 'b', 'c', 'd'], ring, 'a', 'c');
    expect(r.ok ? null : r.error.code).toBe('pairing_each_other');
  });

  it('refuses a swap that repeats the previous round', () => {
    const previous = value(pairMutualRound(committees));
    const next = value(pairMutualRound(committees, previous.pairs));
    const target = (c: string) => next.pairs.find((p) => p.checker === c)?.checked;
    // Find the checker whose target is what c01 checked before, and swap with it.
    const other = next.pairs.find((p) => p.checked === 'c02')?.checker as string;
    expect(target('c01')).not.toBe('c02');
    const r = swapTargets(committees, next, 'c01', other, previous.pairs);
    expect(r.ok ? null : r.error.code).toBe('pairing_repeat');
  });

  it('refuses a checker not in the round', () => {
    const r = swapTargets(committees, round, 'c01', 'zz');
    expect(r.ok ? null : r.error.code).toBe('pairing_unknown');
  });
});

describe('reversePairs', () => {
  it('flips every pair of the previous round', () => {
    const committees = names(16);
    const first = value(pairMutualRound(committees));
    const reversed = value(reversePairs(committees, first.pairs));
    for (const p of first.pairs)
      expect(reversed.pairs).toContainEqual({ checker: p.checked, checked: p.checker });
    expect(reversed.repeated).toEqual([]);
    expect(checkPairs(committees, reversed.pairs, first.pairs)).toBeNull();
  });

  it('refuses to reverse when a committee left or joined', () => {
    const first = value(pairMutualRound(names(5)));
    const r = reversePairs(names(4), first.pairs);
    expect(r.ok ? null : r.error.code).toBe('pairing_reverse_changed');
    const joined = reversePairs(names(6), first.pairs);
    expect(joined.ok ? null : joined.error.code).toBe('pairing_reverse_changed');
  });
});
