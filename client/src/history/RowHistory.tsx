// The side panel with one row's audit trail from the server: loading, the entries (newest
// first), or why they could not be loaded (with a retry). A 401 signs out.
import type { TableSchema } from '@civic-ledger/shared';
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Lookups } from '../registry/lookups.ts';
import type { Session } from '../session/session.ts';
import { apiGet } from '../session/session-api.ts';
import { type AuditEntry, auditEntries, formatAuditEntry } from './audit-format.ts';

interface RowHistoryProps {
  readonly session: Session;
  readonly room: string;
  readonly rowId: string;
  readonly title: string;
  readonly schema: TableSchema;
  readonly lookups: Lookups;
  readonly onClose: () => void;
  readonly onUnauthorized: () => void;
}

type State =
  | { kind: 'loading' }
  | { kind: 'error'; reason: string }
  | { kind: 'loaded'; entries: AuditEntry[] };

export function RowHistory(props: RowHistoryProps) {
  const { t, locale } = useI18n();
  const { session, room, rowId, onUnauthorized } = props;
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is how a retry asks to load again
  useEffect(() => {
    let cancelled = false;
    setState({ kind: 'loading' });
    const query = new URLSearchParams({ room, row: rowId });
    void apiGet<unknown>(session, `/api/audit?${query}`).then((result) => {
      if (cancelled) return;
      if (result.ok) setState({ kind: 'loaded', entries: auditEntries(result.value) });
      else if (result.unauthorized) onUnauthorized();
      else setState({ kind: 'error', reason: result.error.message[locale] });
    });
    return () => {
      cancelled = true;
    };
  }, [session, room, rowId, locale, onUnauthorized, attempt]);

  return (
    <aside className="row-history" data-testid="row-history-panel" aria-label={t('history.title')}>
      <header>
        <h2>
          {t('history.title')} · {props.title}
        </h2>
        <button type="button" onClick={props.onClose} data-testid="row-history-close">
          {t('history.close')}
        </button>
      </header>
      {state.kind === 'loading' && (
        <p className="history-loading" data-testid="row-history-loading">
          {t('history.loading')}
        </p>
      )}
      {state.kind === 'error' && (
        <div className="history-error" role="alert" data-testid="row-history-error">
          {t('history.error', { reason: state.reason })}
          <button type="button" onClick={retry}>
            {t('history.retry')}
          </button>
        </div>
      )}
      {state.kind === 'loaded' && state.entries.length === 0 && (
        <p data-testid="row-history-empty">{t('history.empty')}</p>
      )}
      {state.kind === 'loaded' && state.entries.length > 0 && (
        <ol className="history-list" data-testid="row-history-list">
          {state.entries.map((entry, i) => {
            const line = formatAuditEntry(entry, props.schema, locale, props.lookups);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: each load replaces the whole list; entries have no id
              <li key={`${entry.at}-${entry.field}-${i}`} data-testid="row-history-entry">
                <div className="history-meta">
                  <span className="history-who">{line.who}</span>
                  <time>{line.when}</time>
                </div>
                {line.kind === 'overwritten' ? (
                  <div className="history-change history-overwritten" data-testid="row-history-overwritten">
                    <span className="history-field">{line.field}</span>
                    <span>{t('history.overwritten', { lost: line.to || '—', kept: line.from || '—' })}</span>
                  </div>
                ) : line.kind === 'change' ? (
                  <div className="history-change">
                    <span className="history-field">{line.field}</span>
                    <span className="history-from">{line.from || '—'}</span>
                    <span aria-hidden>→</span>
                    <span className="history-to">{line.to || '—'}</span>
                  </div>
                ) : (
                  <div className="history-change">
                    {t(line.kind === 'added' ? 'history.added' : 'history.deleted')}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </aside>
  );
}
