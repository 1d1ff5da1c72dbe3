// Snapshots of the district: the list, a snapshot opened read-only, two sides compared,
// and exports of now or of a snapshot.
import type { Lookups } from '../registry/lookups.ts';
import type { Session } from '../session/session.ts';
import type { RoomPool } from '../sync/room-pool.ts';

export interface SnapshotsPageProps {
  readonly pool: RoomPool;
  readonly lookups: Lookups;
  readonly session: Session;
  readonly onUnauthorized: () => void;
}

export function SnapshotsPage(_props: SnapshotsPageProps) {
  return <main className="page snapshots" data-testid="snapshots" />;
}
