// The values a new row starts with when someone presses "add row": every required field
// filled with something sensible, so the row is valid at once and can be edited in place.
import {
  type DeadlineRules,
  defaultDeadline,
  nowIsoShanghai,
  type TableName,
  todayInShanghai,
} from '@civic-ledger/shared';

export interface NewRowContext {
  readonly table: TableName;
  /** The committee whose room the row goes into (ledger, roster) or belongs to (sites). */
  readonly committeeId: string | null;
  /** The first site of that committee, for tables that need a site. */
  readonly siteId: string | null;
  readonly now: Date;
  /** Placeholder text in the interface language. */
  readonly placeholder: string;
  /** The office's deadline rules from the ledger's meta (see `deadlineRulesOf`). */
  readonly deadlineRules?: DeadlineRules;
}

/** Null when the row cannot be made (e.g. a ledger row for a committee with no site). */
export function newRowValues(
  ctx: NewRowContext,
  random: () => number = Math.random,
): Record<string, unknown> | null {
  switch (ctx.table) {
    case 'ledger': {
      if (!ctx.committeeId || !ctx.siteId) return null;
      const category = 'street_rubbish';
      const foundAt = nowIsoShanghai(ctx.now);
      return {
        committeeId: ctx.committeeId,
        siteId: ctx.siteId,
        category,
        description: ctx.placeholder,
        source: 'self_check',
        foundAt,
        deadline: defaultDeadline(category, foundAt, ctx.deadlineRules),
        status: 'open',
        recurrences: 0,
      };
    }
    case 'roster':
      if (!ctx.committeeId || !ctx.siteId) return null;
      return {
        committeeId: ctx.committeeId,
        siteId: ctx.siteId,
        date: todayInShanghai(ctx.now),
        start: '08:00',
        end: '12:00',
        role: 'volunteer',
        status: 'scheduled',
      };
    case 'sites':
      if (!ctx.committeeId) return null;
      return { name: ctx.placeholder, kind: 'residential_compound', committeeId: ctx.committeeId };
    case 'committees': {
      // Committee ids name rooms and cannot change later; a random one is safe to rename by label.
      const suffix = Array.from({ length: 6 }, () => Math.floor(random() * 36).toString(36)).join('');
      return { id: `c-${suffix}`, name: ctx.placeholder };
    }
    case 'people':
      return { name: ctx.placeholder, role: 'resident', volunteer: false };
    case 'checks':
      // A check row needs its round's pair and checklist: made on the round's page, not here.
      return null;
  }
}

/**
 * What each table's pasted new row keeps of `newRowValues`: the bookkeeping of a new row
 * (its committee, how it starts in the workflow). What describes the row (a site, a
 * category, a description, a name) must come from the paste, or the row is refused as
 * incomplete rather than filled with a placeholder.
 */
const PASTE_KEEPS: Readonly<Record<TableName, readonly string[]>> = {
  ledger: ['committeeId', 'source', 'foundAt', 'status', 'recurrences'],
  roster: ['committeeId', 'status'],
  sites: ['committeeId'],
  committees: ['id'],
  people: ['volunteer'],
  // No row of a check round is made by pasting (newRowValues makes none).
  checks: [],
};

/** The values a row added by pasting past the last row starts with, before its pasted cells. */
export function pastedRowValues(
  ctx: Omit<NewRowContext, 'siteId' | 'placeholder'>,
  random: () => number = Math.random,
): Record<string, unknown> | null {
  const keeps = PASTE_KEEPS[ctx.table];
  // The site is not kept, so any site lets the defaults be made.
  const all = newRowValues({ ...ctx, siteId: 'pasted', placeholder: '' }, random);
  if (!all) return null;
  return Object.fromEntries(Object.entries(all).filter(([key]) => keeps.includes(key)));
}
