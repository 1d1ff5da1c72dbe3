// The office's live totals (the 16:00 meeting view): built from the rooms as they change.
import type { Lookups } from '../registry/lookups.ts';
import type { Session } from '../session/session.ts';
import type { RoomPool } from '../sync/room-pool.ts';

export interface DashboardPageProps {
  readonly pool: RoomPool;
  readonly lookups: Lookups;
  readonly session: Session;
  readonly onUnauthorized: () => void;
}

export function DashboardPage(_props: DashboardPageProps) {
  return <main className="page dashboard" data-testid="dashboard" />;
}
