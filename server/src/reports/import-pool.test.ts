// The import pool: how many reads run at once, the queue and its 503, the time budget.
import { parseRoomName, type Room, schemaForTable } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import type { ImportJob } from './import-job.ts';
import { ImportPool } from './import-pool.ts';

const parsedRoom = parseRoomName('ledger.taoyuan');
if (!parsedRoom.ok) throw new Error('room');
const room: Room = parsedRoom.value;

function csvJob(rows: number): ImportJob {
  const lines = ['点位,类别,描述'];
  for (let i = 0; i < rows; i++) lines.push(`桃园菜场,沿街垃圾,第${i}处`);
  return {
    bytes: new TextEncoder().encode(`${lines.join('\r\n')}\r\n`),
    format: 'csv',
    sheet: undefined,
    request: {
      schema: schemaForTable('ledger'),
      room,
      principal: { role: 'admin', committeeId: null },
      existingIds: [],
    },
  };
}

describe('import pool', () => {
  it('runs one read per worker, queues the next, and answers 503 past the queue at once', async () => {
    const pool = new ImportPool({ workers: 1, queue: 1, timeMs: 60_000, heapMb: 256, idleMs: 1000 });
    const [first, second, third] = await Promise.all([
      pool.run(csvJob(2)),
      pool.run(csvJob(2)),
      pool.run(csvJob(2)),
    ]);
    expect(first.ok).toBe(true);
    expect(second.ok).toBe(true);
    expect(third).toMatchObject({ ok: false, status: 503, error: { code: 'import_busy' } });
    if (first.ok) expect(first.value.rows + first.value.rejected).toBe(2);
  });

  it('a read past its time budget is stopped and refused; the next one gets a fresh worker', async () => {
    const slow = new ImportPool({ workers: 1, queue: 1, timeMs: 5, heapMb: 256, idleMs: 1000 });
    expect(await slow.run(csvJob(10_000))).toMatchObject({
      ok: false,
      status: 422,
      error: { code: 'import_too_slow' },
    });
    const answer = await slow.run(csvJob(0));
    // A fresh worker, and still the same budget: either it fits or it is refused the same way.
    expect(answer.ok || answer.error.code === 'import_too_slow').toBe(true);
  });
});
