// Compare two states of the district (a snapshot with a later one, or with now) through the
// server's diff (the shared `compareDistrict`): the meeting's summary, the totals side by
// side and the rows that changed. For the whole district or one committee.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Lookups } from '../registry/lookups.ts';
import type { Session } from '../session/session.ts';
import { DiffTable } from './DiffTable.tsx';
import { diffLines } from './diff-lines.ts';
import { compareStates, type DiffAnswer, type DiffSide } from './snapshot-api.ts';
import { type SnapshotInfo, shanghaiTime, shanghaiTimeOf } from './snapshot-records.ts';
import { TotalsSideBySide } from './TotalsSideBySide.tsx';

/** A comparison asked for from elsewhere on the page ("compare with now" in the list). */
export interface CompareRequest {
  readonly from: string;
  readonly to: string;
  /** Tells two identical requests apart, so asking again runs again. */
  readonly nonce: number;
}

interface ComparePanelProps {
  readonly session: Session;
  readonly snapshots: readonly SnapshotInfo[];
  readonly committees: readonly { readonly id: string; readonly name: string }[];
  /** Whether "the whole district" may be asked for (not for a committee member). */
  readonly district: boolean;
  readonly lookups: Lookups;
  readonly request: CompareRequest | null;
  readonly onUnauthorized: () => void;
}

type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'error'; reason: string }
  | { kind: 'loaded'; answer: DiffAnswer };

export function ComparePanel(props: ComparePanelProps) {
  const { t, locale } = useI18n();
  const { session, snapshots, request, onUnauthorized } = props;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('now');
  const [committee, setCommittee] = useState(props.district ? '' : (props.committees[0]?.id ?? ''));
  const [query, setQuery] = useState<{ from: string; to: string; committee: string; nonce: number } | null>(
    null,
  );
  const [state, setState] = useState<State>({ kind: 'idle' });

  // The newest snapshot is the natural "from" until someone picks another.
  const newest = snapshots[0]?.id ?? '';
  const fromValue = from !== '' && snapshots.some((s) => s.id === from) ? from : newest;

  // Read when a request arrives from elsewhere: it runs with the committee picked so far.
  const committeeRef = useRef(committee);
  committeeRef.current = committee;
  const localeRef = useRef(locale);
  localeRef.current = locale;

  useEffect(() => {
    if (!request) return;
    setFrom(request.from);
    setTo(request.to);
    setQuery({ from: request.from, to: request.to, committee: committeeRef.current, nonce: request.nonce });
  }, [request]);

  useEffect(() => {
    if (!query) return;
    let cancelled = false;
    setState({ kind: 'loading' });
    void compareStates(session, {
      from: query.from,
      to: query.to,
      committeeId: query.committee === '' ? null : query.committee,
    }).then((result) => {
      if (cancelled) return;
      if (result.ok) setState({ kind: 'loaded', answer: result.value });
      else if (result.unauthorized) onUnauthorized();
      else setState({ kind: 'error', reason: result.error.message[localeRef.current] });
    });
    return () => {
      cancelled = true;
    };
  }, [query, session, onUnauthorized]);

  const lines = useMemo(() => (state.kind === 'loaded' ? diffLines(state.answer.tables) : []), [state]);
  const sideLabel = (side: DiffSide) =>
    side.snapshot
      ? shanghaiTime(side.snapshot.takenAt)
      : `${t('snap.compare.now')} ${shanghaiTimeOf(side.at)}`;
  const run = () => setQuery((q) => ({ from: fromValue, to, committee, nonce: (q?.nonce ?? 0) + 1 }));

  return (
    <section className="snap-section snap-compare" aria-labelledby="snap-compare-title">
      <h2 id="snap-compare-title">{t('snap.compare.title')}</h2>
      {snapshots.length === 0 ? (
        <p>{t('snap.compare.needTwo')}</p>
      ) : (
        <form
          className="snap-form"
          onSubmit={(e) => {
            e.preventDefault();
            run();
          }}
        >
          <label>
            {t('snap.compare.from')}
            <select value={fromValue} onChange={(e) => setFrom(e.target.value)} data-testid="compare-from">
              {snapshots.map((s) => (
                <option key={s.id} value={s.id}>
                  {shanghaiTime(s.takenAt)} {s.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('snap.compare.to')}
            <select value={to} onChange={(e) => setTo(e.target.value)} data-testid="compare-to">
              <option value="now">{t('snap.compare.now')}</option>
              {snapshots.map((s) => (
                <option key={s.id} value={s.id}>
                  {shanghaiTime(s.takenAt)} {s.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('snap.compare.committee')}
            <select
              value={committee}
              onChange={(e) => setCommittee(e.target.value)}
              data-testid="compare-committee"
            >
              {props.district && <option value="">{t('snap.compare.district')}</option>}
              {props.committees.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={state.kind === 'loading'} data-testid="compare-submit">
            {t('snap.compare.submit')}
          </button>
        </form>
      )}
      {state.kind === 'loading' && (
        <p className="snap-loading" data-testid="compare-loading">
          {t('snap.compare.loading')}
        </p>
      )}
      {state.kind === 'error' && (
        <p className="snap-error" role="alert" data-testid="compare-error">
          {t('snap.compare.error', { reason: state.reason })}
        </p>
      )}
      {state.kind === 'loaded' && (
        <div className="snap-compare-result" data-testid="compare-result">
          <h3>
            {t('snap.compare.heading', {
              from: sideLabel(state.answer.from),
              to: sideLabel(state.answer.to),
            })}
          </h3>
          <p className="snap-summary" data-testid="compare-summary">
            {t('snap.compare.summary', { ...state.answer.summary })}
          </p>
          <h4>{t('snap.compare.totals')}</h4>
          <TotalsSideBySide
            from={state.answer.totals.from}
            to={state.answer.totals.to}
            fromLabel={sideLabel(state.answer.from)}
            toLabel={sideLabel(state.answer.to)}
          />
          <h4>{t('snap.compare.rows')}</h4>
          <DiffTable lines={lines} lookups={props.lookups} />
        </div>
      )}
    </section>
  );
}
