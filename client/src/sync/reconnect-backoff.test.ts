import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './reconnect-backoff.ts';

const options = { baseMs: 100, maxMs: 5000 };

describe('reconnect backoff with jitter', () => {
  it('grows exponentially with the attempt', () => {
    expect(reconnectDelay(0, 1, options)).toBe(100);
    expect(reconnectDelay(3, 1, options)).toBe(800);
  });

  it('never exceeds the cap', () => {
    expect(reconnectDelay(30, 1, options)).toBe(5000);
  });

  it('spreads retries between half and the whole nominal delay', () => {
    expect(reconnectDelay(3, 0, options)).toBe(400);
    expect(reconnectDelay(3, 0.5, options)).toBe(600);
    const delays = new Set(Array.from({ length: 20 }, (_, i) => reconnectDelay(4, i / 20, options)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
