// The liaison daily report (联络员日报) for a chosen day: per office liaison, the issues
// they found, those they wrote off and those still open, read live from every ledger the
// account may read; printed on A4 (the print styles in duty.css) or exported as CSV/XLSX.
import { addDays, isIsoDate, type RowValues, roomName, todayInShanghai } from '@civic-ledger/shared';
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Session } from '../session/session.ts';
import { downloadWithProgress, saveBlob } from '../snapshots/download.ts';
import type { RoomPool } from '../sync/room-pool.ts';
import type { DutyRegistry } from './duty-registry.ts';
import { IssueRef } from './IssueRef.tsx';
import { liaisonReportView } from './liaison-view.ts';
import { RoomsBanner, RoomsWaiting } from './RoomsState.tsx';
import { useRoomRows } from './useRoomRows.ts';

/** Where the report of a day is exported, in the interface language. */
export function liaisonExportPath(format: 'xlsx' | 'csv', date: string, locale: string): string {
  const params = new URLSearchParams({ date, locale });
  return `/api/export/liaison/${format}?${params.toString()}`;
}

export function LiaisonTab(props: { pool: RoomPool; registry: DutyRegistry; session: Session }) {
  const { pool, registry, session } = props;
  const { t, locale } = useI18n();
  const [date, setDate] = useState(() => todayInShanghai());
  const [exportState, setExportState] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });
  const exportAs = async (format: 'xlsx' | 'csv') => {
    setExportState({ busy: true, error: null });
    const result = await downloadWithProgress(
      session,
      liaisonExportPath(format, date, locale),
      `liaison_${date}.${format}`,
      () => {},
    );
    if (result.ok) saveBlob(result.value.blob, result.value.filename);
    setExportState({ busy: false, error: result.ok ? null : result.error.message[locale] });
  };
  const rooms = useMemo(
    () => registry.committees.map((c) => roomName('ledger', c.id)),
    [registry.committees],
  );
  const ledger = useRoomRows(pool, rooms);
  const rows = useMemo(() => [...ledger.rows.values()].flat(), [ledger.rows]);
  const view = useMemo(() => liaisonReportView(rows, registry.people, date), [rows, registry.people, date]);

  return (
    <div className="duty-tab-body" data-testid="liaison-tab">
      <div className="duty-toolbar">
        <fieldset className="date-range">
          <button type="button" onClick={() => setDate(addDays(date, -1))} aria-label={t('duty.prev')}>
            ‹
          </button>
          <label>
            {t('duty.day')}
            <input
              type="date"
              value={date}
              data-testid="liaison-date"
              onChange={(e) => {
                if (isIsoDate(e.target.value)) setDate(e.target.value);
              }}
            />
          </label>
          <button type="button" onClick={() => setDate(addDays(date, 1))} aria-label={t('duty.next')}>
            ›
          </button>
          <button type="button" onClick={() => setDate(todayInShanghai())}>
            {t('duty.today')}
          </button>
        </fieldset>
        {ledger.ready && (
          <strong data-testid="liaison-totals">
            {t('liaison.totals', { found: view.found, resolved: view.resolved, unresolved: view.unresolved })}
          </strong>
        )}
        <span className="liaison-actions">
          <button type="button" data-testid="liaison-print" onClick={() => window.print()}>
            {t('liaison.print')}
          </button>
          <button
            type="button"
            data-testid="liaison-export-xlsx"
            disabled={exportState.busy}
            onClick={() => void exportAs('xlsx')}
          >
            {t('liaison.exportXlsx')}
          </button>
          <button
            type="button"
            data-testid="liaison-export-csv"
            disabled={exportState.busy}
            onClick={() => void exportAs('csv')}
          >
            {t('liaison.exportCsv')}
          </button>
        </span>
      </div>
      {exportState.error && (
        <p className="duty-error" role="alert" data-testid="liaison-export-error">
          {t('liaison.exportFailed', { reason: exportState.error })}
        </p>
      )}
      <h2 className="liaison-print-title">{t('liaison.printTitle', { date })}</h2>
      <RoomsBanner rooms={ledger} />
      {!ledger.ready ? (
        <RoomsWaiting rooms={ledger} />
      ) : view.entries.length === 0 ? (
        <p className="duty-state">{t('liaison.none')}</p>
      ) : (
        <table className="duty-table" data-testid="liaison-report">
          <thead>
            <tr>
              <th>{t('liaison.name')}</th>
              <th>{t('liaison.committee')}</th>
              <th>{t('liaison.found')}</th>
              <th>{t('liaison.resolved')}</th>
              <th>{t('liaison.unresolved')}</th>
            </tr>
          </thead>
          <tbody>
            {view.entries.map((entry) => (
              <tr key={entry.personId} data-testid="liaison-row" data-person={entry.personId}>
                <th scope="row">{entry.name}</th>
                <td>
                  {entry.committeeId
                    ? (registry.committeeNames.get(entry.committeeId) ?? entry.committeeId)
                    : ''}
                </td>
                <td data-testid="liaison-found" data-count={entry.foundRows.length}>
                  <IssueList rows={entry.foundRows} registry={registry} empty={t('liaison.nothing')} />
                </td>
                <td data-testid="liaison-resolved" data-count={entry.resolvedRows.length}>
                  <IssueList rows={entry.resolvedRows} registry={registry} empty={t('liaison.nothing')} />
                </td>
                <td data-testid="liaison-unresolved" data-count={entry.unresolvedRows.length}>
                  <IssueList rows={entry.unresolvedRows} registry={registry} empty={t('liaison.nothing')} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function IssueList(props: { rows: readonly Readonly<RowValues>[]; registry: DutyRegistry; empty: string }) {
  if (props.rows.length === 0) return <span className="duty-muted">{props.empty}</span>;
  return (
    <>
      <span className="issue-count">{props.rows.length}</span>
      <ul className="issue-list">
        {props.rows.map((row) => (
          <li key={String(row.id)}>
            <IssueRef row={row} registry={props.registry} />
          </li>
        ))}
      </ul>
    </>
  );
}
