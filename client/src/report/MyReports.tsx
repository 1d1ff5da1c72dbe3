// "My reports": what this account reported from this device, newest first, each with where
// it stands on the ledger now (status and deadline read from its room) or that it still waits.
import { getRow, ISSUE_CATEGORIES, LEDGER_STATUSES, type RowValues } from '@civic-ledger/shared';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { RoomPool } from '../sync/room-pool.ts';
import type { QueuedReport, ReportQueue } from './report-queue.ts';
import { useQueuedReports } from './usePendingCount.ts';

interface MyReportsProps {
  readonly pool: RoomPool;
  readonly queue: ReportQueue;
  readonly username: string;
}

const SHOWN = 20;

/** This account's reports and their rows as the rooms hold them now. */
function useMyReports(pool: RoomPool, queue: ReportQueue, username: string) {
  const all = useQueuedReports(queue, username, 'mine');
  const reports = useMemo(() => all.slice(0, SHOWN), [all]);
  const [rows, setRows] = useState<ReadonlyMap<string, RowValues>>(new Map());
  const rooms = [...new Set(reports.map((r) => r.room))].sort().join(' ');
  useEffect(() => {
    const names = rooms === '' ? [] : rooms.split(' ');
    const connections = names.map((name) => pool.acquire(name));
    const read = () => {
      const next = new Map<string, RowValues>();
      for (const r of reports) {
        const doc = pool.current(r.room)?.doc;
        const row = doc ? getRow(doc, r.rowId) : undefined;
        if (row) next.set(r.rowId, row);
      }
      setRows(next);
    };
    for (const c of connections) {
      void c.ready.then(read);
      c.doc.on('update', read);
    }
    return () => {
      for (const c of connections) c.doc.off('update', read);
      for (const name of names) pool.release(name);
    };
  }, [pool, rooms, reports]);
  return { reports, rows };
}

export function MyReports({ pool, queue, username }: MyReportsProps) {
  const { t, locale } = useI18n();
  const { reports, rows } = useMyReports(pool, queue, username);
  return (
    <section className="report-mine" data-testid="my-reports">
      <h3>{t('report.mine')}</h3>
      {reports.length === 0 && <p className="report-hint">{t('report.mineEmpty')}</p>}
      <ul>
        {reports.map((r) => {
          const row = rows.get(r.rowId);
          const status = LEDGER_STATUSES.find((s) => s.value === row?.status)?.label[locale];
          const category = ISSUE_CATEGORIES.find((c) => c.value === r.category)?.label[locale] ?? r.category;
          return (
            <li
              key={r.rowId}
              className={`report-mine-item ${r.state}`}
              data-testid="my-report"
              data-state={r.state}
              data-row-id={r.rowId}
              data-room={r.room}
            >
              <strong>
                {r.siteName} · {category}
              </strong>
              <span>{r.description}</span>
              <span data-testid="my-report-state">
                {r.state === 'queued' ? t('report.stateQueued') : (status ?? t('report.stateSent'))}
                {typeof row?.deadline === 'string' && ` · ${t('report.deadline', { date: row.deadline })}`}
                {r.photoCount > 0 && ` · ${t('report.photoCount', { count: r.photoCount })}`}
              </span>
              {r.error && <span className="report-error">{r.error}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
