// The HTTP surface: health, metrics, the JSON API, the sync endpoint (WebSocket upgrade
// per room, after the token, origin, room rights and connection limits are checked)
// and the built client. Checks and routing only; rooms and connections do the work.
import fs from 'node:fs';
import path from 'node:path';
import { domainError, parseRoomName, roomAccess } from '@civic-ledger/shared';
import { serveStatic } from '@hono/node-server/serve-static';
import { createNodeWebSocket } from '@hono/node-ws';
import { type Context, Hono } from 'hono';
import type { Accounts } from '../auth/accounts.ts';
import type { ServerConfig } from '../ops/config.ts';
import { log } from '../ops/log.ts';
import { renderMetrics } from '../ops/metrics.ts';
import type { Store } from '../store/store.ts';
import { Connection, type Session } from '../sync/connection.ts';
import { ConnectionRegistry } from '../sync/connection-registry.ts';
import type { Relay } from '../sync/relay.ts';
import type { RoomManager } from '../sync/rooms.ts';
import { authenticate } from './auth.ts';
import { limitBodies } from './body-limits.ts';
import { mountApi } from './routes/api-routes.ts';
import { mountReportsApi } from './routes/reports-api.ts';
import { mountTotals } from './routes/totals-routes.ts';

export interface AppContext {
  config: ServerConfig;
  store: Store;
  rooms: RoomManager;
  accounts: Accounts;
  relay: Relay | undefined;
  startedAt: Date;
}

type Env = { Variables: { session: Session; address: string } };

function addressOf(c: unknown): string {
  const incoming = (c as Context).env?.incoming as { socket?: { remoteAddress?: string } } | undefined;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Browsers send Origin; it must be this server or one configured. Other clients send none. */
function originAllowed(c: Context, allowed: readonly string[]): boolean {
  const origin = c.req.header('origin');
  if (!origin) return true;
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === c.req.header('host');
  } catch {
    return false;
  }
}

export function createApp(ctx: AppContext) {
  const app = new Hono<Env>();
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

  app.use('/api/*', limitBodies());
  mountApi(app as unknown as Hono, { accounts: ctx.accounts, store: ctx.store, addressOf });
  mountTotals(app as unknown as Hono, { accounts: ctx.accounts, store: ctx.store, rooms: ctx.rooms });
  mountReportsApi(app as unknown as Hono, ctx);

  app.get(
    '/sync/:room',
    async (c, next) => {
      const parsed = parseRoomName(c.req.param('room'));
      if (!parsed.ok) return c.json({ error: parsed.error }, 400);
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        return c.json(
          { error: domainError('upgrade_required', '需要 WebSocket 连接', 'WebSocket upgrade required') },
          426,
        );
      }
      const auth = await authenticate(c, ctx.accounts);
      if (!auth.ok) return auth.response;
      const address = addressOf(c);
      const refuse = (status: 403 | 429, code: string, zh: string, en: string) => {
        log.warn('sync upgrade refused', {
          room: parsed.value.name,
          user: auth.account.username,
          address,
          status,
          code,
        });
        return c.json({ error: domainError(code, zh, en) }, status);
      };
      if (!originAllowed(c, ctx.config.allowedOrigins)) {
        return refuse(403, 'origin_not_allowed', '来源网站不被允许', 'this origin is not allowed');
      }
      const access = roomAccess(auth.account, parsed.value);
      if (access === 'none') return refuse(403, 'forbidden', '无权访问此表', 'no access to this room');
      const limit = registry.refusal(auth.account.id, address);
      if (limit) return refuse(429, 'too_many_connections', '连接数过多', limit);
      c.set('session', { account: auth.account, access });
      c.set('address', address);
      await next();
    },
    upgradeWebSocket((c) => {
      let connection: Connection | null = null;
      const room = c.req.param('room') ?? '';
      const session = c.get('session');
      const address = c.get('address');
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
            {
              maxPendingMessages: ctx.config.maxPendingMessages,
              messagesPerSecond: ctx.config.messagesPerSecond,
              messageBurst: ctx.config.messageBurst,
            },
            session,
          );
          registry.add(connection, address);
          connection.start();
        },
        onMessage(event) {
          connection?.receive(event.data);
        },
        onClose() {
          if (connection) {
            connection.onClosed();
            registry.remove(connection);
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
    return c.text(
      'The client is not built: run `corepack pnpm build` (or `corepack pnpm start`, which builds it).',
      503,
    );
  });

  return { app, injectWebSocket, registry };
}
