// Starts and stops a whole server: store, rooms, HTTP and WebSocket. Used by main.ts
// and by tests that want a server inside their own process.

import { CloseCode } from '@civic-ledger/shared';
import { type ServerType, serve } from '@hono/node-server';
import { Accounts } from './auth/accounts.ts';
import { createApp } from './http/app.ts';
import type { ServerConfig } from './ops/config.ts';
import { errorFields, log } from './ops/log.ts';
import { seedDemoIfEmpty } from './ops/seed.ts';
import { startSnapshotScheduler } from './reports/snapshot-schedule.ts';
import { Snapshots } from './reports/snapshots.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';
import { RedisRelay } from './sync/relay.ts';
import { RoomManager } from './sync/rooms.ts';

export interface RunningServer {
  readonly port: number;
  readonly url: string;
  readonly store: Store;
  readonly rooms: RoomManager;
  readonly accounts: Accounts;
  /** Closes every connection, stores every room and closes the store. */
  stop(): Promise<void>;
}

/** `store` lets a caller supply the store (e.g. one wrapped to add latency). */
export async function startServer(
  config: ServerConfig,
  deps: { store?: Store } = {},
): Promise<RunningServer> {
  const store = deps.store ?? (await openStore(config));
  const accounts = await Accounts.open(store, {
    secret: config.authSecret,
    tokenTtlSeconds: config.tokenTtlSeconds,
  });
  if (config.demo) await seedDemoIfEmpty(store, accounts);
  const relay = config.redisUrl ? new RedisRelay(config.redisUrl) : undefined;
  if (relay) {
    // Without Redis the instances still converge through the store, only slower.
    await relay.connect().catch((err) => log.warn('redis not reachable at start', errorFields(err)));
  }
  const rooms = new RoomManager(store, {
    roomIdleMs: config.roomIdleMs,
    compactAfterUpdates: config.compactAfterUpdates,
    relay,
    catchUpIntervalMs: config.catchUpIntervalMs,
  });
  const { app, injectWebSocket, registry } = createApp({
    config,
    store,
    rooms,
    accounts,
    relay,
    startedAt: new Date(),
  });
  const snapshotScheduler = startSnapshotScheduler(new Snapshots(store, rooms), config.snapshotSchedule);
  const stopWatching = accounts.watch(config.userWatchMs, (user) => {
    const closed = registry.accountChanged(user);
    if (closed > 0) log.info('closed sockets of a changed account', { user: user.username, closed });
  });

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  });
  injectWebSocket(server);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log.info('listening', { url, port, store: store.kind, dataDir: config.dataDir });

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      log.info('shutting down', { port });
      server.close();
      stopWatching();
      const schedulerStopped = snapshotScheduler.stop();
      for (const connection of [...registry.all])
        connection.close(CloseCode.goingAway, 'server shutting down');
      await rooms.closeAll(CloseCode.goingAway, 'server shutting down');
      await schedulerStopped; // a snapshot being taken finishes before the store closes
      await store.close();
      await relay?.close();
      if ('closeAllConnections' in server) server.closeAllConnections();
      log.info('stopped', { port });
    })();
    return stopping;
  };
  return { port, url, store, rooms, accounts, stop };
}
