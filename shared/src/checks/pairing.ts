// Who checks whom in a mutual check round (咬尾巴互查): every committee checks exactly one
// other and is checked by exactly one other, none checks itself, no two check each other
// (with three or more), and nobody checks the committee it checked in the previous round
// unless no pairing avoids it (then as few repeats as can be, and they are named). The
// office may swap two checkers' targets before the round starts; a reverse round (反向咬尾巴)
// flips the previous round's pairs.
import type { Prng } from '../core/prng.ts';
import { type DomainError, domainError, fail, ok, type Result } from '../core/result.ts';

/** One pair of a round: `checker` checks the sites of `checked`. */
export interface CheckPair {
  readonly checker: string;
  readonly checked: string;
}

export interface Pairing {
  /** One pair per committee, in the order the committees were given. */
  readonly pairs: readonly CheckPair[];
  /** The pairs the previous round had too, because no pairing avoids them all (empty when none). */
  readonly repeated: readonly CheckPair[];
}

export type PairingErrorCode =
  | 'pairing_too_few'
  | 'pairing_duplicate'
  | 'pairing_unknown'
  | 'pairing_self'
  | 'pairing_each_other'
  | 'pairing_repeat'
  | 'pairing_not_one_each'
  | 'pairing_reverse_changed';

type PairingError = DomainError<PairingErrorCode>;

function committeesError(committees: readonly string[]): PairingError | null {
  if (committees.length < 2) {
    return domainError(
      'pairing_too_few',
      '互查至少需要两个居委',
      'a mutual check needs at least two committees',
    );
  }
  const seen = new Set<string>();
  for (const c of committees) {
    if (seen.has(c)) {
      return domainError('pairing_duplicate', `居委“${c}”重复`, `committee "${c}" is listed twice`);
    }
    seen.add(c);
  }
  return null;
}

/** The previous round's target of each checker (pairs of committees no longer taking part are ignored). */
function previousTargets(previous: readonly CheckPair[] | null | undefined): Map<string, string> {
  return new Map((previous ?? []).map((p) => [p.checker, p.checked]));
}

interface Search {
  readonly order: readonly string[];
  readonly before: Map<string, string>;
  /** How many repeats of the previous round the search may still use. */
  allowance: number;
  readonly target: Map<string, string>;
  readonly taken: Set<string>;
}

function shuffled(items: readonly string[], prng: Prng | undefined): string[] {
  const out = [...items];
  if (!prng) return out;
  for (let i = out.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [out[i], out[j]] = [out[j] as string, out[i] as string];
  }
  return out;
}

/**
 * The pairs of a mutual round over `committees`. Without `prng` the pairing is the first
 * in the given order (a ring: each checks the next, 咬尾巴); with it, a random draw.
 * When the previous round makes every pairing repeat a pair, the fewest repeats are kept
 * and listed in `repeated` (two committees can only check each other, every round).
 */
export function pairMutualRound(
  committees: readonly string[],
  previous?: readonly CheckPair[] | null,
  prng?: Prng,
): Result<Pairing, PairingError> {
  const bad = committeesError(committees);
  if (bad) return fail(bad);
  // A ring first: each committee tries the one after it before the others.
  const order = shuffled(committees, prng);
  const before = previousTargets(previous);
  for (let allowance = 0; allowance <= order.length; allowance++) {
    const s: Search = { order, before, allowance, target: new Map(), taken: new Set() };
    const ring = order.map((_, i) => order.slice(i + 1).concat(order.slice(0, i + 1)));
    if (assignRing(s, ring, 0)) {
      const pairs = committees.map((c) => ({ checker: c, checked: s.target.get(c) as string }));
      return ok({ pairs, repeated: pairs.filter((p) => before.get(p.checker) === p.checked) });
    }
  }
  // Unreachable: with two or more committees a pairing exists once repeats are allowed.
  throw new Error('no pairing found');
}

/**
 * Depth-first: gives each committee in order a target that keeps every rule, trying its
 * candidates in ring order (the next one first).
 */
function assignRing(s: Search, ring: readonly (readonly string[])[], index: number): boolean {
  const checker = s.order[index];
  if (checker === undefined) return true;
  const mutualAllowed = s.order.length === 2;
  for (const candidate of ring[index] ?? []) {
    if (candidate === checker || s.taken.has(candidate)) continue;
    if (!mutualAllowed && s.target.get(candidate) === checker) continue;
    const repeat = s.before.get(checker) === candidate;
    if (repeat && s.allowance === 0) continue;
    if (repeat) s.allowance -= 1;
    s.target.set(checker, candidate);
    s.taken.add(candidate);
    if (assignRing(s, ring, index + 1)) return true;
    s.target.delete(checker);
    s.taken.delete(candidate);
    if (repeat) s.allowance += 1;
  }
  return false;
}

/**
 * Whether `pairs` is a valid round over `committees`: null when it is; otherwise the first
 * rule it breaks. Repeats of `previous` are refused unless listed in `allowedRepeats`.
 */
export function checkPairs(
  committees: readonly string[],
  pairs: readonly CheckPair[],
  previous?: readonly CheckPair[] | null,
  allowedRepeats: readonly CheckPair[] = [],
): PairingError | null {
  const bad = committeesError(committees);
  if (bad) return bad;
  const members = new Set(committees);
  const target = new Map<string, string>();
  const checkedBy = new Map<string, string>();
  for (const p of pairs) {
    if (!members.has(p.checker) || !members.has(p.checked)) {
      const who = members.has(p.checker) ? p.checked : p.checker;
      return domainError(
        'pairing_unknown',
        `居委“${who}”不在本轮`,
        `committee "${who}" is not in this round`,
      );
    }
    if (p.checker === p.checked) {
      return domainError(
        'pairing_self',
        `居委“${p.checker}”不能查自己`,
        `committee "${p.checker}" cannot check itself`,
      );
    }
    if (target.has(p.checker) || checkedBy.has(p.checked)) {
      return notOneEach();
    }
    target.set(p.checker, p.checked);
    checkedBy.set(p.checked, p.checker);
  }
  if (target.size !== committees.length) return notOneEach();
  if (committees.length > 2) {
    for (const p of pairs) {
      if (target.get(p.checked) === p.checker) {
        return domainError(
          'pairing_each_other',
          `“${p.checker}”与“${p.checked}”不能互相检查`,
          `"${p.checker}" and "${p.checked}" cannot check each other`,
        );
      }
    }
  }
  const before = previousTargets(previous);
  for (const p of pairs) {
    if (before.get(p.checker) !== p.checked) continue;
    if (allowedRepeats.some((r) => r.checker === p.checker && r.checked === p.checked)) continue;
    return domainError(
      'pairing_repeat',
      `“${p.checker}”上一轮已检查“${p.checked}”`,
      `"${p.checker}" already checked "${p.checked}" in the previous round`,
    );
  }
  return null;
}

function notOneEach(): PairingError {
  return domainError(
    'pairing_not_one_each',
    '每个居委须检查且只检查一个居委，并且只被一个居委检查',
    'every committee must check exactly one other and be checked by exactly one',
  );
}

/**
 * The office swaps the targets of two checkers before the round starts: `a` checks what `b`
 * was to check and the other way round. Refused, with the reason, when the result would
 * break a rule (a repeat the pairing already had stays allowed).
 */
export function swapTargets(
  committees: readonly string[],
  pairing: Pairing,
  a: string,
  b: string,
  previous?: readonly CheckPair[] | null,
): Result<Pairing, PairingError> {
  const pa = pairing.pairs.find((p) => p.checker === a);
  const pb = pairing.pairs.find((p) => p.checker === b);
  if (!pa || !pb) {
    const who = pa ? b : a;
    return fail(
      domainError('pairing_unknown', `居委“${who}”不在本轮`, `committee "${who}" is not in this round`),
    );
  }
  const pairs = pairing.pairs.map((p) => {
    if (p.checker === a) return { checker: a, checked: pb.checked };
    if (p.checker === b) return { checker: b, checked: pa.checked };
    return p;
  });
  const err = checkPairs(committees, pairs, previous, pairing.repeated);
  if (err) return fail(err);
  const before = previousTargets(previous);
  return ok({ pairs, repeated: pairs.filter((p) => before.get(p.checker) === p.checked) });
}

/**
 * A reverse round (反向咬尾巴): the checked become the checkers of those who checked them.
 * Refused when the committees taking part are not the previous round's.
 */
export function reversePairs(
  committees: readonly string[],
  previous: readonly CheckPair[],
): Result<Pairing, PairingError> {
  const bad = committeesError(committees);
  if (bad) return fail(bad);
  const pairs = committees.map((c) => {
    const p = previous.find((x) => x.checked === c);
    return { checker: c, checked: p?.checker ?? '' };
  });
  const same =
    previous.length === committees.length &&
    pairs.every((p) => p.checked !== '') &&
    checkPairs(committees, previous) === null;
  if (!same) {
    return fail(
      domainError(
        'pairing_reverse_changed',
        '参与居委与上一轮不同，不能反向，请重新配对',
        'the committees differ from the previous round: pair them anew instead of reversing',
      ),
    );
  }
  // Reversing flips every pair, so with two committees the pair is the same as before.
  const before = previousTargets(previous);
  return ok({ pairs, repeated: pairs.filter((p) => before.get(p.checker) === p.checked) });
}
