import { describe, expect, it } from 'vitest';
import type { RowValues } from '../schema/fields.ts';
import { liaisonDailyReport } from './liaison-report.ts';

const WANG = 'PERSON-WANG00000';
const LI = 'PERSON-LI0000000';
const people: RowValues[] = [
  { id: WANG, name: '王芳', role: 'liaison', committeeId: 'taoyuan' },
  { id: LI, name: '李强', role: 'liaison', committeeId: 'hongqiao' },
  { id: 'PERSON-ZHAO00000', name: '赵敏', role: 'social_worker', committeeId: 'taoyuan' },
];

function issue(id: string, values: RowValues): RowValues {
  return { id: id.padEnd(16, '0'), committeeId: 'taoyuan', status: 'open', ...values };
}

describe('liaison daily report', () => {
  const ledger = [
    // Found by Wang late on 2 March in Shanghai (15:30 UTC), so on the 2nd.
    issue('FOUND-LATE', { foundBy: WANG, foundAt: '2026-03-02T15:30:00Z' }),
    // 16:30 UTC is already 3 March in Shanghai.
    issue('FOUND-NEXT', { foundBy: WANG, foundAt: '2026-03-02T16:30:00Z' }),
    issue('CLOSED-HERE', { status: 'closed', closedAt: '2026-03-02T10:00:00+08:00' }),
    issue('CLOSED-THERE', {
      committeeId: 'hongqiao',
      status: 'closed',
      closedAt: '2026-03-02T11:00:00+08:00',
      verifiedBy: WANG,
    }),
    issue('REOPENED', { status: 'reopened', closedAt: '2026-03-02T10:00:00+08:00' }),
  ];

  it('lists per liaison what they found that Shanghai day and what was written off', () => {
    expect(liaisonDailyReport(ledger, people, '2026-03-02')).toEqual([
      {
        personId: LI,
        name: '李强',
        committeeId: 'hongqiao',
        date: '2026-03-02',
        found: [],
        resolved: ['CLOSED-THERE0000'],
      },
      {
        personId: WANG,
        name: '王芳',
        committeeId: 'taoyuan',
        date: '2026-03-02',
        found: ['FOUND-LATE000000'],
        resolved: ['CLOSED-HERE00000', 'CLOSED-THERE0000'],
      },
    ]);
  });

  it('the next day holds what was found after midnight in Shanghai', () => {
    const wang = liaisonDailyReport(ledger, people, '2026-03-03').find((e) => e.personId === WANG);
    expect(wang?.found).toEqual(['FOUND-NEXT000000']);
    expect(wang?.resolved).toEqual([]);
  });
});
