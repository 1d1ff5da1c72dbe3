// The relay between server instances, in memory: each instance's MemoryRelay publishes
// into one hub, where messages wait until a test (or the network) delivers or drops
// them, as Redis pub/sub may lose them. What is lost, the store's catch-up makes good.
import type { Relay, RelayHandler, RelayKind } from '../relay.ts';

export interface RelayMessage {
  from: MemoryRelay;
  to: MemoryRelay;
  room: string;
  kind: RelayKind;
  payload: Uint8Array;
}

export class MemoryRelayHub {
  readonly relays: MemoryRelay[] = [];
  /** Published, not yet delivered, oldest first. */
  readonly queue: RelayMessage[] = [];
  dropped = 0;

  /** A relay for one more instance. */
  connect(): MemoryRelay {
    const relay = new MemoryRelay(this, `instance-${this.relays.length + 1}`);
    this.relays.push(relay);
    return relay;
  }

  /** Delivers the message at `index` of the queue (the oldest by default). */
  deliver(index = 0): void {
    const [m] = this.queue.splice(index, 1);
    if (m) m.to.receive(m.room, m.kind, m.payload);
  }

  /** Loses the message at `index` of the queue, as a Redis blip would. */
  drop(index = 0): void {
    if (this.queue.splice(index, 1).length > 0) this.dropped++;
  }

  /** Delivers until nothing is queued. */
  flush(): void {
    while (this.queue.length > 0) this.deliver();
  }
}

export class MemoryRelay implements Relay {
  readonly counters = { published: 0, received: 0, publishFailed: 0 };
  status = 'ready';
  private readonly handlers = new Map<string, RelayHandler>();
  private readonly reconnectListeners: Array<() => void> = [];

  constructor(
    private readonly hub: MemoryRelayHub,
    readonly instanceId: string,
  ) {}

  async subscribe(room: string, handler: RelayHandler): Promise<void> {
    this.handlers.set(room, handler);
  }

  async unsubscribe(room: string): Promise<void> {
    this.handlers.delete(room);
  }

  publish(room: string, kind: RelayKind, payload: Uint8Array): void {
    this.counters.published++;
    // Like Redis pub/sub: a message reaches the instances subscribed when it is sent.
    for (const to of this.hub.relays) {
      if (to !== this && to.handlers.has(room)) this.hub.queue.push({ from: this, to, room, kind, payload });
    }
  }

  receive(room: string, kind: RelayKind, payload: Uint8Array): void {
    const handler = this.handlers.get(room);
    if (!handler) return;
    this.counters.received++;
    handler(kind, payload);
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  /** As after Redis came back: the instance catches every loaded room up from the store. */
  reconnected(): void {
    for (const listener of this.reconnectListeners) listener();
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
