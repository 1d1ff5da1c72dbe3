// The HTTP surface: health, the sync endpoint (WebSocket upgrade per room) and the
// built client. Routing and upgrade checks only; rooms and connections do the work.
import fs from 'node:fs';
import path from 'node:path';
import { parseRoomName } from '@civic-ledger/shared';
import { serveStatic } from '@hono/node-server/serve-static';
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import type { ServerConfig } from './config.ts';
import { Connection } from './connection.ts';
import { renderMetrics } from './metrics.ts';
import type { Relay } from './relay.ts';
import type { RoomManager } from './rooms.ts';
import type { Store } from './store/store.ts';

export interface AppContext {
  config: ServerConfig;
  store: Store;
  rooms: RoomManager;
  relay: Relay | undefined;
  startedAt: Date;
}

export function createApp(ctx: AppContext) {
  const app = new Hono();
  const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app });
  // ws enforces the frame limit itself and closes with 1009 before buffering more.
  (wss.options as { maxPayload: number }).maxPayload = ctx.config.maxMessageBytes;
  const connections = new Set<Connection>();

  app.get('/healthz', async (c) => {
    const storeOk = await Promise.race([
      ctx.store.ping().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref()),
    ]);
    const redis = ctx.relay ? ctx.relay.status : 'off';
    return c.json(
      {
        status: storeOk ? 'ok' : 'degraded',
        store: { kind: ctx.store.kind, ok: storeOk },
        redis,
        rooms: ctx.rooms.loadedCount,
        connections: connections.size,
        uptimeSeconds: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
      },
      storeOk ? 200 : 503,
    );
  });

  app.get('/metrics', (c) =>
    c.text(
      renderMetrics({
        roomsLoaded: ctx.rooms.loadedCount,
        connections: connections.size,
        relay: ctx.relay?.counters,
      }),
      200,
      { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' },
    ),
  );

  app.get(
    '/sync/:room',
    async (c, next) => {
      const parsed = parseRoomName(c.req.param('room'));
      if (!parsed.ok) return c.json({ error: parsed.error }, 400);
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        return c.json({ error: { code: 'upgrade_required', message: 'WebSocket upgrade required' } }, 426);
      }
      await next();
    },
    upgradeWebSocket((c) => {
      let connection: Connection | null = null;
      const room = c.req.param('room') ?? '';
      return {
        onOpen(_event, ws) {
          connection = new Connection(
            {
              send: (data) => ws.send(data as Uint8Array<ArrayBuffer>),
              close: (code, reason) => ws.close(code, reason),
              get readyState() {
                return ws.readyState;
              },
            },
            room,
            ctx.rooms,
            { maxPendingMessages: ctx.config.maxPendingMessages },
          );
          connections.add(connection);
          connection.start();
        },
        onMessage(event) {
          connection?.receive(event.data);
        },
        onClose() {
          if (connection) {
            connection.onClosed();
            connections.delete(connection);
          }
        },
      };
    }),
  );

  const indexFile = path.join(ctx.config.clientDir, 'index.html');
  app.use('/*', serveStatic({ root: ctx.config.clientDir }));
  app.get('*', (c) => {
    // Client-side routes fall back to the app shell.
    if (fs.existsSync(indexFile)) return c.html(fs.readFileSync(indexFile, 'utf8'));
    return c.text('The client is not built: run `pnpm build` (or `pnpm start`, which builds it).', 503);
  });

  return { app, injectWebSocket, connections };
}
