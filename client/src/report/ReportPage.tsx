// The phone report page (/report): pick the site (search, recent first, nearest first when
// the phone gives its position), tap a category, say what is wrong (or tap a phrase), take
// photos, send. The row is written to the site's committee ledger at once (offline too) and
// the photos wait on this device until the server has the row; the queue and "My reports"
// show where each report stands.
import {
  ISSUE_CATEGORIES,
  ISSUE_SOURCES,
  type IssueSource,
  initTable,
  insertRow,
  localize,
  newRowId,
  readRows,
  readTableSchema,
  roomName,
  schemaForTable,
} from '@civic-ledger/shared';
import { useEffect, useMemo, useState } from 'react';
import { LOCAL_EDIT } from '../grid/undo-history.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Session } from '../session/session.ts';
import type { RoomPool } from '../sync/room-pool.ts';
import { checkLocal, type LocalRules, plannedInsert } from '../table/local-rules.ts';
import { MyReports } from './MyReports.tsx';
import { quickPhrases } from './quick-phrases.ts';
import { browserReportQueue, type QueuedPhoto } from './report-queue.ts';
import { reportRowValues, reportSources } from './report-row.ts';
import { ReportSender } from './report-sender.ts';
import { SitePicker } from './SitePicker.tsx';
import type { PickSite } from './site-order.ts';
import { usePendingCount } from './usePendingCount.ts';
import './report.css';

interface ReportPageProps {
  readonly pool: RoomPool;
  readonly session: Session;
  readonly rules: LocalRules;
  readonly online: boolean;
}

function useSites(pool: RoomPool): PickSite[] {
  const [sites, setSites] = useState<PickSite[]>([]);
  useEffect(() => {
    const connection = pool.acquire('sites');
    const read = () =>
      setSites(
        readRows(connection.doc).flatMap((row) =>
          typeof row.id === 'string' && typeof row.committeeId === 'string'
            ? [
                {
                  id: row.id,
                  name: typeof row.name === 'string' ? row.name : row.id,
                  address: typeof row.address === 'string' ? row.address : '',
                  committeeId: row.committeeId,
                  lat: typeof row.lat === 'number' ? row.lat : null,
                  lng: typeof row.lng === 'number' ? row.lng : null,
                },
              ]
            : [],
        ),
      );
    void connection.ready.then(read);
    connection.doc.on('update', read);
    return () => {
      connection.doc.off('update', read);
      pool.release('sites');
    };
  }, [pool]);
  return sites;
}

/** Keys of chosen photos in this page (file names repeat: every camera shot is image.jpg). */
let nextPhotoKey = 1;

function readPhoto(file: File): Promise<QueuedPhoto> {
  return file.arrayBuffer().then((data) => ({ name: file.name, type: file.type || 'image/jpeg', data }));
}

export function ReportPage({ pool, session, rules, online }: ReportPageProps) {
  const { t, locale } = useI18n();
  const sites = useSites(pool);
  const queue = browserReportQueue();
  const sender = useMemo(() => new ReportSender(pool, session, rules, queue), [pool, session, rules, queue]);
  const pending = usePendingCount(queue, session.user.username);
  const sources = reportSources(rules.principal);
  const [site, setSite] = useState<PickSite | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [source, setSource] = useState<IssueSource>(sources[0] ?? 'volunteer');
  const [photos, setPhotos] = useState<{ key: number; file: File }[]>([]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    sender.kick();
    const onOnline = () => sender.kick();
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('online', onOnline);
      sender.stop();
    };
  }, [sender]);

  const send = async () => {
    if (!site || !category || description.trim() === '') {
      setMessage({ kind: 'error', text: t('report.missing') });
      return;
    }
    setBusy(true);
    const room = roomName('ledger', site.committeeId);
    const connection = pool.acquire(room);
    try {
      await connection.ready;
      const doc = connection.doc;
      const id = newRowId();
      const values = reportRowValues({
        siteId: site.id,
        committeeId: site.committeeId,
        category,
        description,
        source,
        personId: session.user.personId ?? null,
        now: new Date(),
      });
      const refusal = checkLocal(rules, room, doc, [plannedInsert(id, { ...values, id })]);
      if (refusal) {
        setMessage({
          kind: 'error',
          text: t('report.refused', { reason: localize(refusal.message, locale) }),
        });
        return;
      }
      const files = await Promise.all(photos.map((p) => readPhoto(p.file)));
      let inserted: ReturnType<typeof insertRow> | null = null;
      doc.transact(() => {
        if (!readTableSchema(doc).ok) initTable(doc, schemaForTable('ledger'), LOCAL_EDIT);
        inserted = insertRow(doc, { ...values, id }, LOCAL_EDIT);
      }, LOCAL_EDIT);
      const result = inserted as ReturnType<typeof insertRow> | null;
      if (!result?.ok) {
        const reason = result ? localize(result.error.message, locale) : '';
        setMessage({ kind: 'error', text: t('report.refused', { reason }) });
        return;
      }
      await connection.flushLocal();
      await queue.add({
        rowId: id,
        username: session.user.username,
        room,
        siteName: site.name,
        category,
        description: description.trim(),
        createdAt: Date.now(),
        photos: files,
        uploaded: [],
        photoCount: files.length,
        state: 'queued',
      });
      setCategory(null);
      setDescription('');
      setPhotos([]);
      setMessage({ kind: 'ok', text: t(navigator.onLine ? 'report.sentOnline' : 'report.sent') });
      sender.kick();
    } finally {
      pool.release(room);
      setBusy(false);
    }
  };

  return (
    <main className="report-page" data-testid="report-page">
      <h2>{t('report.title')}</h2>
      {!online && <p className="report-offline">{t('report.offline')}</p>}
      <p className="report-queue" data-testid="report-queue" data-count={pending}>
        {pending > 0 ? t('report.queue', { count: pending }) : t('report.queueEmpty')}
      </p>
      <SitePicker sites={sites} value={site} onChange={setSite} />
      <fieldset className="report-categories">
        <legend>{t('report.category')}</legend>
        {ISSUE_CATEGORIES.map((c) => (
          <button
            key={c.value}
            type="button"
            className={category === c.value ? 'report-big active' : 'report-big'}
            aria-pressed={category === c.value}
            data-testid={`report-category-${c.value}`}
            onClick={() => setCategory(c.value)}
          >
            {c.label[locale]}
          </button>
        ))}
      </fieldset>
      <label className="report-field">
        {t('report.description')}
        <textarea
          data-testid="report-description"
          value={description}
          maxLength={500}
          rows={3}
          placeholder={t('report.descriptionPlaceholder')}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      {category && (
        <div className="report-phrases">
          {quickPhrases(category, locale).map((phrase) => (
            <button
              key={phrase}
              type="button"
              className="report-phrase"
              data-testid="report-phrase"
              onClick={() => setDescription((d) => (d.trim() === '' ? phrase : `${d.trim()}，${phrase}`))}
            >
              {phrase}
            </button>
          ))}
        </div>
      )}
      <div className="report-field">
        {t('report.photos')}
        <label className="report-big report-camera">
          {t('report.addPhoto')}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            data-testid="report-photo-input"
            onChange={(e) => {
              const chosen = [...(e.target.files ?? [])];
              setPhotos((list) => [...list, ...chosen.map((file) => ({ key: nextPhotoKey++, file }))]);
              e.target.value = '';
            }}
          />
        </label>
        <ul className="report-photos" data-testid="report-photos">
          {photos.map(({ key, file }) => (
            <li key={key}>
              {file.name}
              <button type="button" onClick={() => setPhotos((list) => list.filter((p) => p.key !== key))}>
                {t('report.removePhoto')}
              </button>
            </li>
          ))}
        </ul>
      </div>
      {sources.length > 1 && (
        <label className="report-field">
          {t('report.source')}
          <select
            value={source}
            onChange={(e) => setSource(e.target.value as IssueSource)}
            data-testid="report-source"
          >
            {sources.map((s) => (
              <option key={s} value={s}>
                {ISSUE_SOURCES.find((o) => o.value === s)?.label[locale] ?? s}
              </option>
            ))}
          </select>
        </label>
      )}
      {message && (
        <p className={`report-message ${message.kind}`} role="status" data-testid="report-message">
          {message.text}
        </p>
      )}
      <button
        type="button"
        className="report-send"
        data-testid="report-send"
        disabled={busy}
        onClick={() => void send()}
      >
        {t('report.send')}
      </button>
      <MyReports pool={pool} queue={queue} username={session.user.username} />
    </main>
  );
}
