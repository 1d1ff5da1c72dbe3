// What the status bar says about one room or a whole view: the connection (online,
// offline, syncing) and whether every local edit is confirmed stored on the server.
import type { DomainError } from '@civic-ledger/shared';

export type NetworkState = 'offline' | 'syncing' | 'online';
/** saved: the server confirmed every local edit; saving: asked, not yet answered; local: kept on this device only. */
export type SaveState = 'saved' | 'saving' | 'local';

export interface RoomStatus {
  readonly network: NetworkState;
  readonly save: SaveState;
  readonly unconfirmedEdits: number;
  /** The local copy has been read (or could not be): the grid may show it. */
  readonly loaded: boolean;
  /** Synced with the server at least once since the page opened. */
  readonly everSynced: boolean;
  /** The local copy had something in it when the page opened. */
  readonly hadLocalCopy: boolean;
  /** A failed local write or read, shown until a later write succeeds. */
  readonly error: DomainError | null;
}

export const INITIAL_STATUS: RoomStatus = {
  network: 'offline',
  save: 'saved',
  unconfirmedEdits: 0,
  loaded: false,
  everSynced: false,
  hadLocalCopy: false,
  error: null,
};

/** A view over several rooms: online only when all are, saved only when all are. */
export function combineStatuses(statuses: readonly RoomStatus[]): RoomStatus {
  if (statuses.length === 0) return { ...INITIAL_STATUS, loaded: true };
  const networks = statuses.map((s) => s.network);
  const network: NetworkState = networks.every((n) => n === 'online')
    ? 'online'
    : networks.every((n) => n === 'offline')
      ? 'offline'
      : 'syncing';
  const save: SaveState = statuses.some((s) => s.save === 'local')
    ? 'local'
    : statuses.some((s) => s.save === 'saving')
      ? 'saving'
      : 'saved';
  return {
    network,
    save,
    unconfirmedEdits: statuses.reduce((n, s) => n + s.unconfirmedEdits, 0),
    loaded: statuses.every((s) => s.loaded),
    everSynced: statuses.every((s) => s.everSynced),
    hadLocalCopy: statuses.every((s) => s.hadLocalCopy),
    error: statuses.find((s) => s.error)?.error ?? null,
  };
}
