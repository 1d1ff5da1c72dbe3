// Checks a writer's update against the shared change rules before the room applies it:
// plan (where each struct lands, and whether its content may stand there), scratch copy
// (only what the update can reach), verdict (try it there; the rules decide).
import type { ActiveCheck, Principal, Room as RoomName, RowChange } from '@civic-ledger/shared';
import * as Y from 'yjs';
import { log } from '../../ops/log.ts';
import { isRefusal, type Refusal } from '../refusal.ts';
import { judgeCellSets } from './cell-sets.ts';
import { buildScratch, emptyScratch } from './scratch-doc.ts';
import type { DecodedUpdate } from './update-check.ts';
import { malformed, planUpdate } from './update-plan.ts';
import { verdict } from './verdict.ts';

export class UpdateGuard {
  constructor(
    private readonly live: Y.Doc,
    private readonly room: RoomName,
    /** Who checks whom now, read at each check (a round may end between two updates). */
    private readonly checks?: () => readonly ActiveCheck[],
  ) {}

  /** Nothing is kept between checks; kept for the room's lifecycle. */
  dispose(): void {}

  /**
   * The row changes to audit, or the refusal: judged from the structs alone when the update
   * only sets fields of existing rows (cell-sets.ts), else on a scratch copy. `decoded` is the update as `checkUpdate`
   * decoded it (it must have passed that check).
   */
  check(update: Uint8Array, principal: Principal, decoded?: DecodedUpdate): RowChange[] | Refusal {
    let structs = decoded;
    try {
      structs ??= Y.decodeUpdate(update) as DecodedUpdate;
      const fast = judgeCellSets(this.live, this.room, principal, structs, this.checks?.());
      if (fast !== null) return fast;
    } catch {
      // The scratch copy meets the same trouble and names it.
    }
    return this.checkOnScratch(update, principal, structs);
  }

  /** The verdict from a scratch copy, whatever the update does (the fast path's reference). */
  checkOnScratch(update: Uint8Array, principal: Principal, decoded?: DecodedUpdate): RowChange[] | Refusal {
    let scratch: Y.Doc | null = null;
    try {
      const plan = planUpdate(this.live, decoded ?? (Y.decodeUpdate(update) as DecodedUpdate));
      if (isRefusal(plan)) return plan;
      scratch = buildScratch(this.live, plan);
      if (scratch.store.pendingStructs || scratch.store.pendingDs) {
        // Cannot happen for a room whose items were all checked here; stay correct anyway.
        log.warn('update guard: partial copy incomplete, checking on a whole copy', { room: this.room.name });
        scratch.destroy();
        scratch = emptyScratch();
        Y.applyUpdate(scratch, Y.encodeStateAsUpdate(this.live));
      }
      return verdict(scratch, update, {
        live: this.live,
        room: this.room,
        principal,
        written: plan.written,
        checks: this.checks?.(),
      });
    } catch (err) {
      return malformed(`update failed on the scratch copy: ${String(err)}`, '更新无法应用');
    } finally {
      scratch?.destroy();
    }
  }
}
