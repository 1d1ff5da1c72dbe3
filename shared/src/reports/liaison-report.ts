// The liaison daily report (联络员日报): for each office liaison and one Shanghai day, the
// issues they found, the issues they wrote off themselves, and the issues they found that
// are still not written off at the end of that day, read from the ledger.

import { closedOn, foundOn } from '../rules/issue-dates.ts';
import type { RowValues } from '../schema/fields.ts';
import { textOf } from '../schema/row-values.ts';

export interface LiaisonDay {
  readonly personId: string;
  readonly name: string;
  /** The committee the liaison is paired with, if any. */
  readonly committeeId: string | null;
  readonly date: string;
  /** Issues the liaison found that day (`foundBy`, `foundAt`). */
  readonly found: readonly string[];
  /**
   * Issues the liaison wrote off that day: status closed, `closedAt` that day and
   * `verifiedBy` the liaison. Write-offs the office made in the liaison's committee, or of
   * issues the liaison found, are the office's, not the liaison's.
   */
  readonly resolved: readonly string[];
  /**
   * Issues the liaison found on or before that day that were not written off by its end:
   * not closed now, or closed on a later day.
   */
  readonly unresolved: readonly string[];
}

interface Findings {
  found: string[];
  resolved: string[];
  unresolved: string[];
}

const empty = (): Findings => ({ found: [], resolved: [], unresolved: [] });

/** Still open at the end of `date`: not written off, or written off only after that day. */
function openAtEndOf(row: Readonly<RowValues>, date: string): boolean {
  const closed = closedOn(row);
  return closed === null || closed > date;
}

/**
 * One entry per person whose role is `liaison`, with or without anything to report, by
 * committee then name; row ids within an entry are in ledger order.
 */
export function liaisonDailyReport(
  ledger: readonly Readonly<RowValues>[],
  people: readonly Readonly<RowValues>[],
  date: string,
): LiaisonDay[] {
  const liaisons = people.filter((p) => p.role === 'liaison');
  const byPerson = new Map<string, Findings>();
  for (const p of liaisons) byPerson.set(String(p.id), empty());
  for (const row of ledger) {
    const id = String(row.id);
    const finder = byPerson.get(textOf(row, 'foundBy') ?? '');
    if (finder) {
      const found = foundOn(row);
      if (found === date) finder.found.push(id);
      if (found !== null && found <= date && openAtEndOf(row, date)) finder.unresolved.push(id);
    }
    const verifier = byPerson.get(textOf(row, 'verifiedBy') ?? '');
    if (verifier && closedOn(row) === date) verifier.resolved.push(id);
  }
  return liaisons
    .map((p) => {
      const entry = byPerson.get(String(p.id)) ?? empty();
      return {
        personId: String(p.id),
        name: textOf(p, 'name') ?? String(p.id),
        committeeId: textOf(p, 'committeeId'),
        date,
        found: entry.found,
        resolved: entry.resolved,
        unresolved: entry.unresolved,
      };
    })
    .sort((a, b) => {
      const ca = a.committeeId ?? '\uffff';
      const cb = b.committeeId ?? '\uffff';
      if (ca !== cb) return ca < cb ? -1 : 1;
      return a.name.localeCompare(b.name, 'zh-CN');
    });
}
