// A figure that drills down: a count with the ids of exactly the rows behind it, and a
// rate as two such counts. Totals, rankings and reports are built of these.

/** A count and the ids of exactly the rows it counts (`count === ids.length`). */
export interface Tally {
  readonly count: number;
  readonly ids: readonly string[];
}

/** numerator / denominator; `rate` is null when the denominator is 0. */
export interface Ratio {
  readonly numerator: Tally;
  readonly denominator: Tally;
  readonly rate: number | null;
}

export function tally(ids: readonly string[]): Tally {
  return { count: ids.length, ids };
}

export function ratio(numerator: Tally, denominator: Tally): Ratio {
  return { numerator, denominator, rate: denominator.count > 0 ? numerator.count / denominator.count : null };
}
