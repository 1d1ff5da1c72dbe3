// Which room an import writes into: the view's only room, or, in a view over every
// committee, the committee the person picks (no import goes to "all committees").
import { parseRoomName } from '@civic-ledger/shared';

export interface ImportTarget {
  readonly room: string;
  /** The committee of a ledger or roster room; null for a registry. */
  readonly committeeId: string | null;
}

/** The rooms of a view an import may go into, in the view's order. */
export function importTargets(rooms: readonly string[]): ImportTarget[] {
  return rooms.flatMap((name) => {
    const parsed = parseRoomName(name);
    return parsed.ok ? [{ room: name, committeeId: parsed.value.committeeId ?? null }] : [];
  });
}

/** The room to start with: the only one, else the committee already chosen in the toolbar. */
export function defaultTarget(targets: readonly ImportTarget[], committeeId: string | null): string | null {
  if (targets.length === 1) return targets[0]?.room ?? null;
  return targets.find((t) => committeeId !== null && t.committeeId === committeeId)?.room ?? null;
}
