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

const STAFF = 'PERSON-STAFF0000';

describe('liaison daily report', () => {
  const ledger = [
    // Found by Wang late on 2 March in Shanghai (15:30 UTC), so on the 2nd.
    issue('FOUND-LATE', { foundBy: WANG, foundAt: '2026-03-02T15:30:00Z' }),
    // 16:30 UTC is already 3 March in Shanghai.
    issue('FOUND-NEXT', { foundBy: WANG, foundAt: '2026-03-02T16:30:00Z' }),
    // Written off by the office in Wang's committee: the office's, not Wang's.
    issue('CLOSED-HERE', { status: 'closed', closedAt: '2026-03-02T10:00:00+08:00', verifiedBy: STAFF }),
    // Written off by Wang in Li's committee: Wang's, not Li's.
    issue('CLOSED-THERE', {
      committeeId: 'hongqiao',
      status: 'closed',
      closedAt: '2026-03-02T11:00:00+08:00',
      verifiedBy: WANG,
    }),
    // Found by Li, written off by the office: resolved for nobody, and no longer open.
    issue('LI-OFFICE', {
      committeeId: 'hongqiao',
      foundBy: LI,
      foundAt: '2026-03-01T09:00:00+08:00',
      status: 'closed',
      closedAt: '2026-03-02T09:00:00+08:00',
      verifiedBy: STAFF,
    }),
    // Found by Li a day earlier and written off only on the 3rd: open at the end of the 2nd.
    issue('LI-LATER', {
      committeeId: 'hongqiao',
      foundBy: LI,
      foundAt: '2026-03-01T10:00:00+08:00',
      status: 'closed',
      closedAt: '2026-03-03T09:00:00+08:00',
      verifiedBy: LI,
    }),
    issue('REOPENED', { status: 'reopened', closedAt: '2026-03-02T10:00:00+08:00', verifiedBy: WANG }),
  ];

  it('lists per liaison what they found that Shanghai day, wrote off, and what is still open', () => {
    expect(liaisonDailyReport(ledger, people, '2026-03-02')).toEqual([
      {
        personId: LI,
        name: '李强',
        committeeId: 'hongqiao',
        date: '2026-03-02',
        found: [],
        resolved: [],
        unresolved: ['LI-LATER00000000'],
      },
      {
        personId: WANG,
        name: '王芳',
        committeeId: 'taoyuan',
        date: '2026-03-02',
        found: ['FOUND-LATE000000'],
        resolved: ['CLOSED-THERE0000'],
        unresolved: ['FOUND-LATE000000'],
      },
    ]);
  });

  it('credits a liaison only with the write-offs they made, not the office in their committee', () => {
    const report = liaisonDailyReport(ledger, people, '2026-03-02');
    const all = report.flatMap((e) => e.resolved);
    expect(all).not.toContain('CLOSED-HERE00000');
    expect(all).not.toContain('LI-OFFICE0000000');
    expect(report.find((e) => e.personId === LI)?.resolved).toEqual([]);
  });

  it('the next day holds what was found after midnight in Shanghai and what was written off since', () => {
    const report = liaisonDailyReport(ledger, people, '2026-03-03');
    const wang = report.find((e) => e.personId === WANG);
    expect(wang?.found).toEqual(['FOUND-NEXT000000']);
    expect(wang?.resolved).toEqual([]);
    expect(wang?.unresolved).toEqual(['FOUND-LATE000000', 'FOUND-NEXT000000']);
    const li = report.find((e) => e.personId === LI);
    expect(li?.resolved).toEqual(['LI-LATER00000000']);
    expect(li?.unresolved).toEqual([]);
  });
});
