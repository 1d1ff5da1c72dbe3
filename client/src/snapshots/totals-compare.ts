// The totals of two states side by side (each computed by the shared `computeTotals` at
// its own moment, on the server): the meeting's figures, each with both values and the
// change between them. Rates are fractions; null where there is nothing to divide by.
import { LEDGER_STATUSES, type Locale, type LocalizedText, type Totals } from '@civic-ledger/shared';
import { formatCount, formatRate } from '../dashboard/figure-format.ts';

export type TotalsFigure =
  | 'found'
  | 'foundToday'
  | 'closedToday'
  | 'overdue'
  | 'recurred'
  | 'resolutionRate'
  | 'onTimeRate'
  | 'rosterCoverage';

export interface TotalsLine {
  readonly key: string;
  /** A figure named by the page's own text, or a ledger status named by the schema. */
  readonly label: { readonly figure: TotalsFigure } | { readonly status: LocalizedText };
  readonly kind: 'count' | 'rate';
  readonly from: number | null;
  readonly to: number | null;
  /** to − from (for rates in fractions); null when either side has none. */
  readonly delta: number | null;
}

function line(
  key: string,
  label: TotalsLine['label'],
  kind: TotalsLine['kind'],
  from: number | null,
  to: number | null,
): TotalsLine {
  return { key, label, kind, from, to, delta: from === null || to === null ? null : to - from };
}

export function totalsLines(from: Totals, to: Totals): TotalsLine[] {
  const count = (figure: TotalsFigure, pick: (t: Totals) => number) =>
    line(figure, { figure }, 'count', pick(from), pick(to));
  const rate = (figure: TotalsFigure, pick: (t: Totals) => number | null) =>
    line(figure, { figure }, 'rate', pick(from), pick(to));
  return [
    count('found', (t) => t.found.count),
    ...LEDGER_STATUSES.map((s) =>
      line(
        `status.${s.value}`,
        { status: s.label },
        'count',
        from.byStatus[s.value]?.count ?? 0,
        to.byStatus[s.value]?.count ?? 0,
      ),
    ),
    count('foundToday', (t) => t.foundToday.count),
    count('closedToday', (t) => t.closedToday.count),
    count('overdue', (t) => t.overdue.count),
    count('recurred', (t) => t.recurred.count),
    rate('resolutionRate', (t) => t.resolutionRate.rate),
    rate('onTimeRate', (t) => t.onTimeRate.rate),
    rate('rosterCoverage', (t) => t.rosterCoverage.rate),
  ];
}

/**
 * A figure as the live totals write it in the chosen language (`95.3%`, `1,204`); a change
 * with its sign (`+3`, `−1.5%`, `±0`).
 */
export function formatFigure(
  kind: TotalsLine['kind'],
  value: number | null,
  locale: Locale,
  signed = false,
): string {
  if (value === null) return '—';
  const sign = signed ? (value > 0 ? '+' : value < 0 ? '−' : '±') : value < 0 ? '−' : '';
  const magnitude = Math.abs(value);
  return sign + (kind === 'rate' ? formatRate(magnitude, locale) : formatCount(magnitude, locale));
}
