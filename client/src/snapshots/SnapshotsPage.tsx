// Snapshots of the district: the list, a snapshot opened read-only, two sides compared,
// and exports of now or of a snapshot.
import { can } from '@civic-ledger/shared';
import { useCallback, useMemo, useState } from 'react';
import { seesAllCommittees, visibleCommittees } from '../app/rights.ts';
import type { Lookups } from '../registry/lookups.ts';
import type { Session } from '../session/session.ts';
import type { RoomPool } from '../sync/room-pool.ts';
import { ComparePanel, type CompareRequest } from './ComparePanel.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { SnapshotList } from './SnapshotList.tsx';
import { SnapshotViewer } from './SnapshotViewer.tsx';
import { TakeSnapshot } from './TakeSnapshot.tsx';
import { shownList, useSnapshotList } from './useSnapshotList.ts';
import './snapshots.css';

export interface SnapshotsPageProps {
  readonly pool: RoomPool;
  readonly lookups: Lookups;
  readonly session: Session;
  readonly onUnauthorized: () => void;
  /** The snapshot open read-only (`/snapshots/<id>`), or null for the list. */
  readonly snapshotId?: string | null;
  /** Opens a snapshot (or, with null, goes back to the list) as a route of its own. */
  readonly onOpenSnapshot?: (snapshotId: string | null) => void;
}

export function SnapshotsPage(props: SnapshotsPageProps) {
  const { session, lookups, onUnauthorized } = props;
  const user = session.user;
  const [localOpen, setLocalOpen] = useState<string | null>(null);
  const openId = props.onOpenSnapshot ? (props.snapshotId ?? null) : localOpen;
  const open = props.onOpenSnapshot ?? setLocalOpen;
  const { state, reload } = useSnapshotList(session, onUnauthorized);
  const [request, setRequest] = useState<CompareRequest | null>(null);
  const compareWithNow = useCallback(
    (id: string) => setRequest((r) => ({ from: id, to: 'now', nonce: (r?.nonce ?? 0) + 1 })),
    [],
  );
  const committees = useMemo(
    () => visibleCommittees(user, lookups.committees.entries).map((c) => ({ id: c.id, name: c.name })),
    [user, lookups],
  );
  const district = seesAllCommittees(user);
  // The rule the server applies to POST /api/snapshots: whoever may export the whole district.
  const mayTake = can(user, 'export', null);
  const snapshots = shownList(state)?.snapshots ?? [];

  if (openId !== null)
    return (
      <main className="page snapshots" data-testid="snapshots">
        <SnapshotViewer
          key={openId}
          session={session}
          snapshotId={openId}
          lookups={lookups}
          onBack={() => open(null)}
          onUnauthorized={onUnauthorized}
        />
      </main>
    );

  return (
    <main className="page snapshots snap-page" data-testid="snapshots">
      <div className="snap-column">
        {mayTake && <TakeSnapshot session={session} onTaken={reload} onUnauthorized={onUnauthorized} />}
        <SnapshotList
          state={state}
          onRetry={reload}
          onOpen={(id) => open(id)}
          onCompareWithNow={compareWithNow}
        />
        <ExportPanel
          session={session}
          snapshots={snapshots}
          committees={committees}
          district={district}
          onUnauthorized={onUnauthorized}
        />
      </div>
      <div className="snap-column snap-wide">
        <ComparePanel
          session={session}
          snapshots={snapshots}
          committees={committees}
          district={district}
          lookups={lookups}
          request={request}
          onUnauthorized={onUnauthorized}
        />
      </div>
    </main>
  );
}
