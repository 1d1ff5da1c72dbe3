// Taking snapshots: the state of every room at one moment, read from the store after the
// loaded rooms have written what they hold, kept with its time, label and author.
import { isoShanghai, newRowId } from '@civic-ledger/shared';
import { log } from '../ops/log.ts';
import type { SnapshotKind, SnapshotRecord } from '../store/snapshot-store.ts';
import type { Store } from '../store/store.ts';
import type { RoomManager } from '../sync/rooms.ts';
import { DistrictReader } from './district-state.ts';

export const MAX_LABEL_LENGTH = 100;

const KIND_LABEL: Record<SnapshotKind, string> = {
  manual: '快照',
  scheduled: '定时快照',
  bulletin: '每周通报',
};

/** `2026-03-02 16:00 定时快照`: what the list shows when nobody gave a label. */
export function defaultLabel(kind: SnapshotKind, at: Date): string {
  return `${isoShanghai(at).slice(0, 16).replace('T', ' ')} ${KIND_LABEL[kind]}`;
}

export interface TakeOptions {
  kind: SnapshotKind;
  label?: string;
  createdBy: string | null;
  /** Unique per scheduled time, so several instances take it once. */
  slot?: string;
  now?: Date;
}

export class Snapshots {
  private readonly reader: DistrictReader;

  constructor(
    private readonly store: Store,
    rooms: RoomManager,
  ) {
    this.reader = new DistrictReader(store, rooms);
  }

  /** Takes a snapshot of every room; null when another instance already took this slot. */
  async take(options: TakeOptions): Promise<SnapshotRecord | null> {
    const now = options.now ?? new Date();
    const started = performance.now();
    const states = await this.reader.currentStates();
    const record: SnapshotRecord = {
      id: newRowId(),
      takenAt: now.getTime(),
      label: options.label?.trim().slice(0, MAX_LABEL_LENGTH) || defaultLabel(options.kind, now),
      kind: options.kind,
      createdBy: options.createdBy,
      roomCount: states.length,
    };
    const stored = await this.store.putSnapshot(record, states, options.slot);
    if (!stored) return null;
    log.info('snapshot taken', {
      id: record.id,
      kind: record.kind,
      rooms: states.length,
      bytes: states.reduce((n, s) => n + s.state.byteLength, 0),
      ms: Math.round(performance.now() - started),
    });
    return record;
  }
}
