// Re-checks (回头看) due and issues overdue, over every ledger the account may read, with
// committee and site names and how many days past; reckoned in Shanghai, live.
import {
  ISSUE_CATEGORIES,
  issueCode,
  LEDGER_STATUSES,
  type RowValues,
  roomName,
  textOf,
} from '@civic-ledger/shared';
import { useMemo } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { RoomPool } from '../sync/room-pool.ts';
import type { DutyRegistry } from './duty-registry.ts';
import { optionText } from './labels.ts';
import { RoomsBanner, RoomsWaiting } from './RoomsState.tsx';
import { recheckLists } from './recheck-list.ts';
import { useNow } from './useNow.ts';
import { useRoomRows } from './useRoomRows.ts';

export function RecheckTab({ pool, registry }: { pool: RoomPool; registry: DutyRegistry }) {
  const { t } = useI18n();
  const now = useNow();
  const rooms = useMemo(
    () => registry.committees.map((c) => roomName('ledger', c.id)),
    [registry.committees],
  );
  const ledger = useRoomRows(pool, rooms);
  const rows = useMemo(() => [...ledger.rows.values()].flat(), [ledger.rows]);
  const lists = useMemo(() => recheckLists(rows, now), [rows, now]);
  const days = (n: number) => (n === 0 ? t('recheck.dueToday') : t('recheck.days', { n }));

  if (!ledger.ready || (ledger.firstLoad && rows.length === 0)) return <RoomsWaiting rooms={ledger} />;
  return (
    <div className="duty-tab-body" data-testid="recheck-tab">
      <RoomsBanner rooms={ledger} />
      <p className="duty-hint">{t('recheck.today', { date: lists.today })}</p>
      <h3>
        {t('recheck.title')} <span className="issue-count">{lists.recheck.length}</span>
      </h3>
      {lists.recheck.length === 0 ? (
        <p className="duty-state">{t('recheck.noneDue')}</p>
      ) : (
        <IssueTable
          testId="recheck-list"
          registry={registry}
          items={lists.recheck.map((r) => ({
            row: r.row,
            date: r.recheckAt,
            days: days(r.daysPast),
            late: r.daysPast > 0,
          }))}
          dateHead={t('recheck.recheckAt')}
          daysHead={t('recheck.daysPast')}
        />
      )}
      <h3>
        {t('recheck.overdueTitle')} <span className="issue-count">{lists.overdue.length}</span>
      </h3>
      {lists.overdue.length === 0 ? (
        <p className="duty-state">{t('recheck.noneOverdue')}</p>
      ) : (
        <IssueTable
          testId="overdue-list"
          registry={registry}
          items={lists.overdue.map((r) => ({
            row: r.row,
            date: r.deadline,
            days: days(r.daysOverdue),
            late: true,
          }))}
          dateHead={t('recheck.deadline')}
          daysHead={t('recheck.daysOverdue')}
        />
      )}
    </div>
  );
}

interface Item {
  readonly row: Readonly<RowValues>;
  readonly date: string;
  readonly days: string;
  readonly late: boolean;
}

function IssueTable(props: {
  testId: string;
  registry: DutyRegistry;
  items: readonly Item[];
  dateHead: string;
  daysHead: string;
}) {
  const { t, locale } = useI18n();
  const { registry } = props;
  return (
    <table className="duty-table" data-testid={props.testId}>
      <thead>
        <tr>
          <th>{t('recheck.code')}</th>
          <th>{t('recheck.committee')}</th>
          <th>{t('recheck.site')}</th>
          <th>{t('recheck.category')}</th>
          <th>{t('recheck.description')}</th>
          <th>{t('recheck.status')}</th>
          <th>{props.dateHead}</th>
          <th>{props.daysHead}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map(({ row, date, days, late }) => {
          const committeeId = textOf(row, 'committeeId') ?? '';
          const siteId = textOf(row, 'siteId') ?? '';
          return (
            <tr key={String(row.id)} data-issue={String(row.id)} className={late ? 'duty-late' : undefined}>
              <td>
                <code>{issueCode(String(row.id))}</code>
              </td>
              <td>{registry.committeeNames.get(committeeId) ?? committeeId}</td>
              <td>{registry.siteNames.get(siteId) ?? siteId}</td>
              <td>{optionText(ISSUE_CATEGORIES, row.category, locale)}</td>
              <td className="duty-description">{textOf(row, 'description') ?? ''}</td>
              <td>{optionText(LEDGER_STATUSES, row.status, locale)}</td>
              <td>{date}</td>
              <td className="duty-days">{days}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
