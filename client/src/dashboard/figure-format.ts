// How the figures read: counts and rates in the chosen language (the live totals and the
// snapshot comparison alike), days short, and the time the totals were computed (already
// Shanghai time in `computedAt`).
import type { Locale } from '@civic-ledger/shared';

export function formatCount(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** `0.953` → `95.3%`; no rate (nothing to divide by) → `—`. */
export function formatRate(rate: number | null, locale: Locale): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** `2026-03-02` → `3月2日` / `3/2`. */
export function formatDay(date: string, locale: Locale): string {
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return locale === 'zh-CN' ? `${month}月${day}日` : `${month}/${day}`;
}

/** `2026-03-02` → `3/2`, for a crowded axis. */
export function formatShortDay(date: string): string {
  return `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
}

/** `2026-03-02T16:00:05+08:00` → `2026-03-02 16:00:05`. */
export function formatComputedAt(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
