// The reporting API mounted beside the JSON API: snapshots and their diff, exports, the
// weekly bulletin, the liaison daily report and the import preview. Each part owns its routes; this wires them up.
import type { Hono } from 'hono';
import type { ServerConfig } from '../../ops/config.ts';
import { DistrictReader } from '../../reports/district-state.ts';
import { ImportPool } from '../../reports/import-pool.ts';
import { Snapshots } from '../../reports/snapshots.ts';
import type { Store } from '../../store/store.ts';
import type { RoomManager } from '../../sync/rooms.ts';
import type { AppEnv } from '../app-env.ts';
import { mountBulletinRoutes } from './bulletin-routes.ts';
import { mountExportRoutes } from './export-routes.ts';
import { mountImportRoutes } from './import-routes.ts';
import { mountLiaisonRoutes } from './liaison-routes.ts';
import { mountSnapshotRoutes } from './snapshot-routes.ts';

export function mountReportsApi(
  app: Hono<AppEnv>,
  deps: { config: ServerConfig; store: Store; rooms: RoomManager },
): void {
  const reader = new DistrictReader(deps.store, deps.rooms);
  const snapshots = new Snapshots(deps.store, deps.rooms);
  const { store } = deps;
  mountSnapshotRoutes(app, { store, snapshots, reader, schedule: deps.config.snapshotSchedule });
  mountLiaisonRoutes(app, { reader });
  mountExportRoutes(app, { reader });
  mountBulletinRoutes(app, { store, reader });
  mountImportRoutes(app, { reader, pool: new ImportPool() });
}
