// Server configuration from the environment (DESIGN.md) with command-line flags that
// mirror it; flags win over the environment.
import path from 'node:path';
import { DEFAULT_MAX_MESSAGE_BYTES } from '@civic-ledger/shared';
import { DEFAULT_SNAPSHOT_SCHEDULE, parseSchedule } from '../reports/snapshot-schedule.ts';
import { DEFAULT_HELD_UPDATE_LIMITS } from '../sync/held-updates.ts';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** Seed the demo district when the store is empty. */
  demo: boolean;
  maxMessageBytes: number;
  /** How long a room with no connections stays loaded before it is stored and unloaded. */
  roomIdleMs: number;
  /** Compact a room's update log into its snapshot once it holds this many updates. */
  compactAfterUpdates: number;
  /** With REDIS_URL: how often each instance reads what others stored (lost relay messages). */
  catchUpIntervalMs: number;
  /** Messages a connection may send before its room has loaded; more closes it. */
  maxPendingMessages: number;
  messagesPerSecond: number;
  messageBurst: number;
  /** Largest awareness update (presence) a client may send; more closes it with 4413. */
  maxAwarenessBytes: number;
  /** Bytes that may wait on a socket for its reader; more closes it with 1013. */
  maxSendBufferBytes: number;
  /** Updates held while they wait for their sender's earlier changes (reconnect race). */
  heldUpdateBytes: number;
  heldUpdateMs: number;
  maxConnectionsPerUser: number;
  maxConnectionsPerAddress: number;
  /** Signing secret for tokens; made once and kept in the store when not given. */
  authSecret: string | undefined;
  tokenTtlSeconds: number;
  /** Origins allowed to open the sync socket from a browser, besides the server's own. */
  allowedOrigins: string[];
  /** How often to look for disabled or changed accounts (their sockets close). */
  userWatchMs: number;
  /** Directory of the built client served at `/`. */
  clientDir: string;
  /** Shanghai times of day of the scheduled snapshots (`SNAPSHOT_SCHEDULE`); empty: off. */
  snapshotSchedule: string[];
}

export class ConfigError extends Error {
  readonly code = 'config_invalid';
}

function scheduleOption(raw: string | undefined): string[] {
  const times = parseSchedule(raw === undefined || raw === '' ? DEFAULT_SNAPSHOT_SCHEDULE : raw);
  if (!times) {
    throw new ConfigError(
      `SNAPSHOT_SCHEDULE must be "off" or times like "16:00" or "08:00,16:00", got "${raw}"`,
    );
  }
  return times;
}

function intOption(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    throw new ConfigError(`${name} must be an integer >= ${min}, got "${raw}"`);
  }
  return n;
}

/** Reads `--name value` / `--name=value` / `--flag` from argv into a map. */
function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === undefined || !arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) {
      flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    } else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        flags.set(arg.slice(2), next);
        i++;
      } else {
        flags.set(arg.slice(2), 'true');
      }
    }
  }
  return flags;
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = process.argv.slice(2),
): ServerConfig {
  const flags = parseFlags(argv);
  const pick = (flag: string, envName: string) => flags.get(flag) ?? env[envName];
  const dataDir = path.resolve(pick('data-dir', 'DATA_DIR') ?? './data');
  const demo = !(flags.has('no-demo') || env.NO_DEMO === '1' || env.NO_DEMO === 'true');
  return {
    port: intOption('PORT', pick('port', 'PORT'), 8787, 0),
    host: pick('host', 'HOST') ?? '127.0.0.1',
    dataDir,
    databaseUrl: pick('database-url', 'DATABASE_URL') || undefined,
    redisUrl: pick('redis-url', 'REDIS_URL') || undefined,
    demo,
    maxMessageBytes: intOption(
      'MAX_MESSAGE_BYTES',
      pick('max-message-bytes', 'MAX_MESSAGE_BYTES'),
      DEFAULT_MAX_MESSAGE_BYTES,
      1024,
    ),
    roomIdleMs: intOption('ROOM_IDLE_MS', pick('room-idle-ms', 'ROOM_IDLE_MS'), 30_000, 0),
    compactAfterUpdates: intOption(
      'COMPACT_AFTER_UPDATES',
      pick('compact-after-updates', 'COMPACT_AFTER_UPDATES'),
      500,
      1,
    ),
    catchUpIntervalMs: intOption(
      'CATCH_UP_INTERVAL_MS',
      pick('catch-up-interval-ms', 'CATCH_UP_INTERVAL_MS'),
      2000,
      50,
    ),
    maxPendingMessages: 256,
    messagesPerSecond: intOption(
      'MESSAGES_PER_SECOND',
      pick('messages-per-second', 'MESSAGES_PER_SECOND'),
      200,
      1,
    ),
    messageBurst: intOption('MESSAGE_BURST', pick('message-burst', 'MESSAGE_BURST'), 1000, 1),
    // A name, a colour and the cell being edited take a few hundred bytes.
    maxAwarenessBytes: intOption(
      'MAX_AWARENESS_BYTES',
      pick('max-awareness-bytes', 'MAX_AWARENESS_BYTES'),
      4096,
      256,
    ),
    // Several whole-room answers (a big room's sync step 2) fit; a reader stuck for long does not.
    maxSendBufferBytes: intOption(
      'MAX_SEND_BUFFER_BYTES',
      pick('max-send-buffer-bytes', 'MAX_SEND_BUFFER_BYTES'),
      8 * 1024 * 1024,
      64 * 1024,
    ),
    heldUpdateBytes: intOption(
      'HELD_UPDATE_BYTES',
      pick('held-update-bytes', 'HELD_UPDATE_BYTES'),
      DEFAULT_HELD_UPDATE_LIMITS.maxBytes,
      0,
    ),
    heldUpdateMs: intOption(
      'HELD_UPDATE_MS',
      pick('held-update-ms', 'HELD_UPDATE_MS'),
      DEFAULT_HELD_UPDATE_LIMITS.maxMs,
      0,
    ),
    maxConnectionsPerUser: intOption(
      'MAX_CONNECTIONS_PER_USER',
      pick('max-connections-per-user', 'MAX_CONNECTIONS_PER_USER'),
      // A browser tab holds one socket per room it shows: the live totals of a whole
      // district are ~35 rooms, and an office user keeps a few tabs open.
      200,
      1,
    ),
    maxConnectionsPerAddress: intOption(
      'MAX_CONNECTIONS_PER_ADDRESS',
      pick('max-connections-per-address', 'MAX_CONNECTIONS_PER_ADDRESS'),
      // An office behind one address: a dozen people with the district open.
      2000,
      1,
    ),
    authSecret: pick('auth-secret', 'AUTH_SECRET') || undefined,
    tokenTtlSeconds: intOption(
      'TOKEN_TTL_SECONDS',
      pick('token-ttl-seconds', 'TOKEN_TTL_SECONDS'),
      12 * 3600,
      60,
    ),
    allowedOrigins: (pick('allowed-origins', 'ALLOWED_ORIGINS') ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    userWatchMs: intOption('USER_WATCH_MS', pick('user-watch-ms', 'USER_WATCH_MS'), 1000, 50),
    clientDir: path.resolve(
      pick('client-dir', 'CLIENT_DIR') ?? path.join(import.meta.dirname, '../../../client/dist'),
    ),
    snapshotSchedule: scheduleOption(pick('snapshot-schedule', 'SNAPSHOT_SCHEDULE')),
  };
}
