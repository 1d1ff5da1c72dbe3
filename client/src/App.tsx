// The app shell: routes, the shared room pool, the district lookups, this person's
// identity, and the table view for the current route.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { AppHeader } from './app/AppHeader.tsx';
import { parseRoute, type Route, routePath, routeRooms } from './app/route.ts';
import { I18nProvider } from './i18n/I18nContext.tsx';
import { type Identity, loadIdentity, saveIdentity } from './presence/identity.ts';
import { useLookups } from './registry/useLookups.ts';
import { createBrowserRoomPool } from './sync/room-pool.ts';
import { requestPersistentStorage, type StoragePersistence } from './sync/storage-persistence.ts';
import { TableView } from './views/TableView.tsx';

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

function Shell() {
  const pool = useMemo(() => createBrowserRoomPool(), []);
  const lookups = useLookups(pool);
  const online = useOnline();
  const [route, setRoute] = useState<Route>(() => parseRoute(location.pathname));
  const [identity, setIdentity] = useState<Identity>(() => loadIdentity(safeStorage()));
  const [storage, setStorage] = useState<StoragePersistence>('unknown');

  useEffect(() => {
    void requestPersistentStorage().then(setStorage);
    const onPop = () => setRoute(parseRoute(location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = (next: Route) => {
    const path = routePath(next) + location.search;
    if (path !== location.pathname + location.search) history.pushState(null, '', path);
    setRoute(next);
  };

  const committeeIds = lookups.committees.entries.map((c) => c.id);
  const rooms = routeRooms(route, committeeIds);
  const table = route.view;
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
      />
      <TableView
        key={routePath(route)}
        table={table}
        rooms={rooms}
        committeeId={
          route.view === 'ledger' || route.view === 'roster'
            ? route.committeeId === 'all'
              ? null
              : route.committeeId
            : null
        }
        pool={pool}
        lookups={lookups}
        identity={identity}
        storage={storage}
      />
    </div>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Shell />
    </I18nProvider>
  );
}
