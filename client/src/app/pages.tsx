// The pages, each loaded on demand in a chunk of its own: signing in, or opening one page,
// does not fetch the code of the others (the grid, AG Grid and the dashboard's tables
// only arrive with the first page that shows them). A page not loaded yet shows a line
// saying so.
import { lazy } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';

export const TableView = lazy(() => import('../views/TableView.tsx').then((m) => ({ default: m.TableView })));

export const DashboardPage = lazy(() =>
  import('../dashboard/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })),
);

export const CoveragePage = lazy(() =>
  import('../duty/CoveragePage.tsx').then((m) => ({ default: m.CoveragePage })),
);

export const SnapshotsPage = lazy(() =>
  import('../snapshots/SnapshotsPage.tsx').then((m) => ({ default: m.SnapshotsPage })),
);

export const ReportPage = lazy(() =>
  import('../report/ReportPage.tsx').then((m) => ({ default: m.ReportPage })),
);

export const LedgerCards = lazy(() =>
  import('../cards/LedgerCards.tsx').then((m) => ({ default: m.LedgerCards })),
);

/** What a page shows while its code is on the way. */
export function PageLoading() {
  const { t } = useI18n();
  return (
    <p className="loading" data-testid="page-loading">
      {t('loading.page')}
    </p>
  );
}
