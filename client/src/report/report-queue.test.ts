// The report queue keeps each account's reports apart and hands back the unsent ones oldest first.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { type QueuedReport, ReportQueue } from './report-queue.ts';

function report(rowId: string, username: string, createdAt: number): QueuedReport {
  return {
    rowId,
    username,
    room: 'ledger.taoyuan',
    siteName: '桃源小区',
    category: 'street_rubbish',
    description: '沿街有垃圾',
    createdAt,
    photos: [{ name: 'a.jpg', type: 'image/jpeg', data: new Uint8Array([0xff, 0xd8]).buffer }],
    uploaded: [],
    photoCount: 1,
    state: 'queued',
  };
}

describe('report queue', () => {
  it('lists only the account’s own reports and the unsent ones oldest first', async () => {
    const queue = new ReportQueue(`reports-test-${Math.random()}`);
    let changes = 0;
    queue.subscribe(() => {
      changes += 1;
    });
    await queue.add(report('r-0000000000000001', 'patrol', 1));
    await queue.add(report('r-0000000000000002', 'patrol', 2));
    await queue.add(report('r-0000000000000003', 'other', 3));
    await queue.update('r-0000000000000001', { state: 'sent', photos: [] });
    expect((await queue.mine('patrol')).map((r) => r.rowId)).toEqual([
      'r-0000000000000002',
      'r-0000000000000001',
    ]);
    expect((await queue.pending('patrol')).map((r) => r.rowId)).toEqual(['r-0000000000000002']);
    const stored = await queue.pending('patrol');
    expect(new Uint8Array(stored[0]?.photos[0]?.data ?? new ArrayBuffer(0))).toEqual(
      new Uint8Array([0xff, 0xd8]),
    );
    expect(changes).toBe(4);
    queue.close();
  });
});
