// Filling a gap: who of the site's committee could take the slot (free people first), and
// the roster row that takes it, built by the shared `shiftForGap`.
import {
  busyPeople,
  type CoverageSite,
  type DomainError,
  ok,
  type Result,
  type RosterRole,
  type RowValues,
  shiftForGap,
  type TimeSlot,
  textOf,
} from '@civic-ledger/shared';

export interface ShiftCandidate {
  readonly id: string;
  readonly name: string;
  /** Already on a staffed shift that day whose hours overlap the slot. */
  readonly busy: boolean;
  readonly volunteer: boolean;
}

/**
 * The people of `committeeId` for a slot: free before busy (a busy one would be a double
 * booking), registered volunteers first, then by name.
 */
export function shiftCandidates(
  people: readonly Readonly<RowValues>[],
  roster: readonly Readonly<RowValues>[],
  committeeId: string,
  date: string,
  slot: TimeSlot,
): ShiftCandidate[] {
  const busy = busyPeople(roster, date, slot);
  return people
    .filter((p) => p.committeeId === committeeId)
    .map((p) => {
      const id = String(p.id);
      return { id, name: textOf(p, 'name') ?? id, busy: busy.has(id), volunteer: p.volunteer === true };
    })
    .sort(
      (a, b) =>
        Number(a.busy) - Number(b.busy) ||
        Number(b.volunteer) - Number(a.volunteer) ||
        a.name.localeCompare(b.name, 'zh-CN') ||
        (a.id < b.id ? -1 : 1),
    );
}

/** The one to offer first: the first free candidate, if any. */
export function suggestedCandidate(candidates: readonly ShiftCandidate[]): ShiftCandidate | null {
  return candidates.find((c) => !c.busy) ?? null;
}

/**
 * The roster row (and its room) that fills the gap at `site` on `date` in `slot`, with the
 * person (and their phone) when one is chosen; without one it is an open shift.
 */
export function gapShift(
  site: Pick<CoverageSite, 'id' | 'committeeId'>,
  date: string,
  slot: TimeSlot,
  role: RosterRole,
  person: Readonly<RowValues> | null,
): Result<{ room: string; values: RowValues }, DomainError> {
  const made = shiftForGap(site, date, slot, role);
  if (!made.ok || person === null) return made;
  const phone = textOf(person, 'phone');
  return ok({
    room: made.value.room,
    values: { ...made.value.values, person: String(person.id), ...(phone ? { phone } : {}) },
  });
}
