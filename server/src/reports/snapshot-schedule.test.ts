import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../ops/config.ts';
import { nextSlot, parseSchedule, startSnapshotScheduler } from './snapshot-schedule.ts';
import type { TakeOptions } from './snapshots.ts';

describe('snapshot schedule', () => {
  it('defaults to 16:00 every day, the command meeting', () => {
    expect(loadConfig({}, []).snapshotSchedule).toEqual(['16:00']);
    expect(loadConfig({ SNAPSHOT_SCHEDULE: 'off' }, []).snapshotSchedule).toEqual([]);
    expect(loadConfig({}, ['--snapshot-schedule', '8:00,16:00']).snapshotSchedule).toEqual([
      '08:00',
      '16:00',
    ]);
  });

  it('refuses a schedule it cannot read', () => {
    expect(parseSchedule('4pm')).toBeNull();
    expect(parseSchedule('16:00,25:00')).toBeNull();
    expect(() => loadConfig({ SNAPSHOT_SCHEDULE: 'daily' }, [])).toThrow(/SNAPSHOT_SCHEDULE/);
  });

  it('finds the next slot in Shanghai time, tomorrow once today’s have passed', () => {
    // 2026-11-24 15:59 in Shanghai.
    const before = new Date('2026-11-24T07:59:00Z');
    expect(nextSlot(['16:00'], before)).toEqual({
      at: new Date('2026-11-24T08:00:00Z'),
      key: '2026-11-24T16:00',
    });
    const at = new Date('2026-11-24T08:00:00Z');
    expect(nextSlot(['16:00'], at)?.key).toBe('2026-11-25T16:00');
    expect(nextSlot(['08:00', '16:00'], new Date('2026-11-24T12:00:00Z'))?.key).toBe('2026-11-25T08:00');
    expect(nextSlot([], before)).toBeNull();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('takes a scheduled snapshot at each slot, keyed by the slot, then waits for the next', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-24T07:59:00Z') });
    const taken: TakeOptions[] = [];
    const scheduler = startSnapshotScheduler(
      {
        async take(options) {
          taken.push(options);
          return null;
        },
      },
      ['16:00'],
    );
    expect(scheduler.next?.key).toBe('2026-11-24T16:00');
    await vi.advanceTimersByTimeAsync(59_000);
    expect(taken).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(taken).toEqual([
      { kind: 'scheduled', createdBy: null, slot: '2026-11-24T16:00', now: new Date('2026-11-24T08:00:00Z') },
    ]);
    expect(scheduler.next?.key).toBe('2026-11-25T16:00');
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(taken.map((t) => t.slot)).toEqual(['2026-11-24T16:00', '2026-11-25T16:00']);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(taken).toHaveLength(2);
  });
});
