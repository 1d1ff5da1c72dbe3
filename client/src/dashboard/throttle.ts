// Runs a task at most once per interval however often it is asked for: at once when the
// last run is long enough ago, else once at the end of the interval (never dropped).
export interface Throttle {
  /** Asks for a run. */
  request(): void;
  /** Runs now if a run is pending (e.g. before reading the result). */
  flush(): void;
  cancel(): void;
}

/** `intervalMs` may be a function, read at each request (an interval that adapts to the task's cost). */
export function throttle(
  task: () => void,
  intervalMs: number | (() => number),
  now: () => number = Date.now,
): Throttle {
  const interval = typeof intervalMs === 'number' ? () => intervalMs : intervalMs;
  let lastRun = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let cancelled = false;
  const run = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    lastRun = now();
    task();
  };
  return {
    request() {
      if (cancelled || timer) return;
      const wait = lastRun + interval() - now();
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
    flush() {
      if (timer) run();
    },
    cancel() {
      cancelled = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
