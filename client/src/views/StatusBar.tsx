// The always-visible status bar: connection state, whether every local edit is stored on
// the server, rows shown, the selection's count and sum, and who else is in this table.
import type { GridStats } from '../grid/TableGrid.tsx';
import { useI18n } from '../i18n/I18nContext.tsx';
import { formatNumber } from '../i18n/messages.ts';
import type { Presence } from '../presence/presence-map.ts';
import type { StoragePersistence } from '../sync/storage-persistence.ts';
import type { RoomStatus } from '../sync/sync-status.ts';

interface StatusBarProps {
  readonly status: RoomStatus;
  readonly stats: GridStats | null;
  readonly presence: Presence;
  readonly storage: StoragePersistence;
  readonly readOnly: boolean;
  /** Explain the colour of overdue rows (ledger tables). */
  readonly overdueLegend?: boolean;
}

export function StatusBar({ status, stats, presence, storage, readOnly, overdueLegend }: StatusBarProps) {
  const { t, locale } = useI18n();
  const saveText =
    status.save === 'saved'
      ? t('save.saved')
      : status.save === 'saving'
        ? t('save.saving', { n: status.unconfirmedEdits })
        : t('save.local', { n: status.unconfirmedEdits });
  const selection = stats?.selection;
  return (
    <footer className="status-bar">
      <span
        className={`badge network-${status.network}`}
        data-testid="network-state"
        data-state={status.network}
      >
        ● {t(`network.${status.network}`)}
      </span>
      {readOnly && (
        <span className="badge read-only" data-testid="read-only" title={t('access.readOnlyHint')}>
          🔒 {t('access.readOnly')}
        </span>
      )}
      <span className={`save save-${status.save}`} data-testid="save-state" data-state={status.save}>
        {saveText}
      </span>
      {status.error && (
        <span className="status-error" role="alert" data-testid="local-error">
          {status.error.message[locale]}
        </span>
      )}
      {stats && (
        <span data-testid="row-count">{t('status.rows', { shown: stats.shown, total: stats.total })}</span>
      )}
      {selection && selection.cells > 1 && (
        <span data-testid="selection-stats">
          {t('status.selection', {
            cells: selection.cells,
            filled: selection.filled,
            sum: formatNumber(selection.sum, locale),
          })}
        </span>
      )}
      {overdueLegend && (
        <span className="legend legend-overdue" data-testid="overdue-legend" title={t('legend.overdueHint')}>
          <span className="legend-swatch" aria-hidden="true" />
          {t('legend.overdue')}
        </span>
      )}
      <span className="spacer" />
      <span className="presence" data-testid="presence">
        {presence.people.length === 0 ? (
          t('presence.alone')
        ) : (
          <>
            {t('presence.others')}
            {presence.people.map((p) => (
              <span key={p.id} className="presence-chip" style={{ background: p.color }}>
                {p.name}
              </span>
            ))}
          </>
        )}
      </span>
      <span
        className="storage"
        title={t(storage === 'persisted' ? 'storage.persisted' : 'storage.notPersisted')}
      >
        {storage === 'persisted' ? '🔒' : '⚠'}
      </span>
    </footer>
  );
}
