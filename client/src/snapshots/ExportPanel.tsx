// Exports for managers: XLSX or CSV, of now or of a snapshot, of the district or one
// committee, downloaded with progress and saved under the server's file name; and the
// printable weekly bulletin of the same choice in a new tab.
import { isTableName, TABLE_LABELS } from '@civic-ledger/shared';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Session } from '../session/session.ts';
import { BulletinButton } from './BulletinButton.tsx';
import {
  type DownloadProgress,
  downloadWithProgress,
  formatBytes,
  progressPercent,
  saveBlob,
} from './download.ts';
import {
  contentsFor,
  type ExportChoice,
  type ExportContent,
  exportPath,
  fallbackFileName,
  normalizeChoice,
} from './export-request.ts';
import { type SnapshotInfo, shanghaiTime } from './snapshot-records.ts';

interface ExportPanelProps {
  readonly session: Session;
  readonly snapshots: readonly SnapshotInfo[];
  readonly committees: readonly { readonly id: string; readonly name: string }[];
  /** Whether the whole district may be exported (not by a committee member). */
  readonly district: boolean;
  readonly onUnauthorized: () => void;
}

type State =
  | { kind: 'idle' }
  | { kind: 'running'; progress: DownloadProgress }
  | { kind: 'done'; name: string; size: number; rows: number | null }
  | { kind: 'error'; reason: string }
  | { kind: 'cancelled' };

function isContent(value: string): value is ExportContent {
  return value === 'all' || value === 'totals' || isTableName(value);
}

export function ExportPanel(props: ExportPanelProps) {
  const { t, locale } = useI18n();
  const { session, onUnauthorized } = props;
  const [choice, setChoice] = useState<ExportChoice>(() => ({
    format: 'xlsx',
    source: 'now',
    committeeId: props.district ? null : (props.committees[0]?.id ?? null),
    content: 'all',
    locale,
  }));
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);

  const current = normalizeChoice({
    ...choice,
    locale,
    // A snapshot that is no longer listed falls back to now.
    source:
      choice.source === 'now' || props.snapshots.some((s) => s.id === choice.source) ? choice.source : 'now',
  });
  const update = (patch: Partial<ExportChoice>) => setChoice((c) => normalizeChoice({ ...c, ...patch }));

  const start = async () => {
    if (state.kind === 'running') return;
    const abort = new AbortController();
    abortRef.current = abort;
    setState({ kind: 'running', progress: { received: 0, total: null, rows: null } });
    const result = await downloadWithProgress(
      session,
      exportPath(current),
      fallbackFileName(current),
      (progress) => setState({ kind: 'running', progress }),
      abort.signal,
    );
    abortRef.current = null;
    if (abort.signal.aborted) {
      setState({ kind: 'cancelled' });
      return;
    }
    if (result.ok) {
      saveBlob(result.value.blob, result.value.filename);
      setState({
        kind: 'done',
        name: result.value.filename,
        size: result.value.blob.size,
        rows: result.value.rows,
      });
    } else if (result.unauthorized) onUnauthorized();
    else setState({ kind: 'error', reason: result.error.message[locale] });
  };

  const contentLabel = (c: ExportContent) =>
    c === 'all' ? t('snap.export.all') : c === 'totals' ? t('snap.export.totals') : TABLE_LABELS[c][locale];
  const percent = state.kind === 'running' ? progressPercent(state.progress) : null;

  return (
    <section className="snap-section snap-export" aria-labelledby="snap-export-title">
      <h2 id="snap-export-title">{t('snap.export.title')}</h2>
      <form
        className="snap-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <fieldset className="snap-radios">
          <legend>{t('snap.export.format')}</legend>
          {(['xlsx', 'csv'] as const).map((format) => (
            <label key={format}>
              <input
                type="radio"
                name="export-format"
                value={format}
                checked={current.format === format}
                onChange={() => update({ format })}
                data-testid={`export-format-${format}`}
              />
              {format.toUpperCase()}
            </label>
          ))}
        </fieldset>
        <label>
          {t('snap.export.source')}
          <select
            value={current.source}
            onChange={(e) => update({ source: e.target.value })}
            data-testid="export-source"
          >
            <option value="now">{t('snap.export.now')}</option>
            {props.snapshots.map((s) => (
              <option key={s.id} value={s.id}>
                {shanghaiTime(s.takenAt)} {s.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('snap.export.scope')}
          <select
            value={current.committeeId ?? ''}
            onChange={(e) => update({ committeeId: e.target.value === '' ? null : e.target.value })}
            data-testid="export-committee"
          >
            {props.district && <option value="">{t('snap.export.district')}</option>}
            {props.committees.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('snap.export.content')}
          <select
            value={current.content}
            onChange={(e) => {
              if (isContent(e.target.value)) update({ content: e.target.value });
            }}
            data-testid="export-content"
          >
            {contentsFor(current.format).map((c) => (
              <option key={c} value={c}>
                {contentLabel(c)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={state.kind === 'running'} data-testid="export-download">
          {t('snap.export.submit')}
        </button>
        {state.kind === 'running' && (
          <button type="button" onClick={() => abortRef.current?.abort()} data-testid="export-cancel">
            {t('snap.export.cancel')}
          </button>
        )}
        <BulletinButton
          session={session}
          source={current.source}
          committeeId={current.committeeId}
          onUnauthorized={onUnauthorized}
        />
      </form>
      <div className="snap-export-status" aria-live="polite">
        {state.kind === 'running' && (
          <div className="snap-progress" data-testid="export-progress">
            <progress
              max={100}
              {...(percent !== null ? { value: percent } : {})}
              aria-label={t('snap.export.title')}
            />
            <span>
              {percent !== null && state.progress.total !== null
                ? t('snap.export.progressOf', {
                    received: formatBytes(state.progress.received),
                    total: formatBytes(state.progress.total),
                    percent,
                  })
                : t('snap.export.progress', { received: formatBytes(state.progress.received) })}
            </span>
          </div>
        )}
        {state.kind === 'done' && (
          <p className="snap-ok" data-testid="export-done">
            {state.rows !== null
              ? t('snap.export.doneRows', {
                  name: state.name,
                  rows: state.rows,
                  size: formatBytes(state.size),
                })
              : t('snap.export.done', { name: state.name, size: formatBytes(state.size) })}
          </p>
        )}
        {state.kind === 'error' && (
          <p className="snap-error" role="alert" data-testid="export-error">
            {t('snap.export.error', { reason: state.reason })}
          </p>
        )}
        {state.kind === 'cancelled' && <p data-testid="export-cancelled">{t('snap.export.cancelled')}</p>}
      </div>
    </section>
  );
}
