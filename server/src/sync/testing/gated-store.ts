// A MemoryStore whose appends a test can hold (to see what waits for the commit) or fail
// (to see how a room copes with a store that refuses a write), and whose reads can fail.
import type { AuditEntry } from '../../store/audit-store.ts';
import { MemoryStore } from '../../store/memory/memory-store.ts';
import type { StoredRoom } from '../../store/room-log-store.ts';

export class GatedStore extends MemoryStore {
  /** Appends waiting for `release()`. */
  private held: Array<() => void> = [];
  private holding = false;
  private failures = 0;
  appendCalls = 0;
  /** While set, every room load fails. */
  failLoads = false;
  loadCalls = 0;

  /** Appends from now on wait until `release()`. */
  hold(): void {
    this.holding = true;
  }

  /** Lets every held append go on (and those after it). */
  release(): void {
    this.holding = false;
    for (const go of this.held.splice(0)) go();
  }

  /** The next `n` appends fail without storing anything. */
  failNext(n = 1): void {
    this.failures += n;
  }

  get heldCount(): number {
    return this.held.length;
  }

  override async loadRoom(room: string): Promise<StoredRoom> {
    this.loadCalls++;
    if (this.failLoads) throw new Error('store unreadable (test)');
    return super.loadRoom(room);
  }

  override async appendUpdates(
    room: string,
    updates: readonly Uint8Array[],
    audit?: readonly AuditEntry[],
  ): Promise<number> {
    this.appendCalls++;
    if (this.holding) await new Promise<void>((resolve) => this.held.push(resolve));
    if (this.failures > 0) {
      this.failures--;
      throw new Error('store unavailable (test)');
    }
    return super.appendUpdates(room, updates, audit);
  }
}
