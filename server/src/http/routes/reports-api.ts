// The reporting API mounted beside the JSON API: snapshots and their diff, exports, the
// weekly bulletin and the import preview. Each part owns its routes; this wires them up.
import type { Hono } from 'hono';
import type { Accounts } from '../../auth/accounts.ts';
import type { ServerConfig } from '../../ops/config.ts';
import { DistrictReader } from '../../reports/district-state.ts';
import { ImportPool } from '../../reports/import-pool.ts';
import { Snapshots } from '../../reports/snapshots.ts';
import type { Store } from '../../store/store.ts';
import type { RoomManager } from '../../sync/rooms.ts';
import { mountBulletinRoutes } from './bulletin-routes.ts';
import { mountExportRoutes } from './export-routes.ts';
import { mountImportRoutes } from './import-routes.ts';
import { mountSnapshotRoutes } from './snapshot-routes.ts';

export function mountReportsApi(
  app: Hono,
  deps: { config: ServerConfig; store: Store; rooms: RoomManager; accounts: Accounts },
): void {
  const reader = new DistrictReader(deps.store, deps.rooms);
  const snapshots = new Snapshots(deps.store, deps.rooms);
  const { accounts, store } = deps;
  mountSnapshotRoutes(app, { accounts, store, snapshots, reader, schedule: deps.config.snapshotSchedule });
  mountExportRoutes(app, { accounts, reader });
  mountBulletinRoutes(app, { accounts, store, reader });
  mountImportRoutes(app, { accounts, reader, pool: new ImportPool() });
}
