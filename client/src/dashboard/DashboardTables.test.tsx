// @vitest-environment happy-dom
import { computeTotals, type RowValues } from '@civic-ledger/shared';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/I18nContext.tsx';
import { translator } from '../i18n/messages.ts';
import { refTable } from '../registry/lookups.ts';
import { CommitteeStatusTable } from './CommitteeStatusTable.tsx';
import { DrillPanel } from './DrillPanel.tsx';
import { type DrillTarget, drillKey } from './drill.ts';
import { DrillContext } from './drill-context.ts';
import { drillTitle } from './drill-title.ts';
import type { LiveSnapshot } from './live-totals.ts';

const NOW = new Date('2026-03-02T08:00:00Z');
const names: Record<string, string> = { taoyuan: '桃园居民区', hongqiao: '虹桥居民区' };
const title = (target: DrillTarget) =>
  drillTitle(target, { t: translator('zh-CN'), locale: 'zh-CN', committeeName: (id) => names[id] ?? id });

function issues(committeeId: string, n: number, status: string): RowValues[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${committeeId}-${status}-${String(i).padStart(4, '0')}`,
    committeeId,
    siteId: `site-${committeeId}-00000000`,
    category: 'street_rubbish',
    description: `${committeeId} 的问题 ${i}`,
    source: 'office',
    foundAt: '2026-03-02T09:00:00+08:00',
    status,
  }));
}

const ledger = [
  ...issues('taoyuan', 3, 'open'),
  ...issues('hongqiao', 1, 'open'),
  ...issues('hongqiao', 60, 'closed'),
];
const totals = computeTotals({ ledger, roster: [], sites: [], now: NOW });
const lookups = {
  committees: refTable([
    { id: 'taoyuan', name: '桃园居民区' },
    { id: 'hongqiao', name: '虹桥居民区' },
  ]),
  sites: refTable([]),
  people: refTable([]),
};

function withTotals(ui: React.ReactNode, open: (target: DrillTarget) => void = () => {}) {
  return render(
    <I18nProvider>
      <DrillContext.Provider value={{ totals, open, title, openKey: null }}>{ui}</DrillContext.Provider>
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe('committee × status table', () => {
  it('shows each committee with its counts, and sorts by a column from its header', () => {
    withTotals(<CommitteeStatusTable lookups={lookups} />);
    const table = screen.getByTestId('table-committee-status');
    const names = () =>
      within(table)
        .getAllByRole('row')
        .slice(1, 3)
        .map((r) => r.querySelector('td')?.textContent);
    expect(names()).toEqual(['虹桥居民区', '桃园居民区']); // by committee id
    const openHeader = within(table).getByRole('button', { name: '待整改' });
    fireEvent.click(openHeader);
    // Counts sort largest first.
    expect(names()).toEqual(['桃园居民区', '虹桥居民区']);
    expect(openHeader.closest('th')?.getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(openHeader);
    expect(names()).toEqual(['虹桥居民区', '桃园居民区']);
    expect(openHeader.closest('th')?.getAttribute('aria-sort')).toBe('ascending');
    // Names sort in the reader's order: pinyin hong before tao.
    fireEvent.click(within(table).getByRole('button', { name: '居民区' }));
    expect(names()).toEqual(['虹桥居民区', '桃园居民区']);
    expect(openHeader.closest('th')?.getAttribute('aria-sort')).toBeNull();
  });

  it('every count opens its own rows, and the footer gives the district', () => {
    const open = vi.fn();
    withTotals(<CommitteeStatusTable lookups={lookups} />, open);
    const cell = screen.getByTestId('n-committeeStatus:hongqiao:closed');
    expect(cell.textContent).toBe('60');
    fireEvent.click(cell);
    expect(open).toHaveBeenCalledWith({ kind: 'committeeStatus', committeeId: 'hongqiao', status: 'closed' });
    expect(cell.getAttribute('aria-label')).toBe('虹桥居民区 · 已销账: 60');
    expect(screen.getByTestId('n-status:open').textContent).toBe('4');
    expect(screen.getAllByTestId('n-figure:found')[0]?.textContent).toBe('64');
  });
});

describe('drill-down panel', () => {
  const snapshot: LiveSnapshot = {
    totals,
    ledger: new Map(ledger.map((r) => [String(r.id), r])),
    roster: new Map(),
    scope: { committees: ['hongqiao', 'taoyuan'], wholeDistrict: true, ledgerRooms: [], rosterRooms: [] },
    rooms: { total: 6, ready: 6, network: 'online', error: null },
    complete: true,
    computeMs: 1,
  };

  it('counts exactly the rows behind the number and pages through them', () => {
    const target: DrillTarget = { kind: 'committeeStatus', committeeId: 'hongqiao', status: 'closed' };
    withTotals(<DrillPanel target={target} snapshot={snapshot} lookups={lookups} onClose={() => {}} />);
    const panel = screen.getByTestId('drill-panel');
    expect(panel.getAttribute('data-target')).toBe(drillKey(target));
    expect(within(panel).getByRole('heading').textContent).toBe('虹桥居民区 · 已销账');
    expect(screen.getByTestId('drill-count').getAttribute('data-count')).toBe('60');
    const bodyRows = () => panel.querySelectorAll('tbody tr');
    expect(bodyRows()).toHaveLength(50);
    fireEvent.click(within(panel).getByRole('button', { name: '下一页' }));
    expect(bodyRows()).toHaveLength(10);
    const ids = [...bodyRows()].map((r) => r.getAttribute('data-row-id'));
    expect(ids.every((id) => id?.startsWith('hongqiao-closed-'))).toBe(true);
    // Labels from the shared schema, names from the registry.
    expect(within(panel).getAllByText('虹桥居民区').length).toBeGreaterThan(0);
    expect(within(panel).getAllByText('沿街垃圾').length).toBeGreaterThan(0);
  });

  it('says so when nothing is behind the number', () => {
    withTotals(
      <DrillPanel
        target={{ kind: 'figure', figure: 'recurred' }}
        snapshot={snapshot}
        lookups={lookups}
        onClose={() => {}}
      />,
    );
    expect(screen.getByTestId('drill-count').getAttribute('data-count')).toBe('0');
    expect(screen.getByText('没有对应的行')).toBeTruthy();
  });
});
