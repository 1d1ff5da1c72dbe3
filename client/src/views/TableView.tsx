// One table over the rooms of a route (a committee's ledger, every committee's ledger, a
// registry): opens the rooms, owns the undo history and presence for them, and lays out
// toolbar, notices, grid, row history and status bar. What the account may do decides
// whether the view is editable; every local change is checked by the server's rules first.
import {
  type CellValue,
  deadlineRulesOf,
  deleteRow,
  fieldByKey,
  initTable,
  insertRow,
  issueCode,
  META_MAP,
  newRowId,
  parseRoomName,
  type RowChange,
  readRows,
  readTableSchema,
  roomName,
  rowLabel,
  schemaForTable,
  type TableName,
} from '@civic-ledger/shared';
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { canSeeHistory, viewAccess } from '../app/rights.ts';
import { ROW_PARAM } from '../app/route.ts';
import type { EditOutcome } from '../grid/cell-edits.ts';
import { formatCell } from '../grid/cell-format.ts';
import { isReadOnlyField } from '../grid/column-defs.ts';
import { columnLayoutKey } from '../grid/column-layout.ts';
import type { Overwrite } from '../grid/overwrite-watch.ts';
import { hasOverdueRows } from '../grid/row-classes.ts';
import { type GridHandle, type GridStats, TableGrid } from '../grid/TableGrid.tsx';
import { LOCAL_EDIT, UndoHistory } from '../grid/undo-history.ts';
import { RowHistory } from '../history/RowHistory.tsx';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { Identity } from '../presence/identity.ts';
import { PresenceController } from '../presence/presence-controller.ts';
import type { Lookups } from '../registry/lookups.ts';
import type { Session } from '../session/session.ts';
import type { RoomConnection } from '../sync/room-connection.ts';
import type { RoomPool } from '../sync/room-pool.ts';
import type { StoragePersistence } from '../sync/storage-persistence.ts';
import { useRoomsStatus } from '../sync/useRoomStatus.ts';
import { checkLocal, type LocalRules, plannedDelete, plannedInsert } from '../table/local-rules.ts';
import { newRowValues, pastedRowValues } from '../table/new-row-defaults.ts';
import { Notices } from './Notices.tsx';
import { type Notice, notice } from './notices.ts';
import { StatusBar } from './StatusBar.tsx';
import { Toolbar } from './Toolbar.tsx';

interface TableViewProps {
  readonly table: TableName;
  readonly rooms: readonly string[];
  /** The committee of a single-committee view; null for the office view and registries. */
  readonly committeeId: string | null;
  readonly pool: RoomPool;
  readonly lookups: Lookups;
  readonly identity: Identity;
  readonly storage: StoragePersistence;
  readonly session: Session;
  readonly rules: LocalRules;
  /** The server said the sign-in is no longer good (HTTP 401). */
  readonly onUnauthorized: () => void;
}

// The import dialog (and its steps) arrives when someone first opens it.
const ImportDialog = lazy(() =>
  import('../imports/ImportDialog.tsx').then((m) => ({ default: m.ImportDialog })),
);

/** How long "add row" waits for the sites registry from the server on a first visit. */
const SITES_WAIT_MS = 5_000;

/** How long a row named in the address may take to arrive with its room. */
const ROW_WAIT_MS = 15_000;

const FIRST_EDIT: Record<TableName, string> = {
  ledger: 'description',
  roster: 'person',
  sites: 'name',
  committees: 'name',
  people: 'name',
  checks: 'results',
};

function sameStats(a: GridStats | null, b: GridStats): boolean {
  if (!a || a.shown !== b.shown || a.total !== b.total) return false;
  const x = a.selection;
  const y = b.selection;
  if (x === null || y === null) return x === y;
  return x.cells === y.cells && x.filled === y.filled && x.numbers === y.numbers && x.sum === y.sum;
}

export function TableView(props: TableViewProps) {
  const { table, rooms, pool, lookups, identity } = props;
  const { t, locale } = useI18n();
  const schema = schemaForTable(table);
  const [connections, setConnections] = useState<RoomConnection[]>([]);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [stats, setStats] = useState<GridStats | null>(null);
  const [handle, setHandle] = useState<GridHandle | null>(null);
  const [addTarget, setAddTarget] = useState<string>(props.committeeId ?? '');
  const [historyRow, setHistoryRow] = useState<{ room: string; rowId: string } | null>(null);
  const [importing, setImporting] = useState(false);
  const rulesRef = useRef(props.rules);
  rulesRef.current = props.rules;
  const refusedRef = useRef<(reason: string) => void>(() => {});
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const history = useMemo(
    () =>
      new UndoHistory(
        (room, doc, changes) => checkLocal(rulesRef.current, room, doc, changes.rows, changes.meta),
        (error) => refusedRef.current(error.message[localeRef.current]),
      ),
    [],
  );
  const roomsKey = rooms.join(',');
  const access = viewAccess(props.rules.principal, rooms);
  const readOnly = access !== 'write';

  useEffect(() => {
    const names = roomsKey === '' ? [] : roomsKey.split(',');
    setConnections(names.map((name) => pool.acquire(name)));
    // A room reset from the server comes back as a new connection: show that one.
    const stop = pool.onReset((room) => {
      if (names.includes(room))
        setConnections(names.map((name) => pool.current(name)).filter((c) => c !== undefined));
    });
    return () => {
      stop();
      for (const name of names) pool.release(name);
    };
  }, [roomsKey, pool]);
  useEffect(() => () => history.destroy(), [history]);

  // A row named in the address (`?row=`, from a drill-down) is shown and focused once it
  // has arrived with its room.
  useEffect(() => {
    const rowId = new URLSearchParams(location.search).get(ROW_PARAM);
    if (!handle || !rowId) return;
    const started = Date.now();
    const timer = setInterval(() => {
      if (handle.api.isDestroyed() || Date.now() - started > ROW_WAIT_MS) {
        clearInterval(timer);
        return;
      }
      if (!handle.api.getRowNode(rowId)) return;
      clearInterval(timer);
      handle.focusCell(rowId, 'description', false);
    }, 150);
    return () => clearInterval(timer);
  }, [handle]);

  // A new presence controller only for new rooms; name changes are applied in place below.
  const identityRef = useRef(identity);
  identityRef.current = identity;
  const presence = useMemo(
    () =>
      new PresenceController(
        identityRef.current,
        connections.map((c) => ({ room: c.room, awareness: c.awareness })),
      ),
    [connections],
  );
  useEffect(() => () => presence.destroy(), [presence]);
  useEffect(() => presence.setIdentity(identity), [presence, identity]);
  const presenceState = useSyncExternalStore(presence.subscribe, presence.getSnapshot);
  const status = useRoomsStatus(connections);
  const historyState = useSyncExternalStore(
    useCallback((l: () => void) => history.subscribe(l), [history]),
    () => (history.canUndo ? 1 : 0) + (history.canRedo ? 2 : 0),
  );

  const show = useCallback(
    (n: Notice) => setNotices((list) => [...list.filter((x) => x.kind !== n.kind), n]),
    [],
  );
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  refusedRef.current = (reason) => show(notice('error', t('edit.refused', { reason })));

  /** The server's rules on changes about to be made here; false (with the reason shown) refuses them. */
  const allowed = (room: string, doc: Parameters<typeof checkLocal>[2], changes: RowChange[]): boolean => {
    const error = checkLocal(props.rules, room, doc, changes);
    if (error) refusedRef.current(error.message[locale]);
    return error === null;
  };

  const onOutcome = useCallback(
    (outcome: EditOutcome, kind: 'edit' | 'paste' | 'clear') => {
      const first = outcome.refused[0];
      if (first) {
        const reason = first.error.message[locale];
        show(
          notice(
            'error',
            kind === 'edit'
              ? t('edit.refused', { reason })
              : t('paste.partial', { n: outcome.refused.length, reason }),
          ),
        );
      } else {
        setNotices((list) => list.filter((n) => n.kind !== 'error'));
      }
      if (kind === 'paste' && outcome.applied > 0)
        show(
          notice(
            'info',
            outcome.added > 0
              ? t('paste.doneAdded', { n: outcome.applied, rows: outcome.added })
              : t('paste.done', { n: outcome.applied }),
          ),
        );
    },
    [locale, t, show],
  );

  /** Tells this person their value was overwritten, with a button that writes it back. */
  const onOverwrite = (o: Overwrite) => {
    // The row's bookkeeping (who and when) is written with every edit; nobody typed it.
    if (isReadOnlyField(table, o.key)) return;
    const field = fieldByKey(schema, o.key);
    const shown = (value: CellValue) =>
      field && value !== null && value !== undefined
        ? formatCell(field, value, locale, lookups)
        : String(value ?? '');
    const text = t('overwrite.notice', {
      row: rowLabel(table, o.rowId)[locale],
      field: field ? field.label[locale] : o.key,
      mine: shown(o.mine),
      theirs: shown(o.theirs),
      who: presence.nameOf(o.room, o.byClient) ?? t('overwrite.someone'),
    });
    show(
      notice('overwritten', text, {
        label: t('overwrite.restore'),
        run: () => {
          handle?.applyEdit({ room: o.room, rowId: o.rowId, key: o.key, raw: o.mine });
          setNotices((list) => list.filter((n) => n.kind !== 'overwritten'));
        },
      }),
    );
  };

  const committeeFor = (): string | null => {
    if (table === 'committees' || table === 'people') return null;
    return props.committeeId ?? (addTarget !== '' ? addTarget : null);
  };

  /**
   * The first site of a committee, for a new ledger or roster row. The lookups follow the
   * sites room a moment after it changes, so a click right after opening reads the room
   * itself, and waits (briefly) for the server when this device has no copy of it yet.
   */
  const firstSite = async (committeeId: string | null): Promise<string | null> => {
    if (!committeeId) return null;
    const known = lookups.sites.entries.find((e) => e.committeeId === committeeId)?.id;
    if (known) return known;
    const sites = pool.acquire('sites');
    const find = () => {
      const row = readRows(sites.doc).find((r) => r.committeeId === committeeId);
      return typeof row?.id === 'string' ? row.id : null;
    };
    try {
      await sites.ready;
      if (find() === null && navigator.onLine)
        await Promise.race([sites.whenSynced(), new Promise((r) => setTimeout(r, SITES_WAIT_MS))]);
      return find();
    } finally {
      pool.release('sites');
    }
  };

  const addRow = async () => {
    const committeeId = committeeFor();
    if (table !== 'committees' && table !== 'people' && !committeeId) {
      show(notice('error', t('rows.chooseCommittee')));
      return;
    }
    const room =
      table === 'ledger' || table === 'roster'
        ? roomName(table, committeeId ?? '')
        : table === 'sites'
          ? 'sites'
          : table;
    const connection = connections.find((c) => c.room === room);
    if (!connection) return;
    const siteId = table === 'ledger' || table === 'roster' ? await firstSite(committeeId) : null;
    const values = newRowValues({
      table,
      committeeId,
      siteId,
      now: new Date(),
      placeholder: t(`placeholder.${table === 'roster' || table === 'checks' ? 'ledger' : table}`),
      deadlineRules: deadlineRulesOf(connection.doc.getMap(META_MAP).entries()),
    });
    if (!values) {
      show(notice('error', t('rows.noSite')));
      return;
    }
    const doc = connection.doc;
    const id = typeof values.id === 'string' ? values.id : newRowId();
    if (!allowed(room, doc, [plannedInsert(id, { ...values, id } as Parameters<typeof plannedInsert>[1])]))
      return;
    let inserted: ReturnType<typeof insertRow> | null = null;
    doc.transact(() => {
      if (!readTableSchema(doc).ok) initTable(doc, schemaForTable(table), LOCAL_EDIT);
      inserted = insertRow(doc, { ...values, id }, LOCAL_EDIT);
    }, LOCAL_EDIT);
    const result = inserted as ReturnType<typeof insertRow> | null;
    if (!result) return;
    if (!result.ok) {
      show(notice('error', t('rows.addFailed', { reason: result.error.message[locale] })));
      return;
    }
    handle?.focusCell(String(result.value.id), FIRST_EDIT[table], true);
  };

  const deleteRows = () => {
    if (!handle) return;
    const rows = handle.selectedRows();
    if (rows.length === 0) return;
    const byRoom = new Map<string, string[]>();
    for (const { room, rowId } of rows) byRoom.set(room, [...(byRoom.get(room) ?? []), rowId]);
    for (const [room, ids] of byRoom) {
      const doc = connections.find((c) => c.room === room)?.doc;
      if (!doc) continue;
      const planned = ids.map((id) => plannedDelete(doc, id)).filter((c) => c !== null);
      if (!allowed(room, doc, planned)) return;
    }
    for (const [room, ids] of byRoom) {
      const doc = connections.find((c) => c.room === room)?.doc;
      if (!doc) continue;
      doc.transact(() => {
        for (const id of ids) deleteRow(doc, id, LOCAL_EDIT);
      }, LOCAL_EDIT);
    }
    handle.range.clear();
    show(
      notice('info', t('rows.deleted', { n: rows.length }), {
        label: t('rows.undoDelete'),
        run: () => {
          // One undo step per room touched.
          for (let i = 0; i < byRoom.size; i++) history.undo();
          setNotices((list) => list.filter((n) => n.kind !== 'info'));
        },
      }),
    );
  };

  const loading = connections.length > 0 && (!status.loaded || (!status.hadLocalCopy && !status.everSynced));
  const historyAllowed =
    rooms.length > 0 && rooms.every((room) => canSeeHistory(props.rules.principal, room));
  const openHistory = () => {
    const row = handle?.focusedRow() ?? null;
    if (!row) show(notice('error', t('history.chooseRow')));
    setHistoryRow(row);
  };
  const historyTitle = (rowId: string): string => {
    if (table === 'ledger') return issueCode(rowId);
    const data = handle?.api.getRowNode(rowId)?.data;
    return typeof data?.name === 'string' ? data.name : rowId;
  };

  if (access === 'none') {
    return (
      <section className="table-view" data-testid={`view-${table}`}>
        <p className="no-access" role="alert" data-testid="no-access">
          {t('access.none')}
        </p>
      </section>
    );
  }

  return (
    <section className="table-view" data-testid={`view-${table}`}>
      <Toolbar
        table={table}
        committeeId={props.committeeId}
        addTarget={addTarget}
        onAddTarget={setAddTarget}
        lookups={lookups}
        canUndo={(historyState & 1) === 1}
        canRedo={(historyState & 2) === 2}
        onAdd={addRow}
        onDelete={deleteRows}
        onUndo={() => history.undo()}
        onRedo={() => history.redo()}
        grid={handle}
        readOnly={readOnly}
        onHistory={historyAllowed ? openHistory : null}
        onImport={() => setImporting(true)}
      />
      {importing && !readOnly && (
        <Suspense fallback={<p className="loading">{t('loading.page')}</p>}>
          <ImportDialog
            table={table}
            connections={connections}
            committeeId={props.committeeId ?? (addTarget !== '' ? addTarget : null)}
            session={props.session}
            rules={props.rules}
            lookups={lookups}
            onClose={() => setImporting(false)}
            onUnauthorized={props.onUnauthorized}
          />
        </Suspense>
      )}
      <Notices notices={notices} onDismiss={dismiss} dismissLabel={t('dismiss')} />
      {loading && (
        <div className="loading" data-testid="loading">
          {status.loaded ? t('loading.server') : t('loading.local')}
        </div>
      )}
      <div className="table-body">
        {connections.length > 0 && (
          <TableGrid
            key={connections.map((c) => `${c.room}#${c.instance}`).join(',')}
            schema={schema}
            rooms={connections}
            locale={locale}
            lookups={lookups}
            showCommittee={props.committeeId === null}
            rules={props.rules}
            readOnly={readOnly}
            history={history}
            presence={presence}
            onOutcome={onOutcome}
            onCopied={(n) => show(notice('info', t('copy.done', { n })))}
            onStats={(next) => setStats((prev) => (sameStats(prev, next) ? prev : next))}
            onError={(e) => show(notice('error', e.message[locale]))}
            onReady={setHandle}
            onOverwrite={onOverwrite}
            pastedRow={(room) => {
              const parsed = parseRoomName(room);
              const committeeId = parsed.ok ? (parsed.value.committeeId ?? null) : null;
              return pastedRowValues({ table, committeeId, now: new Date() });
            }}
            // One layout for a table over every committee (with its committee column), one
            // for a single committee's.
            layoutKey={columnLayoutKey(
              props.session.user.username,
              props.committeeId === null ? table : `${table}.committee`,
            )}
          />
        )}
        {historyRow && (
          <RowHistory
            key={`${historyRow.room}/${historyRow.rowId}`}
            session={props.session}
            room={historyRow.room}
            rowId={historyRow.rowId}
            title={historyTitle(historyRow.rowId)}
            schema={schema}
            lookups={lookups}
            onClose={() => setHistoryRow(null)}
            onUnauthorized={props.onUnauthorized}
          />
        )}
      </div>
      <StatusBar
        status={status}
        stats={stats}
        presence={presenceState}
        storage={props.storage}
        readOnly={readOnly}
        overdueLegend={hasOverdueRows(schema)}
      />
    </section>
  );
}
