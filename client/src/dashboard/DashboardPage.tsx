// The office's live totals (the 16:00 meeting view): built from the rooms as they change,
// with the shared `computeTotals`; every number opens exactly the rows behind it.
import {
  fieldByKey,
  ISSUE_CATEGORIES,
  ISSUE_SOURCES,
  type Locale,
  ledgerSchema,
  localize,
} from '@civic-ledger/shared';
import { useCallback, useMemo, useState } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Lookups } from '../registry/lookups.ts';
import type { Session } from '../session/session.ts';
import type { RoomPool } from '../sync/room-pool.ts';
import { CommitteeStatusTable } from './CommitteeStatusTable.tsx';
import { DrillPanel } from './DrillPanel.tsx';
import { type DrillTarget, drillKey } from './drill.ts';
import { type DrillApi, DrillContext } from './drill-context.ts';
import { drillTitle } from './drill-title.ts';
import { HeadlineFigures } from './HeadlineFigures.tsx';
import { OptionTable } from './OptionTable.tsx';
import { RankingChart } from './RankingChart.tsx';
import { SyncLine } from './SyncLine.tsx';
import { TrendChart } from './TrendChart.tsx';
import { useLiveTotals } from './useLiveTotals.ts';
import './dashboard.css';

export interface DashboardPageProps {
  readonly pool: RoomPool;
  readonly lookups: Lookups;
  readonly session: Session;
  readonly onUnauthorized: () => void;
}

function fieldLabel(key: string, locale: Locale): string {
  const def = fieldByKey(ledgerSchema, key);
  return def ? localize(def.label, locale) : key;
}

export function DashboardPage({ pool, lookups, session }: DashboardPageProps) {
  const { t, locale } = useI18n();
  const snapshot = useLiveTotals(pool, session.user.role, session.user.committeeId);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const open = useCallback((target: DrillTarget) => setDrill(target), []);
  const title = useCallback(
    (target: DrillTarget) =>
      drillTitle(target, {
        t,
        locale,
        committeeName: (id) => lookups.committees.byId.get(id)?.name ?? id,
      }),
    [t, locale, lookups],
  );
  const totals = snapshot?.totals ?? null;
  const api = useMemo<DrillApi | null>(
    () => (totals ? { totals, open, title, openKey: drill ? drillKey(drill) : null } : null),
    [totals, open, title, drill],
  );
  // A member account without a committee has no ledger to count (the office always has the district).
  const noScope =
    snapshot !== null && !snapshot.scope.wholeDistrict && snapshot.scope.committees.length === 0;

  return (
    <main className="page dashboard" data-testid="dashboard">
      <header className="dash-head">
        <h2>{t('dashboard.title')}</h2>
        {snapshot && <SyncLine snapshot={snapshot} />}
      </header>
      {noScope ? (
        <p className="dash-empty" role="status">
          {t('dashboard.noScope')}
        </p>
      ) : !api || !snapshot ? (
        <p className="dash-empty" role="status" data-testid="dashboard-computing">
          {t('dashboard.computing')}
        </p>
      ) : (
        <DrillContext.Provider value={api}>
          <div className={drill ? 'dash-body with-drill' : 'dash-body'}>
            <div className="dash-main">
              <p className="dash-hint">
                {api.totals.found.count === 0 ? t('dashboard.empty') : t('dashboard.live')}
              </p>
              <HeadlineFigures />
              <div className="dash-grid">
                <CommitteeStatusTable lookups={lookups} />
                <TrendChart />
                <RankingChart lookups={lookups} />
                <OptionTable
                  field="category"
                  title={t('table.byCategory')}
                  tallies={api.totals.byCategory}
                  options={ISSUE_CATEGORIES}
                  columnLabel={fieldLabel('category', locale)}
                />
                <OptionTable
                  field="source"
                  title={t('table.bySource')}
                  tallies={api.totals.bySource}
                  options={ISSUE_SOURCES}
                  columnLabel={fieldLabel('source', locale)}
                />
              </div>
            </div>
            {drill && (
              <DrillPanel
                target={drill}
                snapshot={snapshot}
                lookups={lookups}
                onClose={() => setDrill(null)}
              />
            )}
          </div>
        </DrillContext.Provider>
      )}
    </main>
  );
}
