// Duty coverage over all committees' rosters: the matrix of sites × time slots with its
// gaps and double bookings, the liaison daily report, and the re-check list. The page
// reads the registries here and each tab opens the rooms it needs.
import { type RowValues, textOf } from '@civic-ledger/shared';
import { type KeyboardEvent, type ReactNode, useMemo, useRef, useState } from 'react';
import { visibleCommittees } from '../app/rights.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import type { Lookups } from '../registry/lookups.ts';
import type { Session } from '../session/session.ts';
import type { RoomPool } from '../sync/room-pool.ts';
import { CoverageTab } from './CoverageTab.tsx';
import type { DutyRegistry } from './duty-registry.ts';
import { LiaisonTab } from './LiaisonTab.tsx';
import { RecheckTab } from './RecheckTab.tsx';
import { RoomsBanner, RoomsWaiting } from './RoomsState.tsx';
import { useRoomRows } from './useRoomRows.ts';
import './duty.css';

export interface CoveragePageProps {
  readonly pool: RoomPool;
  readonly lookups: Lookups;
  readonly session: Session;
  readonly onUnauthorized: () => void;
}

const TABS = ['matrix', 'liaison', 'recheck'] as const;
type Tab = (typeof TABS)[number];
const TAB_TEXT: Record<Tab, MessageKey> = {
  matrix: 'duty.tab.matrix',
  liaison: 'duty.tab.liaison',
  recheck: 'duty.tab.recheck',
};

function initialTab(): Tab {
  const hash = location.hash.slice(1);
  return TABS.find((t) => t === hash) ?? 'matrix';
}

const REGISTRY_ROOMS = ['committees', 'sites', 'people'] as const;

export function CoveragePage({ pool, session }: CoveragePageProps) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>(initialTab);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const registry = useRoomRows(pool, REGISTRY_ROOMS);
  const principal = useMemo(
    () => ({ role: session.user.role, committeeId: session.user.committeeId }),
    [session.user.role, session.user.committeeId],
  );

  const data = useMemo<DutyRegistry>(() => {
    const rowsOf = (room: string): readonly RowValues[] => registry.rows.get(room) ?? [];
    const all = rowsOf('committees')
      .map((row) => ({ id: String(row.id), name: textOf(row, 'name') ?? String(row.id) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : 1));
    const committees = visibleCommittees(principal, all);
    const sites = rowsOf('sites');
    const people = rowsOf('people');
    return {
      principal,
      committees,
      sites,
      people,
      committeeNames: new Map(all.map((c) => [c.id, c.name])),
      siteNames: new Map(sites.map((s) => [String(s.id), textOf(s, 'name') ?? String(s.id)])),
      personNames: new Map(people.map((p) => [String(p.id), textOf(p, 'name') ?? String(p.id)])),
    };
  }, [registry.rows, principal]);

  const choose = (next: Tab) => {
    setTab(next);
    history.replaceState(null, '', `${location.pathname}${location.search}#${next}`);
  };
  // Arrow keys move between the tabs, as in any tab list.
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (index + step + TABS.length) % TABS.length;
    const to = TABS[next];
    if (!to) return;
    choose(to);
    tabRefs.current[next]?.focus();
  };

  let body: ReactNode;
  // On a first visit the registries arrive from the server: wait for the committees.
  if (!registry.ready || (registry.firstLoad && data.committees.length === 0)) {
    body = <RoomsWaiting rooms={registry} />;
  } else if (data.committees.length === 0) {
    body = (
      <p className="duty-state" data-testid="duty-empty">
        {t('duty.noCommittees')}
      </p>
    );
  } else if (tab === 'matrix') {
    body = <CoverageTab pool={pool} registry={data} />;
  } else if (tab === 'liaison') {
    body = <LiaisonTab pool={pool} registry={data} session={session} />;
  } else {
    body = <RecheckTab pool={pool} registry={data} />;
  }

  return (
    <main className="page coverage duty-page" data-testid="coverage">
      <div className="duty-tabs" role="tablist" aria-label={t('duty.tabs')}>
        {TABS.map((id, index) => (
          <button
            key={id}
            ref={(el) => {
              tabRefs.current[index] = el;
            }}
            type="button"
            role="tab"
            id={`duty-tab-${id}`}
            aria-selected={tab === id}
            aria-controls="duty-panel"
            tabIndex={tab === id ? 0 : -1}
            className={tab === id ? 'duty-tab active' : 'duty-tab'}
            data-testid={`duty-tab-${id}`}
            onClick={() => choose(id)}
            onKeyDown={(e) => onTabKey(e, index)}
          >
            {t(TAB_TEXT[id])}
          </button>
        ))}
      </div>
      <RoomsBanner rooms={registry} />
      <section id="duty-panel" role="tabpanel" aria-labelledby={`duty-tab-${tab}`} className="duty-panel">
        {body}
      </section>
    </main>
  );
}
