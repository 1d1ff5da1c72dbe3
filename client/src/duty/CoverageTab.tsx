// The coverage tab: a date range, the summary (coverage %, gaps, double bookings, not
// checked in), the matrix over every roster the account may read, and the form that adds
// the shift a gap needs, as this person's own undoable edit in that committee's roster.
import {
  initTable,
  insertRow,
  newRowId,
  type RosterRole,
  readTableSchema,
  roomName,
  rosterSchema,
  sitesInScope,
  type TimeSlot,
  todayInShanghai,
} from '@civic-ledger/shared';
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { viewAccess } from '../app/rights.ts';
import { LOCAL_EDIT, UndoHistory } from '../grid/undo-history.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { RoomPool } from '../sync/room-pool.ts';
import { checkLocal, type LocalRules, plannedInsert } from '../table/local-rules.ts';
import { Notices } from '../views/Notices.tsx';
import { type Notice, notice } from '../views/notices.ts';
import { AddShiftForm } from './AddShiftForm.tsx';
import { CoverageMatrix } from './CoverageMatrix.tsx';
import { coverageMatrix, type MatrixCell, type MatrixSite, sitesWithGaps } from './coverage-matrix.ts';
import { DateRangePicker } from './DateRangePicker.tsx';
import { clampRange, type DateRange, dayLabel, followDayTurn, todayRange } from './date-range.ts';
import type { DutyRegistry } from './duty-registry.ts';
import { gapShift, shiftCandidates, suggestedCandidate } from './gap-shift.ts';
import { percentText, slotText } from './labels.ts';
import { RoomsBanner, RoomsWaiting } from './RoomsState.tsx';
import { useNow } from './useNow.ts';
import { useRoomRows } from './useRoomRows.ts';

interface GapTarget {
  readonly site: MatrixSite['site'];
  readonly date: string;
  readonly slot: TimeSlot;
}

export function CoverageTab({ pool, registry }: { pool: RoomPool; registry: DutyRegistry }) {
  const { t, locale } = useI18n();
  const now = useNow();
  const [range, setRange] = useState<DateRange>(() => todayRange());
  // After midnight a range that ended today moves on to the new today by itself.
  const today = todayInShanghai(now);
  const lastToday = useRef(today);
  useEffect(() => {
    const before = lastToday.current;
    lastToday.current = today;
    if (before !== today) setRange((current) => followDayTurn(current, before, today));
  }, [today]);
  const [target, setTarget] = useState<GapTarget | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [gapsOnly, setGapsOnly] = useState(false);
  const { principal, committees } = registry;
  const rooms = useMemo(() => committees.map((c) => roomName('roster', c.id)), [committees]);
  const roster = useRoomRows(pool, rooms);
  const rules = useMemo<LocalRules>(() => ({ principal, actorId: null }), [principal]);

  const show = useCallback(
    (n: Notice) => setNotices((list) => [...list.filter((x) => x.kind !== n.kind), n]),
    [],
  );
  // The history outlives language switches; the refusal text is read when it is needed.
  const refusedRef = useRef<(reason: string) => void>(() => {});
  refusedRef.current = (reason) => show(notice('error', t('shift.addFailed', { reason })));
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const history = useMemo(
    () =>
      new UndoHistory(
        (room, doc, changes) => checkLocal(rules, room, doc, changes.rows, changes.meta),
        (error) => refusedRef.current(error.message[localeRef.current]),
      ),
    [rules],
  );
  useEffect(() => () => history.destroy(), [history]);
  const writable = useCallback((room: string) => viewAccess(principal, [room]) === 'write', [principal]);
  useEffect(() => {
    const stops = roster.connections.filter((c) => writable(c.room)).map((c) => history.track(c.room, c.doc));
    return () => {
      for (const stop of stops) stop();
    };
  }, [roster.connections, history, writable]);

  const allRoster = useMemo(() => [...roster.rows.values()].flat(), [roster.rows]);
  const sites = useMemo(() => sitesInScope(principal, registry.sites), [principal, registry.sites]);
  const built = useMemo(
    () =>
      coverageMatrix({
        roster: allRoster,
        sites,
        from: range.from,
        to: range.to,
        now,
        committees,
        people: registry.personNames,
      }),
    [allRoster, sites, range, now, committees, registry.personNames],
  );

  const shown = useMemo(
    () =>
      built.ok && gapsOnly
        ? { ...built.value, groups: sitesWithGaps(built.value.groups) }
        : built.ok
          ? built.value
          : null,
    [built, gapsOnly],
  );

  const canAdd = useCallback(
    (committeeId: string | null) => committeeId !== null && writable(roomName('roster', committeeId)),
    [writable],
  );
  const onGap = useCallback((site: MatrixSite, cell: MatrixCell) => {
    setTarget({
      site: site.site,
      date: cell.cell.date,
      slot: { start: cell.cell.start, end: cell.cell.end },
    });
  }, []);

  const candidates = useMemo(
    () =>
      target?.site.committeeId
        ? shiftCandidates(registry.people, allRoster, target.site.committeeId, target.date, target.slot)
        : [],
    [target, registry.people, allRoster],
  );

  // Back to the matrix cell the form was opened from, for the next keystroke.
  const bodyRef = useRef<HTMLDivElement>(null);
  const closeForm = () => {
    setTarget(null);
    requestAnimationFrame(() =>
      bodyRef.current?.querySelector<HTMLElement>('.coverage-matrix td[tabindex="0"]')?.focus(),
    );
  };

  const addShift = (goal: GapTarget, personId: string | null, role: RosterRole) => {
    const person = personId === null ? null : (registry.people.find((p) => p.id === personId) ?? null);
    const made = gapShift(goal.site, goal.date, goal.slot, role, person);
    if (!made.ok) {
      show(notice('error', t('shift.addFailed', { reason: made.error.message[locale] })));
      return;
    }
    const { room, values } = made.value;
    const doc = roster.connections.find((c) => c.room === room)?.doc;
    if (!doc) return;
    const id = newRowId();
    const row = { ...values, id };
    const refused = checkLocal(rules, room, doc, [plannedInsert(id, row)]);
    if (refused) {
      show(notice('error', t('shift.addFailed', { reason: refused.message[locale] })));
      return;
    }
    let inserted: ReturnType<typeof insertRow> | null = null;
    doc.transact(() => {
      if (!readTableSchema(doc).ok) initTable(doc, rosterSchema, LOCAL_EDIT);
      inserted = insertRow(doc, row, LOCAL_EDIT);
    }, LOCAL_EDIT);
    const result = inserted as ReturnType<typeof insertRow> | null;
    if (result && !result.ok) {
      show(notice('error', t('shift.addFailed', { reason: result.error.message[locale] })));
      return;
    }
    closeForm();
    show(
      notice('info', t('shift.added', { site: goal.site.name, slot: slotText(goal.slot) }), {
        label: t('toolbar.undo'),
        run: () => {
          history.undo();
          setNotices((list) => list.filter((n) => n.kind !== 'info'));
        },
      }),
    );
  };

  // Ctrl+Z / Ctrl+Y (or Ctrl+Shift+Z) take back or redo this person's added shifts, outside form fields.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!(event.ctrlKey || event.metaKey)) return;
    const tag = (event.target as HTMLElement).tagName;
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) history.undo();
    else if (key === 'y' || (key === 'z' && event.shiftKey)) history.redo();
    else return;
    event.preventDefault();
  };

  const anyWritable = rooms.some(writable);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: catches undo/redo keys from the cells inside
    <div className="duty-tab-body" onKeyDown={onKeyDown} data-testid="coverage-tab" ref={bodyRef}>
      <div className="duty-toolbar">
        <DateRangePicker
          range={range}
          onChange={(next) => {
            setRange(clampRange(next.from, next.to, range));
            setTarget(null);
          }}
          onToday={() => setRange(todayRange())}
        />
        {built.ok && (
          <div className="coverage-summary" data-testid="coverage-summary">
            <strong data-testid="coverage-rate" data-rate={built.value.coverage.rate ?? ''}>
              {t('coverage.summary', {
                rate: percentText(built.value.coverage.rate, locale),
                covered: built.value.coverage.covered,
                cells: built.value.coverage.cells.length,
              })}
            </strong>
            <span className="cov-chip cov-chip-gap" data-testid="coverage-gaps">
              {t('coverage.gaps', { n: built.value.coverage.gaps.length })}
            </span>
            <span className="cov-chip cov-chip-double">
              {t('coverage.doubles', { n: built.value.doubleBookings.length })}
            </span>
            <span className="cov-chip cov-chip-late">
              {t('coverage.notCheckedIn', { n: built.value.notCheckedIn })}
            </span>
            <label className="cov-gaps-only">
              <input
                type="checkbox"
                checked={gapsOnly}
                onChange={(e) => setGapsOnly(e.target.checked)}
                data-testid="gaps-only"
              />
              {t('coverage.gapsOnly')}
            </label>
          </div>
        )}
      </div>
      <Notices
        notices={notices}
        onDismiss={(id) => setNotices((l) => l.filter((n) => n.id !== id))}
        dismissLabel={t('dismiss')}
      />
      {!anyWritable && rooms.length > 0 && <p className="duty-hint">{t('coverage.readOnlyHint')}</p>}
      {target && (
        <AddShiftForm
          key={`${target.site.id} ${target.date} ${target.slot.start}`}
          where={t('shift.where', {
            site: target.site.name,
            date: dayLabel(target.date, locale),
            slot: slotText(target.slot),
          })}
          candidates={candidates}
          suggested={suggestedCandidate(candidates)}
          onSubmit={(personId, role) => addShift(target, personId, role)}
          onCancel={closeForm}
        />
      )}
      <RoomsBanner rooms={roster} />
      {!roster.ready || (roster.firstLoad && allRoster.length === 0) ? (
        <RoomsWaiting rooms={roster} />
      ) : !built.ok ? (
        <p className="duty-state duty-error" role="alert">
          {built.error.message[locale]}
        </p>
      ) : built.value.columns.length === 0 ? (
        <p className="duty-state" data-testid="coverage-no-slots">
          {t('coverage.noSlots')}
        </p>
      ) : built.value.groups.length === 0 ? (
        <p className="duty-state">{t('coverage.noSites')}</p>
      ) : (
        <>
          {shown && shown.groups.length > 0 ? (
            <CoverageMatrix matrix={shown} canAdd={canAdd} onGap={onGap} />
          ) : (
            <p className="duty-state" data-testid="coverage-no-gaps">
              {t('coverage.noGaps')}
            </p>
          )}
          {built.value.coverage.unplaced.length > 0 && (
            <p className="duty-hint">{t('coverage.unplaced', { n: built.value.coverage.unplaced.length })}</p>
          )}
          {built.value.doubleBookings.length > 0 && (
            <section className="cov-doubles" data-testid="coverage-doubles">
              <h3>{t('coverage.doublesTitle')}</h3>
              <ul>
                {built.value.doubleBookings.map((d) => (
                  <li key={`${d.personId} ${d.date} ${d.shifts[0]?.shiftId ?? ''}`}>
                    <strong>{d.name}</strong> {dayLabel(d.date, locale)}:{' '}
                    {d.shifts.map((s) => `${s.siteName} ${s.start}–${s.end}`).join(' / ')}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
