// Delay before the next reconnect attempt: exponential, capped, with jitter so that a
// district's worth of browsers do not all reconnect in the same instant after an outage.

export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, maxMs: 10_000 };

/**
 * "Equal jitter": half of the exponential delay is fixed, the other half random, so a
 * retry never comes sooner than half the nominal delay. `random` is in [0, 1).
 */
export function reconnectDelay(
  attempt: number,
  random: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const nominal = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(nominal / 2 + (nominal / 2) * Math.min(Math.max(random, 0), 1));
}
