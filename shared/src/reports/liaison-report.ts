// The liaison daily report (联络员日报): for each office liaison and one Shanghai day, the
// issues they found and the issues resolved, read from the ledger.

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
   * Issues written off that day (`closedAt`, status closed) in the liaison's committee,
   * or elsewhere if the liaison found or verified them.
   */
  readonly resolved: readonly string[];
}

interface Findings {
  found: string[];
  resolved: string[];
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
  const byCommittee = new Map<string, Findings[]>();
  for (const p of liaisons) {
    const entry: Findings = { found: [], resolved: [] };
    byPerson.set(String(p.id), entry);
    const committee = textOf(p, 'committeeId');
    if (committee !== null) byCommittee.set(committee, [...(byCommittee.get(committee) ?? []), entry]);
  }
  for (const row of ledger) {
    const id = String(row.id);
    const finder = byPerson.get(textOf(row, 'foundBy') ?? '');
    if (finder && foundOn(row) === date) finder.found.push(id);
    if (closedOn(row) !== date) continue;
    const resolvers = new Set(byCommittee.get(textOf(row, 'committeeId') ?? '') ?? []);
    if (finder) resolvers.add(finder);
    const verifier = byPerson.get(textOf(row, 'verifiedBy') ?? '');
    if (verifier) resolvers.add(verifier);
    for (const r of resolvers) r.resolved.push(id);
  }
  return liaisons
    .map((p) => {
      const entry = byPerson.get(String(p.id)) ?? { found: [], resolved: [] };
      return {
        personId: String(p.id),
        name: textOf(p, 'name') ?? String(p.id),
        committeeId: textOf(p, 'committeeId'),
        date,
        found: entry.found,
        resolved: entry.resolved,
      };
    })
    .sort((a, b) => {
      const ca = a.committeeId ?? '\uffff';
      const cb = b.committeeId ?? '\uffff';
      if (ca !== cb) return ca < cb ? -1 : 1;
      return a.name.localeCompare(b.name, 'zh-CN');
    });
}
