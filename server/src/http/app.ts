// The HTTP surface: health, metrics, the JSON API (bodies bounded, the account checked
// once for every route), the sync endpoint (sync-endpoint.ts) and the built client.
// Wiring only; routes, rooms and connections do the work.
import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import type { Accounts } from '../auth/accounts.ts';
import type { ServerConfig } from '../ops/config.ts';
import { renderMetrics } from '../ops/metrics.ts';
import type { Store } from '../store/store.ts';
import { ConnectionRegistry } from '../sync/connection-registry.ts';
import type { Relay } from '../sync/relay.ts';
import type { RoomManager } from '../sync/rooms.ts';
import type { AppEnv } from './app-env.ts';
import { requireAccount } from './auth.ts';
import { limitBodies } from './body-limits.ts';
import { mountApi } from './routes/api-routes.ts';
import { mountPhotoRoutes } from './routes/photo-routes.ts';
import { mountReportsApi } from './routes/reports-api.ts';
import { mountTotals } from './routes/totals-routes.ts';
import { mountSyncEndpoint } from './sync-endpoint.ts';

export interface AppContext {
  config: ServerConfig;
  store: Store;
  rooms: RoomManager;
  accounts: Accounts;
  relay: Relay | undefined;
  startedAt: Date;
}

export function createApp(ctx: AppContext) {
  const app = new Hono<AppEnv>();
  const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app });
  // ws enforces the frame limit itself and closes with 1009 before buffering more.
  (wss.options as { maxPayload: number }).maxPayload = ctx.config.maxMessageBytes;
  const registry = new ConnectionRegistry({
    perUser: ctx.config.maxConnectionsPerUser,
    perAddress: ctx.config.maxConnectionsPerAddress,
  });

  app.get('/healthz', async (c) => {
    const storeOk = await Promise.race([
      ctx.store.ping().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref()),
    ]);
    return c.json(
      {
        status: storeOk ? 'ok' : 'degraded',
        store: { kind: ctx.store.kind, ok: storeOk },
        redis: ctx.relay ? ctx.relay.status : 'off',
        rooms: ctx.rooms.loadedCount,
        connections: registry.all.size,
        uptimeSeconds: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
      },
      storeOk ? 200 : 503,
    );
  });

  app.get('/metrics', (c) =>
    c.text(
      renderMetrics({
        roomsLoaded: ctx.rooms.loadedCount,
        connections: registry.all.size,
        relay: ctx.relay?.counters,
      }),
      200,
      { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' },
    ),
  );

  // The account first (headers only): a caller without one never gets a body read.
  app.use('/api/*', requireAccount(ctx.accounts));
  app.use('/api/*', limitBodies());
  mountApi(app, { accounts: ctx.accounts, store: ctx.store });
  mountTotals(app, { store: ctx.store, rooms: ctx.rooms });
  mountReportsApi(app, ctx);
  mountPhotoRoutes(app, ctx);

  mountSyncEndpoint(app, {
    config: ctx.config,
    accounts: ctx.accounts,
    rooms: ctx.rooms,
    registry,
    upgradeWebSocket,
  });

  const indexFile = path.join(ctx.config.clientDir, 'index.html');
  app.use('/*', serveStatic({ root: ctx.config.clientDir }));
  app.get('*', (c) => {
    // Client-side routes fall back to the app shell.
    if (fs.existsSync(indexFile)) return c.html(fs.readFileSync(indexFile, 'utf8'));
    return c.text(
      'The client is not built: run `corepack pnpm build` (or `corepack pnpm start`, which builds it).',
      503,
    );
  });

  return { app, injectWebSocket, registry };
}
