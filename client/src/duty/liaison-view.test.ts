import type { RowValues } from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import { liaisonReportView } from './liaison-view.ts';

const D = '2026-11-24';
const people: RowValues[] = [
  { id: 'l-tao', name: '周敏', role: 'liaison', committeeId: 'taoyuan' },
  { id: 'l-hong', name: '吴刚', role: 'liaison', committeeId: 'hongqiao' },
  { id: 'p-res', name: '居民甲', role: 'resident', committeeId: 'taoyuan' },
];
const ledger: RowValues[] = [
  // Found by the Taoyuan liaison today at a Hongqiao site, written off today by the Hongqiao liaison.
  {
    id: 'i1',
    committeeId: 'hongqiao',
    status: 'closed',
    foundBy: 'l-tao',
    foundAt: `${D}T08:10:00+08:00`,
    closedAt: `${D}T15:00:00+08:00`,
    verifiedBy: 'l-hong',
  },
  // Found yesterday by a resident, written off today in Taoyuan by the office.
  {
    id: 'i2',
    committeeId: 'taoyuan',
    status: 'closed',
    foundBy: 'p-res',
    foundAt: '2026-11-23T09:00:00+08:00',
    closedAt: `${D}T10:00:00+08:00`,
    verifiedBy: 'office-staff',
  },
  // Found today by the Taoyuan liaison, still open.
  { id: 'i3', committeeId: 'taoyuan', status: 'open', foundBy: 'l-tao', foundAt: `${D}T11:00:00+08:00` },
];

describe('liaison daily report view', () => {
  const view = liaisonReportView(ledger, people, D);

  it('has one entry per liaison, resolved to ledger rows', () => {
    expect(view.entries.map((e) => e.name)).toEqual(['吴刚', '周敏']);
    const tao = view.entries.find((e) => e.personId === 'l-tao');
    expect(tao?.foundRows.map((r) => r.id)).toEqual(['i1', 'i3']);
    // The office wrote off i2 in Taoyuan: not the Taoyuan liaison's write-off.
    expect(tao?.resolvedRows).toEqual([]);
    expect(tao?.unresolvedRows.map((r) => r.id)).toEqual(['i3']);
    const hong = view.entries.find((e) => e.personId === 'l-hong');
    expect(hong?.foundRows).toEqual([]);
    expect(hong?.resolvedRows.map((r) => r.id)).toEqual(['i1']);
    expect(hong?.unresolvedRows).toEqual([]);
  });

  it('totals the day: found, written off by liaisons, still open', () => {
    expect(view.found).toBe(2);
    expect(view.resolved).toBe(1);
    expect(view.unresolved).toBe(1);
  });

  it('reports nothing found or resolved on another day', () => {
    const other = liaisonReportView(ledger, people, '2026-11-22');
    expect(other.found + other.resolved).toBe(0);
    expect(other.entries).toHaveLength(2);
  });
});
