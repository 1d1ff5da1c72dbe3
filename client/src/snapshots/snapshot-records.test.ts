import { describe, expect, it } from 'vitest';
import { parseSnapshotList, parseSnapshotRooms, shanghaiTime, shanghaiTimeOf } from './snapshot-records.ts';

const record = {
  id: '01JDX4Q0S6W7N5Y2B3C4D5E6F7',
  // 2026-03-02 08:00 UTC = 16:00 in Shanghai
  takenAt: Date.UTC(2026, 2, 2, 8, 0),
  label: '16:00 例会',
  kind: 'scheduled',
  createdBy: null,
  roomCount: 35,
};

describe('snapshot records from the server', () => {
  it('reads the list with its schedule', () => {
    const list = parseSnapshotList({
      snapshots: [
        record,
        { ...record, id: '01JDX4Q0S6W7N5Y2B3C4D5E6F8', kind: 'manual', createdBy: 'staff' },
      ],
      schedule: { times: ['16:00'], next: '2026-03-03T16:00:00+08:00' },
    });
    expect(list?.snapshots.map((s) => [s.kind, s.createdBy])).toEqual([
      ['scheduled', null],
      ['manual', 'staff'],
    ]);
    expect(list?.schedule).toEqual({ times: ['16:00'], next: '2026-03-03T16:00:00+08:00' });
  });

  it('refuses an answer that is not a list of snapshots', () => {
    expect(parseSnapshotList(null)).toBeNull();
    expect(parseSnapshotList({ snapshots: [{ ...record, kind: 'weekly' }] })).toBeNull();
    expect(parseSnapshotList({ snapshots: [{ ...record, takenAt: '2026-03-02' }] })).toBeNull();
  });

  it('keeps only room names from a snapshot’s rooms', () => {
    expect(parseSnapshotRooms({ snapshot: record, rooms: ['sites', 3, 'ledger.taoyuan'] })?.rooms).toEqual([
      'sites',
      'ledger.taoyuan',
    ]);
    expect(parseSnapshotRooms({ snapshot: {}, rooms: [] })).toBeNull();
  });

  it('shows times on the Shanghai clock whatever the device zone', () => {
    expect(shanghaiTime(record.takenAt)).toBe('2026-03-02 16:00');
    expect(shanghaiTimeOf('2026-03-02T23:30:00Z')).toBe('2026-03-03 07:30');
    expect(shanghaiTimeOf('not a time')).toBe('not a time');
  });
});
