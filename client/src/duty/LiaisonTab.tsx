// The liaison daily report (联络员日报) for a chosen day: per office liaison, the issues
// they found and those resolved, read live from every ledger the account may read.
import { addDays, isIsoDate, type RowValues, roomName, todayInShanghai } from '@civic-ledger/shared';
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { RoomPool } from '../sync/room-pool.ts';
import type { DutyRegistry } from './duty-registry.ts';
import { IssueRef } from './IssueRef.tsx';
import { liaisonReportView } from './liaison-view.ts';
import { RoomsBanner, RoomsWaiting } from './RoomsState.tsx';
import { useRoomRows } from './useRoomRows.ts';

export function LiaisonTab({ pool, registry }: { pool: RoomPool; registry: DutyRegistry }) {
  const { t } = useI18n();
  const [date, setDate] = useState(() => todayInShanghai());
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
            {t('liaison.totals', { found: view.found, resolved: view.resolved })}
          </strong>
        )}
      </div>
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
