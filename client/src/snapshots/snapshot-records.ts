// Snapshots as the server lists them, read from its JSON (nothing is trusted unchecked),
// and how one is named to a person: its Shanghai time and who took it, or the schedule.
import { isoShanghai } from '@civic-ledger/shared';

export type SnapshotKind = 'manual' | 'scheduled' | 'bulletin';

export interface SnapshotInfo {
  readonly id: string;
  /** Milliseconds since the epoch. */
  readonly takenAt: number;
  readonly label: string;
  readonly kind: SnapshotKind;
  /** Username of who took it; null for the scheduler. */
  readonly createdBy: string | null;
  readonly roomCount: number;
}

export interface SnapshotList {
  /** Newest first. */
  readonly snapshots: readonly SnapshotInfo[];
  /** Shanghai times of the daily snapshots, and the next one (ISO with offset) if any. */
  readonly schedule: { readonly times: readonly string[]; readonly next: string | null };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const KINDS: readonly string[] = ['manual', 'scheduled', 'bulletin'];

export function parseSnapshot(value: unknown): SnapshotInfo | null {
  if (!isRecord(value)) return null;
  const { id, takenAt, label, kind, createdBy, roomCount } = value;
  if (typeof id !== 'string' || typeof takenAt !== 'number' || !Number.isFinite(takenAt)) return null;
  if (typeof kind !== 'string' || !KINDS.includes(kind)) return null;
  return {
    id,
    takenAt,
    label: typeof label === 'string' ? label : '',
    kind: kind as SnapshotKind,
    createdBy: typeof createdBy === 'string' ? createdBy : null,
    roomCount: typeof roomCount === 'number' ? roomCount : 0,
  };
}

/** `GET /api/snapshots`; null when the answer is not a list of snapshots. */
export function parseSnapshotList(body: unknown): SnapshotList | null {
  if (!isRecord(body) || !Array.isArray(body.snapshots)) return null;
  const snapshots: SnapshotInfo[] = [];
  for (const item of body.snapshots) {
    const snapshot = parseSnapshot(item);
    if (!snapshot) return null;
    snapshots.push(snapshot);
  }
  const schedule = isRecord(body.schedule) ? body.schedule : {};
  const times = Array.isArray(schedule.times)
    ? schedule.times.filter((t): t is string => typeof t === 'string')
    : [];
  const next = typeof schedule.next === 'string' ? schedule.next : null;
  return { snapshots, schedule: { times, next } };
}

/** `GET /api/snapshots/<id>`: the snapshot and the rooms the caller may read. */
export function parseSnapshotRooms(body: unknown): { snapshot: SnapshotInfo; rooms: string[] } | null {
  if (!isRecord(body) || !Array.isArray(body.rooms)) return null;
  const snapshot = parseSnapshot(body.snapshot);
  if (!snapshot) return null;
  return { snapshot, rooms: body.rooms.filter((r): r is string => typeof r === 'string') };
}

/** `1772438400000` → `2026-03-02 16:00` (Shanghai wall time, whatever the device's zone). */
export function shanghaiTime(ms: number): string {
  const iso = isoShanghai(ms);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** `2026-03-02T16:00:00+08:00` → `2026-03-02 16:00`; other text as it is. */
export function shanghaiTimeOf(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : shanghaiTime(ms);
}
