// The snapshots kept on the server, newest first: when (Shanghai time), why (scheduled or
// taken by whom), and from each one the read-only view or a comparison with now.
import { useI18n } from '../i18n/I18nContext.tsx';
import { type SnapshotInfo, shanghaiTime, shanghaiTimeOf } from './snapshot-records.ts';
import { type ListState, shownList } from './useSnapshotList.ts';

interface SnapshotListProps {
  readonly state: ListState;
  readonly onRetry: () => void;
  readonly onOpen: (id: string) => void;
  readonly onCompareWithNow: (id: string) => void;
}

export function SnapshotList(props: SnapshotListProps) {
  const { t, locale } = useI18n();
  const { state } = props;
  const list = shownList(state);
  const kindText = (s: SnapshotInfo) =>
    s.kind === 'scheduled'
      ? t('snap.kind.scheduled')
      : t(s.kind === 'bulletin' ? 'snap.kind.bulletin' : 'snap.kind.manual', { who: s.createdBy ?? '—' });
  return (
    <section className="snap-section snap-list" aria-labelledby="snap-list-title">
      <h2 id="snap-list-title">{t('snap.list.title')}</h2>
      {list && (
        <p className="snap-schedule" data-testid="snapshot-schedule">
          {list.schedule.times.length > 0
            ? t('snap.list.schedule', {
                times: list.schedule.times.join(locale === 'zh-CN' ? '、' : ', '),
                next: list.schedule.next ? shanghaiTimeOf(list.schedule.next) : '—',
              })
            : t('snap.list.scheduleOff')}
        </p>
      )}
      {state.kind === 'loading' && (
        <p className="snap-loading" data-testid="snapshot-list-loading">
          {t('snap.list.loading')}
        </p>
      )}
      {state.kind === 'error' && (
        <div className="snap-error" role="alert" data-testid="snapshot-list-error">
          {t('snap.list.error', { reason: state.reason })}
          <button type="button" onClick={props.onRetry}>
            {t('snap.list.retry')}
          </button>
        </div>
      )}
      {list && list.snapshots.length === 0 && <p data-testid="snapshot-list-empty">{t('snap.list.empty')}</p>}
      {list && list.snapshots.length > 0 && (
        <div className="snap-scroll">
          <table className="snap-table" data-testid="snapshot-list">
            <thead>
              <tr>
                <th>{t('snap.col.time')}</th>
                <th>{t('snap.col.label')}</th>
                <th>{t('snap.col.by')}</th>
                <th className="num">{t('snap.col.rooms')}</th>
                <th>{t('snap.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.snapshots.map((s) => (
                <tr key={s.id} data-testid="snapshot-row" data-snapshot-id={s.id}>
                  <td className="snap-time">{shanghaiTime(s.takenAt)}</td>
                  <td>{s.label}</td>
                  <td>
                    <span className={`snap-kind snap-kind-${s.kind}`}>{kindText(s)}</span>
                  </td>
                  <td className="num">{s.roomCount}</td>
                  <td className="snap-actions">
                    <button type="button" data-testid="snapshot-open" onClick={() => props.onOpen(s.id)}>
                      {t('snap.open')}
                    </button>
                    <button
                      type="button"
                      data-testid="snapshot-compare-now"
                      onClick={() => props.onCompareWithNow(s.id)}
                    >
                      {t('snap.compareNow')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
