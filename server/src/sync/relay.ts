// Carries document updates and awareness between server instances over Redis pub/sub.
// Redis is a relay, never the record: a message lost here is made good by each
// instance catching up from the store (on an interval and whenever Redis reconnects).
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { log } from '../ops/log.ts';

export type RelayKind = 'update' | 'awareness';
const KIND_CODE: Record<RelayKind, number> = { update: 0, awareness: 1 };

export type RelayHandler = (kind: RelayKind, payload: Uint8Array) => void;

export interface Relay {
  readonly instanceId: string;
  subscribe(room: string, handler: RelayHandler): Promise<void>;
  unsubscribe(room: string): Promise<void>;
  publish(room: string, kind: RelayKind, payload: Uint8Array): void;
  /** Called after the connection to Redis came back: what was sent meanwhile is lost. */
  onReconnect(listener: () => void): void;
  readonly status: string;
  readonly counters: { published: number; received: number; publishFailed: number };
  close(): Promise<void>;
}

const CHANNEL_PREFIX = 'civic-ledger:room:';

export function encodeRelayMessage(instanceId: string, kind: RelayKind, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, instanceId);
  encoding.writeVarUint(encoder, KIND_CODE[kind]);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export function decodeRelayMessage(
  message: Uint8Array,
): { instanceId: string; kind: RelayKind; payload: Uint8Array } | null {
  try {
    const decoder = decoding.createDecoder(message);
    const instanceId = decoding.readVarString(decoder);
    const code = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (decoder.pos > message.length) return null;
    const kind: RelayKind | null = code === 0 ? 'update' : code === 1 ? 'awareness' : null;
    return kind ? { instanceId, kind, payload } : null;
  } catch {
    return null;
  }
}

export class RedisRelay implements Relay {
  readonly instanceId = randomUUID();
  readonly counters = { published: 0, received: 0, publishFailed: 0 };
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, RelayHandler>();
  private readonly reconnectListeners: Array<() => void> = [];
  private wasReady = false;

  constructor(url: string) {
    const options = {
      maxRetriesPerRequest: 1,
      retryStrategy: (times: number) => Math.min(times * 200, 2000),
    };
    // Publishing while Redis is away fails fast instead of queueing: the store covers it.
    this.pub = new Redis(url, { ...options, enableOfflineQueue: false, lazyConnect: true });
    this.sub = new Redis(url, { ...options, lazyConnect: true });
    for (const [name, client] of [
      ['publisher', this.pub],
      ['subscriber', this.sub],
    ] as const) {
      client.on('error', (err: Error) => log.warn('redis error', { client: name, error: err.message }));
    }
    this.sub.on('ready', () => {
      if (this.wasReady) {
        log.info('redis reconnected: catching up from the store');
        for (const listener of this.reconnectListeners) listener();
      }
      this.wasReady = true;
    });
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      const room = channel.toString('utf8').slice(CHANNEL_PREFIX.length);
      const handler = this.handlers.get(room);
      if (!handler) return;
      const decoded = decodeRelayMessage(
        new Uint8Array(message.buffer, message.byteOffset, message.byteLength),
      );
      if (!decoded || decoded.instanceId === this.instanceId) return;
      this.counters.received++;
      handler(decoded.kind, decoded.payload);
    });
  }

  async connect(): Promise<void> {
    await Promise.all([this.pub.connect(), this.sub.connect()]);
  }

  get status(): string {
    return this.sub.status === 'ready' && this.pub.status === 'ready'
      ? 'ready'
      : `${this.sub.status}/${this.pub.status}`;
  }

  async subscribe(room: string, handler: RelayHandler): Promise<void> {
    this.handlers.set(room, handler);
    try {
      await this.sub.subscribe(CHANNEL_PREFIX + room);
    } catch (err) {
      // ioredis subscribes again on reconnect; until then the store catch-up covers us.
      log.warn('redis subscribe failed', { room, error: err instanceof Error ? err.message : String(err) });
    }
  }

  async unsubscribe(room: string): Promise<void> {
    this.handlers.delete(room);
    await this.sub.unsubscribe(CHANNEL_PREFIX + room).catch(() => {});
  }

  publish(room: string, kind: RelayKind, payload: Uint8Array): void {
    const message = encodeRelayMessage(this.instanceId, kind, payload);
    this.pub
      .publish(CHANNEL_PREFIX + room, Buffer.from(message.buffer, message.byteOffset, message.byteLength))
      .then(
        () => {
          this.counters.published++;
        },
        () => {
          this.counters.publishFailed++;
        },
      );
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  async close(): Promise<void> {
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
