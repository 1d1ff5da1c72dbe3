// GET /sync/<room>: the WebSocket upgrade of one room, after the room name, the token, the
// browser origin, the room rights and the connection limits are checked (400, 426, 401,
// 403, 429 before any upgrade), then one Connection per socket. Checks and wiring only;
// the connection and the room do the work.
import {
  domainError,
  ledgersChecked,
  type Principal,
  parseRoomName,
  type Room,
  roomAccess,
} from '@civic-ledger/shared';
import type { createNodeWebSocket } from '@hono/node-ws';
import type { Context, Hono } from 'hono';
import type { Accounts } from '../auth/accounts.ts';
import type { ServerConfig } from '../ops/config.ts';
import { log } from '../ops/log.ts';
import { Connection } from '../sync/connection.ts';
import type { ConnectionRegistry } from '../sync/connection-registry.ts';
import type { RoomManager } from '../sync/rooms.ts';
import type { AppEnv } from './app-env.ts';
import { authenticate } from './auth.ts';
import { addressOf } from './request-address.ts';

type UpgradeWebSocket = ReturnType<typeof createNodeWebSocket>['upgradeWebSocket'];

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

/**
 * A member asking for another committee's ledger may be its checker in a running round:
 * the rounds are read from the store first, and the account carries what it checks.
 */
async function withChecking<A extends Principal>(account: A, room: Room, rooms: RoomManager): Promise<A> {
  if (account.role !== 'member' || room.table !== 'ledger' || room.committeeId === account.committeeId) {
    return account;
  }
  await rooms.rounds.refresh();
  return { ...account, checking: ledgersChecked(rooms.rounds.activeChecks(), account.committeeId) };
}

export function mountSyncEndpoint(
  app: Hono<AppEnv>,
  deps: {
    config: ServerConfig;
    accounts: Accounts;
    rooms: RoomManager;
    registry: ConnectionRegistry;
    upgradeWebSocket: UpgradeWebSocket;
  },
): void {
  const { config, registry } = deps;
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
      const auth = await authenticate(c, deps.accounts);
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
      if (!originAllowed(c, config.allowedOrigins)) {
        return refuse(403, 'origin_not_allowed', '来源网站不被允许', 'this origin is not allowed');
      }
      const account = await withChecking(auth.account, parsed.value, deps.rooms);
      const access = roomAccess(account, parsed.value);
      if (access === 'none') return refuse(403, 'forbidden', '无权访问此表', 'no access to this room');
      const limit = registry.refusal(auth.account.id, address);
      if (limit) return refuse(429, 'too_many_connections', '连接数过多', limit);
      c.set('session', { account, access });
      c.set('address', address);
      await next();
    },
    deps.upgradeWebSocket((c) => {
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
              get bufferedAmount() {
                return (ws.raw as { bufferedAmount?: number } | undefined)?.bufferedAmount ?? 0;
              },
            },
            room,
            deps.rooms,
            {
              maxPendingMessages: config.maxPendingMessages,
              messagesPerSecond: config.messagesPerSecond,
              messageBurst: config.messageBurst,
              maxAwarenessBytes: config.maxAwarenessBytes,
              maxSendBufferBytes: config.maxSendBufferBytes,
              heldUpdates: { maxBytes: config.heldUpdateBytes, maxMs: config.heldUpdateMs },
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
}
