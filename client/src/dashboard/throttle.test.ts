import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from './throttle.ts';

describe('throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the first request at once', () => {
    const task = vi.fn();
    throttle(task, 250).request();
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('runs at most once per interval, and the last request is never dropped', () => {
    const started = Date.now();
    const runs: number[] = [];
    const t = throttle(() => runs.push(Date.now() - started), 250);
    // A request every 10 ms for a second (990 ms the last one).
    for (let ms = 0; ms < 1000; ms += 10) {
      t.request();
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(1000);
    expect(runs).toEqual([0, 250, 500, 750, 1000]);
  });

  it('a request after a quiet interval runs at once again', () => {
    const task = vi.fn();
    const t = throttle(task, 250);
    t.request();
    vi.advanceTimersByTime(1000);
    t.request();
    expect(task).toHaveBeenCalledTimes(2);
  });

  it('reads an adaptive interval at each request', () => {
    const started = Date.now();
    const runs: number[] = [];
    let interval = 250;
    const t = throttle(
      () => runs.push(Date.now() - started),
      () => interval,
    );
    t.request();
    interval = 600;
    t.request();
    vi.advanceTimersByTime(1000);
    expect(runs).toEqual([0, 600]);
  });

  it('flush runs a pending request now; cancel drops it', () => {
    const task = vi.fn();
    const t = throttle(task, 250);
    t.request();
    t.request();
    expect(task).toHaveBeenCalledTimes(1);
    t.flush();
    expect(task).toHaveBeenCalledTimes(2);
    t.request();
    t.cancel();
    vi.advanceTimersByTime(1000);
    expect(task).toHaveBeenCalledTimes(2);
  });
});
