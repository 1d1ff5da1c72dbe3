// Updates of one connection that wait for what they build on. A client that edited
// offline and reconnects may send a live edit before its sync step 2 (the edits it made
// offline) reaches the server: that edit then misses the sender's own earlier changes.
// This is the normal reconnect race, not an attack, so such an update is held, within
// bounds of bytes and time, and applied through the same checks as soon as this
// connection sends what it builds on. What misses changes of other clients, arrives
// after the connection's sync step 2 (which carries everything the client had), or is
// still incomplete at the bound is refused as before.
import { CloseCode } from '@civic-ledger/shared';
import { metrics } from '../ops/metrics.ts';
import type { MissingChanges } from './missing-changes.ts';
import { type Refusal, updateRejected } from './refusal.ts';

export interface HeldUpdateLimits {
  /** Bytes of updates one connection may have waiting (default 1 MiB). */
  maxBytes: number;
  /** How long an update may wait for what it builds on (default 10 s). */
  maxMs: number;
}

export const DEFAULT_HELD_UPDATE_LIMITS: HeldUpdateLimits = { maxBytes: 1024 * 1024, maxMs: 10_000 };

/** What the held updates need from the room, on behalf of one connection. */
export interface HeldUpdateTarget {
  /** Applies an update whole, after every check, or refuses it (the room's applyClientUpdate). */
  apply(update: Uint8Array): Refusal | null;
  /** Who wrote the update and whose changes it lacks; null when it does not decode. */
  inspect(update: Uint8Array): { authors: ReadonlySet<number>; missing: MissingChanges } | null;
  /** First clock of a client the room does not have yet. */
  stateOf(client: number): number;
  /** Awareness client ids this connection announced (its own client, normally). */
  ownClients(): Iterable<number>;
}

interface Held {
  update: Uint8Array;
  since: number;
  authors: ReadonlySet<number>;
  missing: MissingChanges;
  reason: string;
}

function describe(missing: MissingChanges): string {
  const [client, clock] = missing.entries().next().value ?? [0, 0];
  return `update misses earlier changes of client ${client} (needs clock ${clock})`;
}

export class HeldUpdates {
  private held: Held[] = [];
  private bytes = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Set once the connection's sync step 2 applied: nothing after it is explained by the handshake. */
  private handshakeDone = false;
  private settledWaiters: Array<() => void> = [];
  private disposed = false;

  constructor(
    private readonly limits: HeldUpdateLimits,
    private readonly target: HeldUpdateTarget,
    /** A held update was refused later (bound reached): the connection closes. */
    private readonly onRefused: (refusal: Refusal) => void,
  ) {}

  get count(): number {
    return this.held.length;
  }

  /**
   * Applies, holds or refuses an update from the connection. `step2` marks the client's
   * answer to the server's sync step 1, which must be complete by itself.
   */
  submit(update: Uint8Array, step2: boolean): Refusal | null {
    const refused = this.target.apply(update);
    if (!refused) {
      const drained = this.drain();
      if (drained) return drained;
      if (step2) {
        this.handshakeDone = true;
        const left = this.held[0];
        if (left) return updateRejected(`${left.reason}, still after the sync step 2`);
      }
      return null;
    }
    // Only an update that lacks what it builds on (4409) may be waiting for its sender.
    if (refused.code !== CloseCode.updateRejected || step2 || this.handshakeDone) return refused;
    const info = this.target.inspect(update);
    if (!info || info.missing.size === 0) return refused;
    const own = new Set<number>([...info.authors, ...this.target.ownClients()]);
    for (const h of this.held) for (const a of h.authors) own.add(a);
    for (const client of info.missing.keys()) if (!own.has(client)) return refused;
    if (this.bytes + update.byteLength > this.limits.maxBytes) {
      return updateRejected(
        `more than ${this.limits.maxBytes} bytes of updates wait for earlier changes (${describe(info.missing)})`,
      );
    }
    this.held.push({
      update,
      since: performance.now(),
      authors: info.authors,
      missing: info.missing,
      reason: describe(info.missing),
    });
    this.bytes += update.byteLength;
    metrics.updatesHeld++;
    this.arm();
    return null;
  }

  /** Runs `fn` once nothing is held (now, if nothing is). */
  whenSettled(fn: () => void): void {
    if (this.held.length === 0) fn();
    else this.settledWaiters.push(fn);
  }

  dispose(): void {
    this.disposed = true;
    this.held = [];
    this.bytes = 0;
    this.settledWaiters = [];
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Applies every held update whose missing changes have arrived, until none moves. */
  private drain(): Refusal | null {
    let progress = this.held.length > 0;
    while (progress) {
      progress = false;
      for (const h of [...this.held]) {
        if (!this.mayHaveArrived(h)) continue;
        const refused = this.target.apply(h.update);
        if (!refused) {
          this.held.splice(this.held.indexOf(h), 1);
          this.bytes -= h.update.byteLength;
          progress = true;
        } else if (refused.code !== CloseCode.updateRejected) {
          return refused;
        } else {
          const info = this.target.inspect(h.update);
          if (info) h.missing = info.missing;
        }
      }
    }
    if (this.held.length === 0) this.settle();
    return null;
  }

  /** Whether the room now has any change the held update was waiting for. */
  private mayHaveArrived(h: Held): boolean {
    for (const [client, clock] of h.missing) if (this.target.stateOf(client) > clock) return true;
    return false;
  }

  private settle(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const waiters = this.settledWaiters;
    this.settledWaiters = [];
    for (const fn of waiters) fn();
  }

  private arm(): void {
    if (this.timer || this.disposed) return;
    const oldest = this.held[0];
    if (!oldest) return;
    const wait = Math.max(0, oldest.since + this.limits.maxMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      const first = this.held[0];
      if (!first || this.disposed) return;
      if (performance.now() - first.since >= this.limits.maxMs) {
        const seconds = Math.round(this.limits.maxMs / 100) / 10;
        this.onRefused(updateRejected(`${first.reason}, still after ${seconds} s`));
        this.dispose();
      } else this.arm();
    }, wait);
    this.timer.unref?.();
  }
}
