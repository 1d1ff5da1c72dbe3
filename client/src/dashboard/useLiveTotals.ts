// The live totals of the signed-in account as React state, for as long as the page shows.
import type { Role } from '@civic-ledger/shared';
import { useEffect, useState } from 'react';
import { type LiveSnapshot, LiveTotals, type RoomSource } from './live-totals.ts';

export function useLiveTotals(
  rooms: RoomSource,
  role: Role,
  committeeId: string | null,
): LiveSnapshot | null {
  const [snapshot, setSnapshot] = useState<LiveSnapshot | null>(null);
  useEffect(() => {
    const live = new LiveTotals(rooms, { role, committeeId });
    const stop = live.subscribe(() => setSnapshot(live.snapshot()));
    setSnapshot(live.snapshot());
    return () => {
      stop();
      live.destroy();
    };
  }, [rooms, role, committeeId]);
  return snapshot;
}
