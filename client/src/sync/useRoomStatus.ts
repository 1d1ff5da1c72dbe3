// The combined status of a view's rooms as React state, updated when any room's changes.
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { RoomConnection } from './room-connection.ts';
import { combineStatuses, type RoomStatus } from './sync-status.ts';

export function useRoomsStatus(rooms: readonly RoomConnection[]): RoomStatus {
  const cache = useRef<{ inputs: RoomStatus[]; output: RoomStatus } | null>(null);
  const subscribe = useCallback(
    (listener: () => void) => {
      const stops = rooms.map((r) => r.subscribe(listener));
      return () => {
        for (const stop of stops) stop();
      };
    },
    [rooms],
  );
  // The snapshot must keep its identity while no room's status changed.
  const getSnapshot = () => {
    const inputs = rooms.map((r) => r.getStatus());
    const last = cache.current;
    if (last && last.inputs.length === inputs.length && inputs.every((s, i) => s === last.inputs[i]))
      return last.output;
    const output = combineStatuses(inputs);
    cache.current = { inputs, output };
    return output;
  };
  return useSyncExternalStore(subscribe, getSnapshot);
}
