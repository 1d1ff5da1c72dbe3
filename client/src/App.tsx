// The app shell: sign-in first, then (for the signed-in account) the routes, the shared
// room pool, the district lookups, this person's identity, and the table view for the
// current route. A sign-in the server no longer accepts leads back to the sign-in page;
// the copies on this device stay.
import { Suspense, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { AppHeader } from './app/AppHeader.tsx';
import {
  CoveragePage,
  DashboardPage,
  LedgerCards,
  PageLoading,
  ReportPage,
  SnapshotsPage,
  TableView,
} from './app/pages.tsx';
import { allowedRoute, routeForPath } from './app/rights.ts';
import { isTableRoute, ROW_PARAM, type Route, routePath, routeRooms } from './app/route.ts';
import { usePhone } from './cards/usePhone.ts';
import { I18nProvider, useI18n } from './i18n/I18nContext.tsx';
import type { MessageKey } from './i18n/messages.ts';
import { accountIdentity, type Identity, loadIdentity, saveIdentity } from './presence/identity.ts';
import { useLookups } from './registry/useLookups.ts';
import { LoginPage } from './session/LoginPage.tsx';
import {
  clearSession,
  loadSession,
  msUntilExpiry,
  type Session,
  saveSession,
  tokenExpiry,
} from './session/session.ts';
import { fetchMe } from './session/session-api.ts';
import { refusalReason } from './sync/refusal-reason.ts';
import { createBrowserRoomPool, type RoomPool } from './sync/room-pool.ts';
import { requestPersistentStorage, type StoragePersistence } from './sync/storage-persistence.ts';
import type { LocalRules } from './table/local-rules.ts';
import { Notices } from './views/Notices.tsx';
import { type Notice, notice } from './views/notices.ts';

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function useOnline(): boolean {
  return useSyncExternalStore(
    (listener) => {
      window.addEventListener('online', listener);
      window.addEventListener('offline', listener);
      return () => {
        window.removeEventListener('online', listener);
        window.removeEventListener('offline', listener);
      };
    },
    () => navigator.onLine,
  );
}

type SignOutReason = 'session.expired' | 'session.revoked' | 'session.signedOut';

interface ShellProps {
  readonly session: Session;
  readonly onSessionUser: (session: Session) => void;
  readonly onSignOut: (reason: SignOutReason) => void;
}

/** How long to wait between asking the server whether a refused socket means a bad token. */
const TOKEN_PROBE_MS = 5_000;

function Shell(props: ShellProps) {
  const { session, onSignOut } = props;
  const { t, locale } = useI18n();
  const [pool, setPool] = useState<RoomPool | null>(null);
  const [appNotices, setAppNotices] = useState<Notice[]>([]);
  const tRef = useRef(t);
  tRef.current = t;
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const token = session.token;

  // One pool per sign-in; closed (local copies kept) when the account signs out.
  useEffect(() => {
    let lastProbe = 0;
    const probe = () => {
      const now = Date.now();
      if (now - lastProbe < TOKEN_PROBE_MS || !navigator.onLine) return;
      lastProbe = now;
      void fetchMe(sessionRef.current).then((me) => {
        if (!me.ok && me.unauthorized)
          onSignOut(me.error.code === 'token_expired' ? 'session.expired' : 'session.revoked');
      });
    };
    const created: RoomPool = createBrowserRoomPool(token, {
      onRevoked: () => onSignOut('session.revoked'),
      // A socket that closes before it opens may be a refused upgrade (401): ask the API.
      onRefusedUpgrade: probe,
      onRuleViolation: (room, reason) => {
        // Say it first, then reset: the server is the source of truth, and resending the
        // same refused change on every reconnect would loop forever.
        setAppNotices((list) => [
          ...list,
          notice(
            'error',
            tRef.current('rules.serverRefused', { room, reason: refusalReason(reason, localeRef.current) }),
          ),
        ]);
        void created.reset(room);
      },
    });
    setPool(created);
    return () => {
      void created.destroy();
    };
  }, [token, onSignOut]);

  // Sign-in ends at its expiry, and the server is asked once whether it still holds.
  useEffect(() => {
    const timer = setTimeout(() => onSignOut('session.expired'), msUntilExpiry(session));
    if (navigator.onLine)
      void fetchMe(session).then((me) => {
        if (me.ok) {
          const u = me.value;
          const old = session.user;
          if (
            u.role !== old.role ||
            u.committeeId !== old.committeeId ||
            u.displayName !== old.displayName ||
            u.personId !== old.personId
          )
            props.onSessionUser({ ...session, user: u });
        } else if (me.unauthorized) {
          onSignOut(me.error.code === 'token_expired' ? 'session.expired' : 'session.revoked');
        }
      });
    return () => clearTimeout(timer);
    // props.onSessionUser is stable (a state setter wrapper)
  }, [session, onSignOut, props.onSessionUser]);

  if (!pool) return null;
  return (
    <SignedIn
      pool={pool}
      session={session}
      onSignOut={onSignOut}
      notices={appNotices}
      onDismiss={(id) => setAppNotices((list) => list.filter((n) => n.id !== id))}
    />
  );
}

interface SignedInProps {
  readonly pool: RoomPool;
  readonly session: Session;
  readonly onSignOut: (reason: SignOutReason) => void;
  readonly notices: readonly Notice[];
  readonly onDismiss: (id: number) => void;
}

function SignedIn({ pool, session, onSignOut, notices, onDismiss }: SignedInProps) {
  const { t } = useI18n();
  const user = session.user;
  const lookups = useLookups(pool);
  const online = useOnline();
  const [route, setRoute] = useState<Route>(() => routeForPath(user, location.pathname));
  const [identity, setIdentity] = useState<Identity>(() => {
    const next = accountIdentity(loadIdentity(safeStorage()), user);
    saveIdentity(safeStorage(), next);
    return next;
  });
  const [storage, setStorage] = useState<StoragePersistence>('unknown');
  const phone = usePhone();

  useEffect(() => {
    void requestPersistentStorage().then(setStorage);
    const onPop = () => setRoute(routeForPath(user, location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [user]);

  // The address bar shows the route actually shown (a member's own committee).
  useEffect(() => {
    const path = routePath(route) + location.search;
    if (path !== location.pathname + location.search) history.replaceState(null, '', path);
  }, [route]);

  const navigate = (next: Route) => {
    const allowed = allowedRoute(user, next);
    // A row named for the page left behind is not the next page's.
    const params = new URLSearchParams(location.search);
    params.delete(ROW_PARAM);
    const query = params.toString();
    const path = routePath(allowed) + (query ? `?${query}` : '');
    if (path !== location.pathname + location.search) history.pushState(null, '', path);
    setRoute(allowed);
  };

  // Who verifies, for `verifiedBy`: the account's own person; for an account linked to no one,
  // the person in the registry with the account's name, if any.
  const actorId = useMemo(
    () => user.personId ?? lookups.people.byName.get(user.displayName)?.[0] ?? null,
    [lookups, user.personId, user.displayName],
  );
  const rules = useMemo<LocalRules>(
    () => ({
      principal: { role: user.role, committeeId: user.committeeId, personId: user.personId },
      actorId,
    }),
    [user.role, user.committeeId, user.personId, actorId],
  );
  const onUnauthorized = useCallback(() => onSignOut('session.revoked'), [onSignOut]);

  const committeeIds = lookups.committees.entries.map((c) => c.id);
  return (
    <div className="app">
      <AppHeader
        route={route}
        lookups={lookups}
        identity={identity}
        online={online}
        onNavigate={navigate}
        onRename={(name) => {
          const next = { ...identity, name };
          saveIdentity(safeStorage(), next);
          setIdentity(next);
        }}
        user={user}
        onSignOut={() => onSignOut('session.signedOut')}
      />
      <Notices notices={notices} onDismiss={onDismiss} dismissLabel={t('dismiss')} />
      <Suspense fallback={<PageLoading />}>
        {route.view === 'dashboard' ? (
          <DashboardPage pool={pool} lookups={lookups} session={session} onUnauthorized={onUnauthorized} />
        ) : route.view === 'coverage' ? (
          <CoveragePage pool={pool} lookups={lookups} session={session} onUnauthorized={onUnauthorized} />
        ) : route.view === 'report' ? (
          <ReportPage pool={pool} session={session} rules={rules} online={online} />
        ) : phone && route.view === 'ledger' ? (
          <LedgerCards
            key={routePath(route)}
            pool={pool}
            rooms={routeRooms(route, committeeIds)}
            lookups={lookups}
            session={session}
            rules={rules}
          />
        ) : route.view === 'snapshots' ? (
          <SnapshotsPage
            pool={pool}
            lookups={lookups}
            session={session}
            onUnauthorized={onUnauthorized}
            snapshotId={route.snapshotId ?? null}
            onOpenSnapshot={(id) =>
              navigate(id === null ? { view: 'snapshots' } : { view: 'snapshots', snapshotId: id })
            }
          />
        ) : (
          isTableRoute(route) && (
            <TableView
              key={routePath(route)}
              table={route.view}
              rooms={routeRooms(route, committeeIds)}
              committeeId={'committeeId' in route && route.committeeId !== 'all' ? route.committeeId : null}
              pool={pool}
              lookups={lookups}
              identity={identity}
              storage={storage}
              session={session}
              rules={rules}
              onUnauthorized={onUnauthorized}
            />
          )
        )}
      </Suspense>
    </div>
  );
}

type Gate =
  | { kind: 'checking'; token: string }
  | { kind: 'signed-in'; session: Session }
  | { kind: 'signed-out'; notice: MessageKey | null; username: string };

/**
 * A `?token=` on the page URL (scripts and benchmarks) signs in with that token: the account
 * is read from the API, and the token leaves the address bar.
 */
function tokenFromUrl(): string | null {
  return new URLSearchParams(location.search).get('token');
}

function initialGate(): Gate {
  const token = tokenFromUrl();
  const stored = loadSession(safeStorage());
  if (token && !(stored.kind === 'active' && stored.session.token === token))
    return { kind: 'checking', token };
  if (stored.kind === 'active') return { kind: 'signed-in', session: stored.session };
  if (stored.kind === 'expired')
    return { kind: 'signed-out', notice: 'session.expired', username: stored.user.username };
  return { kind: 'signed-out', notice: null, username: '' };
}

function dropTokenFromUrl(): void {
  const params = new URLSearchParams(location.search);
  if (!params.has('token')) return;
  params.delete('token');
  const query = params.toString();
  history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
}

function SessionGate() {
  const { t } = useI18n();
  const [gate, setGate] = useState<Gate>(initialGate);

  useEffect(() => {
    if (gate.kind !== 'checking') {
      dropTokenFromUrl();
      return;
    }
    let cancelled = false;
    const expiresAt = tokenExpiry(gate.token) ?? new Date(Date.now() + 3600_000).toISOString();
    const probe: Session = {
      token: gate.token,
      expiresAt,
      user: { id: '', username: '', displayName: '', role: 'manager', committeeId: null, personId: null },
    };
    void fetchMe(probe).then((me) => {
      if (cancelled) return;
      dropTokenFromUrl();
      if (me.ok) {
        const session = { ...probe, user: me.value };
        saveSession(safeStorage(), session);
        setGate({ kind: 'signed-in', session });
      } else {
        setGate({ kind: 'signed-out', notice: me.unauthorized ? 'session.expired' : null, username: '' });
      }
    });
    return () => {
      cancelled = true;
    };
  }, [gate]);

  const signOut = useCallback((reason: SignOutReason) => {
    setGate((current) => {
      if (current.kind !== 'signed-in') return current;
      clearSession(safeStorage());
      return { kind: 'signed-out', notice: reason, username: current.session.user.username };
    });
  }, []);
  const onSessionUser = useCallback((session: Session) => {
    saveSession(safeStorage(), session);
    setGate({ kind: 'signed-in', session });
  }, []);

  if (gate.kind === 'checking') return <p className="session-checking">{t('session.checking')}</p>;
  if (gate.kind === 'signed-out')
    return (
      <LoginPage
        notice={gate.notice}
        initialUsername={gate.username}
        onSignedIn={(session) => {
          saveSession(safeStorage(), session);
          setGate({ kind: 'signed-in', session });
        }}
      />
    );
  return (
    <Shell
      key={gate.session.token}
      session={gate.session}
      onSessionUser={onSessionUser}
      onSignOut={signOut}
    />
  );
}

export function App() {
  return (
    <I18nProvider>
      <SessionGate />
    </I18nProvider>
  );
}
