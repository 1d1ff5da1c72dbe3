// The snapshot schedule: daily at fixed Shanghai times (16:00, the command meeting, unless
// SNAPSHOT_SCHEDULE says otherwise). Each time is a slot stored once, so instances sharing
// a store take it once between them.
import {
  addDays,
  isTimeOfDay,
  parseIsoDateTime,
  shanghaiDateTime,
  todayInShanghai,
} from '@civic-ledger/shared';
import { errorFields, log } from '../ops/log.ts';
import type { Snapshots } from './snapshots.ts';

export const DEFAULT_SNAPSHOT_SCHEDULE = '16:00';

/** `16:00`, `08:00,16:00` or `off` → sorted times of day; null when unreadable. */
export function parseSchedule(raw: string): string[] | null {
  const text = raw.trim().toLowerCase();
  if (text === 'off' || text === 'none') return [];
  const times = text.split(',').map((t) => t.trim().padStart(5, '0'));
  if (!times.every(isTimeOfDay)) return null;
  return [...new Set(times)].sort();
}

export interface Slot {
  /** When it falls. */
  at: Date;
  /** Its unique key: Shanghai date and time, `2026-03-02T16:00`. */
  key: string;
}

/** The first scheduled time strictly after `now`; null for an empty schedule. */
export function nextSlot(times: readonly string[], now: Date): Slot | null {
  if (times.length === 0) return null;
  const today = todayInShanghai(now);
  for (const date of [today, addDays(today, 1)]) {
    for (const time of times) {
      const ms = parseIsoDateTime(shanghaiDateTime(date, time));
      if (ms !== null && ms > now.getTime()) return { at: new Date(ms), key: `${date}T${time}` };
    }
  }
  return null;
}

export interface SnapshotScheduler {
  /** The next slot, for the snapshot list. */
  readonly next: Slot | null;
  /** Stops the timer and waits for a snapshot being taken. */
  stop(): Promise<void>;
}

export function startSnapshotScheduler(
  snapshots: Pick<Snapshots, 'take'>,
  times: readonly string[],
): SnapshotScheduler {
  let next: Slot | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const arm = () => {
    next = nextSlot(times, new Date());
    if (!next || stopped) return;
    const slot = next;
    timer = setTimeout(
      () => {
        running = snapshots
          .take({ kind: 'scheduled', createdBy: null, slot: slot.key, now: slot.at })
          .then((taken) => {
            if (!taken) log.info('scheduled snapshot already taken by another instance', { slot: slot.key });
          })
          .catch((err) => log.error('scheduled snapshot failed', { slot: slot.key, ...errorFields(err) }))
          .finally(arm);
      },
      Math.max(0, slot.at.getTime() - Date.now()),
    );
    timer.unref();
  };
  arm();
  if (times.length > 0) log.info('snapshot schedule', { times, next: next ? (next as Slot).key : null });
  return {
    get next() {
      return next;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
