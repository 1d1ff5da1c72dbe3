// When the totals on screen were computed, and whether every room behind them is in:
// still loading (the figures are partial), offline (the copy on this device), or live.
import { useI18n } from '../i18n/I18nContext.tsx';
import { formatComputedAt } from './figure-format.ts';
import type { LiveSnapshot } from './live-totals.ts';

export function SyncLine({ snapshot }: { readonly snapshot: LiveSnapshot }) {
  const { t, locale } = useI18n();
  const { rooms, totals } = snapshot;
  const loading = !snapshot.complete;
  const state = loading ? 'loading' : rooms.network;
  return (
    <div className="dash-sync" data-testid="dashboard-sync" data-state={state}>
      <span className={`badge network-${rooms.network}`}>{t(`network.${rooms.network}`)}</span>
      <span className={loading ? 'sync-loading' : 'sync-ready'} role="status">
        {loading
          ? t('dashboard.roomsLoading', { ready: rooms.ready, total: rooms.total })
          : t('dashboard.roomsReady', { total: rooms.total })}
      </span>
      {rooms.network === 'offline' && <span className="sync-offline">{t('dashboard.offline')}</span>}
      {totals && (
        <time dateTime={totals.computedAt} data-testid="computed-at">
          {t('dashboard.computedAt', { time: formatComputedAt(totals.computedAt) })}
        </time>
      )}
      {rooms.error && (
        <span className="status-error">
          {t('dashboard.roomError', { reason: rooms.error.message[locale] })}
        </span>
      )}
    </div>
  );
}
