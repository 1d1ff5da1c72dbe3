// The rows of the totals tables: committee × status, and a count per option of a field
// (category, source), labelled in the chosen language from the shared schema.
import {
  LEDGER_STATUSES,
  type Locale,
  localize,
  NO_VALUE,
  type SelectOption,
  type Tally,
  type Totals,
} from '@civic-ledger/shared';

export interface CountRow {
  /** The stored value (or `NO_VALUE`). */
  readonly value: string;
  readonly label: string;
  readonly tally: Tally;
  /** Of all issues counted; null when there are none. */
  readonly share: number | null;
}

/** One row per option (zero counts too), then any other value seen, then rows with no value. */
export function optionRows(
  tallies: Readonly<Record<string, Tally>>,
  options: readonly SelectOption[],
  locale: Locale,
  noValueLabel: string,
): CountRow[] {
  const all = Object.values(tallies).reduce((n, t) => n + t.count, 0);
  const labelOf = (value: string): string => {
    if (value === NO_VALUE) return noValueLabel;
    const option = options.find((o) => o.value === value);
    return option ? localize(option.label, locale) : value;
  };
  const known = options.map((o) => o.value);
  const others = Object.keys(tallies)
    .filter((v) => !known.includes(v) && v !== NO_VALUE)
    .sort();
  const order = [...known, ...others, ...(NO_VALUE in tallies ? [NO_VALUE] : [])];
  return order.map((value) => {
    const tally = tallies[value] ?? { count: 0, ids: [] };
    return { value, label: labelOf(value), tally, share: all > 0 ? tally.count / all : null };
  });
}

export interface CommitteeStatusRow {
  readonly committeeId: string;
  readonly name: string;
  readonly byStatus: Readonly<Record<string, Tally>>;
  /** Every issue of the committee. */
  readonly found: Tally;
}

/** The status columns: the workflow's statuses, then any other value the ledger holds. */
export function statusColumns(totals: Totals): string[] {
  const known: string[] = LEDGER_STATUSES.map((s) => s.value);
  const seen = new Set(Object.keys(totals.byStatus));
  return [...known, ...[...seen].filter((s) => !known.includes(s)).sort()];
}

/** One row per committee in the totals, with its name. */
export function committeeStatusRows(totals: Totals, nameOf: (id: string) => string): CommitteeStatusRow[] {
  const found = new Map(totals.ranking.map((s) => [s.committeeId, s.found]));
  return Object.entries(totals.byCommitteeStatus).map(([committeeId, byStatus]) => ({
    committeeId,
    name: nameOf(committeeId),
    byStatus,
    found: found.get(committeeId) ?? { count: 0, ids: [] },
  }));
}
