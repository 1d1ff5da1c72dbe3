// Duty coverage over all committees' rosters: the matrix of sites × time slots with its
// gaps and double bookings, the liaison daily report, and the re-check list.
import type { Lookups } from '../registry/lookups.ts';
import type { Session } from '../session/session.ts';
import type { RoomPool } from '../sync/room-pool.ts';

export interface CoveragePageProps {
  readonly pool: RoomPool;
  readonly lookups: Lookups;
  readonly session: Session;
  readonly onUnauthorized: () => void;
}

export function CoveragePage(_props: CoveragePageProps) {
  return <main className="page coverage" data-testid="coverage" />;
}
