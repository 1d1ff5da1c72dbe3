// The closure-loop figures of the totals: 结案率 and 按期结案率 per GB/T 30428 (over 应结案数,
// parked issues left out and counted on their own), the rework rate, extensions, the
// deadline lights and escalation. Each keeps the ids of its rows, like every figure.

import { type DeadlineLight, deadlineLight, isEscalated } from '../rules/deadline-light.ts';
import { deadlineOf, isClosedOnTime } from '../rules/deadlines.ts';
import { hasExtensionRequest } from '../rules/issue-extensions.ts';
import type { RowValues } from '../schema/fields.ts';
import { numberOf } from '../schema/row-values.ts';
import { ratio, tally } from './tally.ts';

/** The lists behind the closure-loop figures (GB/T 30428 rates, parking, extensions, lights). */
interface LoopLists {
  readonly parked: string[];
  readonly due: string[];
  readonly closedDue: string[];
  readonly onTimeDue: string[];
  readonly sentBack: string[];
  readonly checked: string[];
  readonly extended: string[];
  readonly extensionRequests: string[];
  readonly lights: Record<DeadlineLight, string[]>;
  readonly escalated: string[];
}

export function newLoopLists(): LoopLists {
  return {
    parked: [],
    due: [],
    closedDue: [],
    onTimeDue: [],
    sentBack: [],
    checked: [],
    extended: [],
    extensionRequests: [],
    lights: { green: [], yellow: [], red: [] },
    escalated: [],
  };
}

export function addToLoop(
  lists: LoopLists,
  id: string,
  row: Readonly<RowValues>,
  today: string,
  now: Date,
): void {
  const status = row.status;
  if (status === 'parked') lists.parked.push(id);
  else {
    const deadline = deadlineOf(row);
    const passed = deadline !== null && today > deadline;
    if (status === 'closed' || passed) lists.due.push(id);
    if (status === 'closed') {
      lists.closedDue.push(id);
      if (isClosedOnTime(row)) lists.onTimeDue.push(id);
    }
  }
  const sentBack = (numberOf(row, 'reworks') ?? 0) > 0;
  if (sentBack) lists.sentBack.push(id);
  if (sentBack || status === 'closed' || status === 'reopened' || (numberOf(row, 'recurrences') ?? 0) > 0) {
    lists.checked.push(id);
  }
  if ((numberOf(row, 'extensions') ?? 0) > 0) lists.extended.push(id);
  if (hasExtensionRequest(row)) lists.extensionRequests.push(id);
  const light = deadlineLight(row, now);
  if (light !== null) lists.lights[light].push(id);
  if (isEscalated(row, now)) lists.escalated.push(id);
}

export function loopFigures(lists: LoopLists) {
  const due = tally(lists.due);
  return {
    parked: tally(lists.parked),
    dueToClose: due,
    closeRate: ratio(tally(lists.closedDue), due),
    onTimeCloseRate: ratio(tally(lists.onTimeDue), due),
    reworkRate: ratio(tally(lists.sentBack), tally(lists.checked)),
    extended: tally(lists.extended),
    extensionRequests: tally(lists.extensionRequests),
    lights: {
      green: tally(lists.lights.green),
      yellow: tally(lists.lights.yellow),
      red: tally(lists.lights.red),
    },
    escalated: tally(lists.escalated),
  };
}
