// The ledger on a phone: one card per issue (code, site, category, status, deadline light)
// instead of the wide grid, and a tap opens the issue as a form (status, description,
// rectification, thumbnails of its photos). Edits go through the same shared rules as the grid's.
import {
  type CellValue,
  getRow,
  ISSUE_CATEGORIES,
  isPhotoRef,
  issueCode,
  LEDGER_STATUSES,
  localize,
  nowIsoShanghai,
  type RowValues,
  todayInShanghai,
  updateRow,
} from '@civic-ledger/shared';
import { useState } from 'react';
import { statusOptions } from '../app/rights.ts';
import { useNow } from '../duty/useNow.ts';
import { useRoomRows } from '../duty/useRoomRows.ts';
import { LOCAL_EDIT } from '../grid/undo-history.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Lookups } from '../registry/lookups.ts';
import type { Session } from '../session/session.ts';
import type { RoomPool } from '../sync/room-pool.ts';
import { checkLocal, type LocalRules, plannedUpdate } from '../table/local-rules.ts';
import { cardLight, cardOrder } from './card-light.ts';
import { PhotoThumb } from './PhotoThumb.tsx';
import './cards.css';

interface LedgerCardsProps {
  readonly pool: RoomPool;
  readonly rooms: readonly string[];
  readonly lookups: Lookups;
  readonly session: Session;
  readonly rules: LocalRules;
}

const SHOWN = 200;

export function LedgerCards({ pool, rooms, lookups, session, rules }: LedgerCardsProps) {
  const { t, locale } = useI18n();
  const open = useRoomRows(pool, rooms);
  const today = todayInShanghai(useNow());
  const [selected, setSelected] = useState<{ room: string; rowId: string } | null>(null);
  const all: { room: string; row: Readonly<RowValues> }[] = [];
  for (const [room, rows] of open.rows) for (const row of rows) all.push({ room, row });
  const roomOf = new Map(all.map((e) => [String(e.row.id), e.room]));
  const ordered = cardOrder(
    all.map((e) => e.row),
    today,
  ).slice(0, SHOWN);

  if (selected) {
    const connection = open.connections.find((c) => c.room === selected.room);
    const row = connection ? getRow(connection.doc, selected.rowId) : undefined;
    if (connection && row)
      return (
        <CardForm
          row={row}
          onBack={() => setSelected(null)}
          session={session}
          rules={rules}
          lookups={lookups}
          save={(patch) => {
            const change = plannedUpdate(connection.doc, selected.rowId, patch, nowIsoShanghai());
            const refusal = change ? checkLocal(rules, selected.room, connection.doc, [change]) : null;
            if (refusal) return localize(refusal.message, locale);
            const result = updateRow(connection.doc, selected.rowId, patch, LOCAL_EDIT);
            return result.ok ? null : localize(result.error.message, locale);
          }}
        />
      );
  }

  return (
    <section className="ledger-cards" data-testid="ledger-cards">
      {open.ready && ordered.length === 0 && <p className="report-hint">{t('cards.empty')}</p>}
      <ul>
        {ordered.map((row) => {
          const id = String(row.id);
          const light = cardLight(row, today);
          const category = ISSUE_CATEGORIES.find((c) => c.value === row.category)?.label[locale] ?? '';
          const status = LEDGER_STATUSES.find((s) => s.value === row.status)?.label[locale] ?? '';
          const site = lookups.sites.byId.get(String(row.siteId))?.name ?? '';
          return (
            <li key={id}>
              <button
                type="button"
                className={`ledger-card light-${light}`}
                data-testid="ledger-card"
                data-row-id={id}
                data-light={light}
                onClick={() => setSelected({ room: roomOf.get(id) ?? '', rowId: id })}
              >
                <span className="card-top">
                  <strong>{issueCode(id)}</strong>
                  <span className={`card-light ${light}`} title={t(`cards.light.${light}`)}>
                    {t(`cards.light.${light}`)}
                  </span>
                </span>
                <span>{site}</span>
                <span>
                  {category} · {status}
                </span>
                <span className="card-deadline">
                  {typeof row.deadline === 'string'
                    ? `${t('cards.deadline')} ${row.deadline}`
                    : t('cards.noDeadline')}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

interface CardFormProps {
  readonly row: Readonly<RowValues>;
  readonly session: Session;
  readonly rules: LocalRules;
  readonly lookups: Lookups;
  readonly onBack: () => void;
  /** Writes the patch; the reason when the rules refuse it. */
  readonly save: (patch: Readonly<Record<string, CellValue>>) => string | null;
}

function CardForm({ row, session, rules, lookups, onBack, save }: CardFormProps) {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState(String(row.status ?? 'open'));
  const [description, setDescription] = useState(String(row.description ?? ''));
  const [rectification, setRectification] = useState(
    typeof row.rectification === 'string' ? row.rectification : '',
  );
  const [error, setError] = useState<string | null>(null);
  const photos = Array.isArray(row.photos) ? (row.photos as unknown[]).filter(isPhotoRef) : [];
  const options = statusOptions(rules.principal, row.status);
  const category = ISSUE_CATEGORIES.find((c) => c.value === row.category)?.label[locale] ?? '';
  return (
    <form
      className="card-form"
      data-testid="card-form"
      onSubmit={(e) => {
        e.preventDefault();
        const patch: Record<string, CellValue> = { status, description };
        if (rectification !== '' || typeof row.rectification === 'string')
          patch.rectification = rectification || null;
        const refused = save(patch);
        setError(refused);
        if (!refused) onBack();
      }}
    >
      <button type="button" className="card-back" onClick={onBack} data-testid="card-back">
        {t('cards.back')}
      </button>
      <h3>
        {issueCode(String(row.id))} · {lookups.sites.byId.get(String(row.siteId))?.name ?? ''}
      </h3>
      <p>
        {category} · {typeof row.deadline === 'string' ? `${t('cards.deadline')} ${row.deadline}` : ''}
      </p>
      <label className="report-field">
        {t('cards.status')}
        <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="card-status">
          {options.map((s) => (
            <option key={s} value={s}>
              {LEDGER_STATUSES.find((o) => o.value === s)?.label[locale] ?? s}
            </option>
          ))}
        </select>
      </label>
      <label className="report-field">
        {t('report.description')}
        <textarea
          value={description}
          maxLength={500}
          rows={3}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <label className="report-field">
        {t('cards.rectification')}
        <textarea
          value={rectification}
          maxLength={500}
          rows={3}
          onChange={(e) => setRectification(e.target.value)}
        />
      </label>
      <div className="card-photos" data-testid="card-photos">
        {t('cards.photos')}
        <div>
          {photos.map((p) => (
            <PhotoThumb key={`${p.stage}:${p.id}`} id={p.id} session={session} label={`${p.stage} ${p.at}`} />
          ))}
        </div>
      </div>
      {error && (
        <p className="report-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="report-send" data-testid="card-save">
        {t('cards.save')}
      </button>
    </form>
  );
}
