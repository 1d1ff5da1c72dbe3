// One snapshot opened read-only in the same grid as the live tables: its rooms are fetched
// and each applied to an empty document (nothing is connected or stored), names come from
// the snapshot's own registries, and a table and committee picker choose what is shown.
import {
  isTableName,
  type Principal,
  parseRoomName,
  readTableSchema,
  schemaForTable,
  TABLE_LABELS,
  TABLE_NAMES,
  type TableName,
} from '@civic-ledger/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EditOutcome } from '../grid/cell-edits.ts';
import { TableGrid } from '../grid/TableGrid.tsx';
import { UndoHistory } from '../grid/undo-history.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import { PresenceController } from '../presence/presence-controller.ts';
import type { Lookups } from '../registry/lookups.ts';
import type { Session } from '../session/session.ts';
import type { LocalRules } from '../table/local-rules.ts';
import { snapshotRooms } from './snapshot-api.ts';
import { loadSnapshotRooms, type SnapshotRoom, snapshotLookups } from './snapshot-docs.ts';
import { type SnapshotInfo, shanghaiTime } from './snapshot-records.ts';

interface SnapshotViewerProps {
  readonly session: Session;
  readonly snapshotId: string;
  /** Live names, used only where the snapshot lacks a registry. */
  readonly lookups: Lookups;
  readonly onBack: () => void;
  readonly onUnauthorized: () => void;
}

type State =
  | { kind: 'loading'; loaded: number; total: number | null }
  | { kind: 'error'; reason: string }
  | { kind: 'loaded'; snapshot: SnapshotInfo; rooms: SnapshotRoom[] };

/**
 * Every edit is judged as a manager's, who writes nothing: a paste or a cleared range in
 * a snapshot is refused like any read-only cell, and the frozen documents never change.
 */
const READ_ONLY_RULES: LocalRules = {
  principal: { role: 'manager', committeeId: null } satisfies Principal,
  actorId: null,
};
/** Nobody else is "here" in a snapshot: presence over no rooms. */
const NOBODY = { id: 'snapshot-viewer', name: '', color: '#868e96' };

function tableOf(room: string): TableName | null {
  const parsed = parseRoomName(room);
  return parsed.ok ? parsed.value.table : null;
}

export function SnapshotViewer(props: SnapshotViewerProps) {
  const { t, locale } = useI18n();
  const { session, snapshotId, onUnauthorized } = props;
  const [state, setState] = useState<State>({ kind: 'loading', loaded: 0, total: null });
  const [picked, setPicked] = useState<TableName>('ledger');
  const [committee, setCommittee] = useState('all');
  const [rows, setRows] = useState<number | null>(null);
  /** Why something could not be done here (an edit refused: a snapshot is read-only). */
  const [problem, setProblem] = useState<string | null>(null);
  // The language only words an error; changing it must not load the snapshot again.
  const localeRef = useRef(locale);
  localeRef.current = locale;

  useEffect(() => {
    const signal = { cancelled: false };
    let opened: SnapshotRoom[] = [];
    setState({ kind: 'loading', loaded: 0, total: null });
    void (async () => {
      const listed = await snapshotRooms(session, snapshotId);
      if (signal.cancelled) return;
      if (!listed.ok) {
        if (listed.unauthorized) onUnauthorized();
        else setState({ kind: 'error', reason: listed.error.message[localeRef.current] });
        return;
      }
      const total = listed.value.rooms.length;
      setState({ kind: 'loading', loaded: 0, total });
      const loaded = await loadSnapshotRooms(
        session,
        snapshotId,
        listed.value.rooms,
        (n) => {
          if (!signal.cancelled) setState({ kind: 'loading', loaded: n, total });
        },
        signal,
      );
      if (loaded.ok) opened = loaded.value;
      if (signal.cancelled) {
        for (const r of opened) r.doc.destroy();
        return;
      }
      if (loaded.ok) setState({ kind: 'loaded', snapshot: listed.value.snapshot, rooms: loaded.value });
      else if (loaded.unauthorized) onUnauthorized();
      else setState({ kind: 'error', reason: loaded.error.message[localeRef.current] });
    })();
    return () => {
      signal.cancelled = true;
      for (const r of opened) r.doc.destroy();
    };
  }, [session, snapshotId, onUnauthorized]);

  const rooms = state.kind === 'loaded' ? state.rooms : [];
  const lookups = useMemo(() => snapshotLookups(rooms, props.lookups), [rooms, props.lookups]);
  const tables = useMemo(
    () => TABLE_NAMES.filter((name) => rooms.some((r) => tableOf(r.room) === name)),
    [rooms],
  );
  // The ledger first; a snapshot without it (or without rooms this account may read) shows what it has.
  const table = tables.includes(picked) ? picked : (tables[0] ?? picked);
  const committees = useMemo(() => {
    const ids = new Set(
      rooms.flatMap((r) => {
        const parsed = parseRoomName(r.room);
        return parsed.ok && parsed.value.committeeId !== undefined ? [parsed.value.committeeId] : [];
      }),
    );
    return [...ids]
      .map((id) => ({ id, name: lookups.committees.byId.get(id)?.name ?? id }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  }, [rooms, lookups]);
  const perCommittee = table === 'ledger' || table === 'roster';
  const shown = useMemo(
    () =>
      rooms.filter(
        (r) =>
          tableOf(r.room) === table &&
          (!perCommittee || committee === 'all' || r.room === `${table}.${committee}`),
      ),
    [rooms, table, committee, perCommittee],
  );
  const gridKey = `${table}|${perCommittee ? committee : ''}`;
  // One undo history and one (empty) presence per grid; the grid's rooms are fixed for its life.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new grid (gridKey) needs its own
  const history = useMemo(() => new UndoHistory(), [gridKey]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above
  const presence = useMemo(() => new PresenceController(NOBODY, []), [gridKey]);
  useEffect(() => () => history.destroy(), [history]);
  useEffect(() => () => presence.destroy(), [presence]);

  const first = shown[0];
  const schema = first
    ? (() => {
        const read = readTableSchema(first.doc);
        return read.ok ? read.value : schemaForTable(table);
      })()
    : schemaForTable(table);

  return (
    <section className="snap-viewer" data-testid="snapshot-viewer">
      <div className="snap-banner" data-testid="snapshot-banner" data-read-only="true">
        <button type="button" onClick={props.onBack} data-testid="snapshot-back">
          ← {t('snap.view.back')}
        </button>
        <strong>
          {state.kind === 'loaded'
            ? t('snap.view.banner', { time: shanghaiTime(state.snapshot.takenAt) })
            : t('snap.view.banner', { time: '…' })}
        </strong>
        {state.kind === 'loaded' && state.snapshot.label !== '' && (
          <span>{t('snap.view.label', { label: state.snapshot.label })}</span>
        )}
        {state.kind === 'loaded' && (
          <>
            <label>
              {t('snap.view.table')}
              <select
                value={table}
                data-testid="snapshot-table"
                onChange={(e) => {
                  if (isTableName(e.target.value)) setPicked(e.target.value);
                  setProblem(null);
                }}
              >
                {tables.map((name) => (
                  <option key={name} value={name}>
                    {TABLE_LABELS[name][locale]}
                  </option>
                ))}
              </select>
            </label>
            {perCommittee && (
              <label>
                {t('snap.view.committee')}
                <select
                  value={committee}
                  data-testid="snapshot-committee"
                  onChange={(e) => setCommittee(e.target.value)}
                >
                  <option value="all">{t('snap.view.allCommittees')}</option>
                  {committees.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {rows !== null && <span className="snap-rows">{t('snap.view.rows', { n: rows })}</span>}
          </>
        )}
      </div>
      {state.kind === 'loading' && (
        <p className="snap-loading" data-testid="snapshot-view-loading">
          {t('snap.view.loading', { loaded: state.loaded, total: state.total ?? '…' })}
          {state.total !== null && state.total > 0 && <progress value={state.loaded} max={state.total} />}
        </p>
      )}
      {state.kind === 'error' && (
        <p className="snap-error" role="alert" data-testid="snapshot-view-error">
          {t('snap.view.error', { reason: state.reason })}
        </p>
      )}
      {problem !== null && (
        <p className="snap-error" role="alert" data-testid="snapshot-refused">
          {problem}
        </p>
      )}
      {state.kind === 'loaded' && shown.length === 0 && <p>{t('snap.view.noRooms')}</p>}
      {state.kind === 'loaded' && shown.length > 0 && (
        <div className="snap-grid">
          <TableGrid
            key={gridKey}
            schema={schema}
            rooms={shown}
            locale={locale}
            lookups={lookups}
            showCommittee={perCommittee && committee === 'all'}
            rules={READ_ONLY_RULES}
            readOnly
            history={history}
            presence={presence}
            onOutcome={(outcome: EditOutcome) => {
              if (outcome.refused.length > 0) setProblem(t('snap.view.refused'));
            }}
            onCopied={() => {}}
            onStats={(stats) => setRows(stats.total)}
            onError={(error) => setProblem(error.message[locale])}
            onReady={() => {}}
          />
        </div>
      )}
    </section>
  );
}
