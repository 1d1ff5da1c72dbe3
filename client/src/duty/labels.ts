// Words for values on the duty pages: an option's label in the chosen language, a rate as
// a percentage, a time slot.
import { type Locale, localize, type SelectOption, type TimeSlot } from '@civic-ledger/shared';

/** The label of `value` among `options`; the value itself when it is not one of them. */
export function optionText(options: readonly SelectOption[], value: unknown, locale: Locale): string {
  if (value === null || value === undefined) return '';
  const option = options.find((o) => o.value === value);
  return option ? localize(option.label, locale) : String(value);
}

/** 0.9583 → `95.8%`; null (nothing to count) → `—`. */
export function percentText(rate: number | null, locale: Locale): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

export function slotText(slot: TimeSlot): string {
  return `${slot.start}–${slot.end}`;
}
