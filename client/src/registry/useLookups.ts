// Keeps the district rooms (committees, sites, people) open for the whole app and turns
// them into the lookups every grid uses, rebuilt shortly after any change.
import { readRows } from '@civic-ledger/shared';
import { useEffect, useState } from 'react';
import type { RoomPool } from '../sync/room-pool.ts';
import { EMPTY_LOOKUPS, type Lookups, refTable } from './lookups.ts';

export function useLookups(pool: RoomPool): Lookups {
  const [lookups, setLookups] = useState<Lookups>(EMPTY_LOOKUPS);
  useEffect(() => {
    const names = ['committees', 'sites', 'people'] as const;
    const connections = names.map((name) => pool.acquire(name));
    let timer: ReturnType<typeof setTimeout> | null = null;
    let cancelled = false;
    const rebuild = () => {
      timer = null;
      if (cancelled) return;
      const [committees, sites, people] = connections.map((c) => refTable(readRows(c.doc)));
      setLookups({ committees: committees!, sites: sites!, people: people! });
    };
    const schedule = () => {
      timer ??= setTimeout(rebuild, 150);
    };
    const stops = connections.map((c) => {
      const onUpdate = () => schedule();
      c.doc.on('update', onUpdate);
      return () => c.doc.off('update', onUpdate);
    });
    void Promise.all(connections.map((c) => c.ready)).then(rebuild);
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      for (const stop of stops) stop();
      for (const name of names) pool.release(name);
    };
  }, [pool]);
  return lookups;
}
