// The days the duty pages look at: a Shanghai date range of at most a week, kept valid
// whatever the date inputs say, and a day written short for column headers.
import { addDays, daysBetween, isIsoDate, type Locale, todayInShanghai } from '@civic-ledger/shared';

/** The matrix shows at most a week: sites × 7 days × slots stays readable and quick. */
export const MAX_RANGE_DAYS = 7;

export interface DateRange {
  readonly from: string;
  readonly to: string;
}

/** Today in Shanghai, alone. */
export function todayRange(now: Date = new Date()): DateRange {
  const today = todayInShanghai(now);
  return { from: today, to: today };
}

/**
 * A range from what the inputs hold: an unreadable date falls back to the other end (or
 * `fallback`), a reversed range is swapped, and one longer than `MAX_RANGE_DAYS` is cut
 * at that many days from its start.
 */
export function clampRange(from: string, to: string, fallback: DateRange): DateRange {
  let a = isIsoDate(from) ? from : isIsoDate(to) ? to : fallback.from;
  let b = isIsoDate(to) ? to : a;
  if (b < a) [a, b] = [b, a];
  if (daysBetween(a, b) >= MAX_RANGE_DAYS) b = addDays(a, MAX_RANGE_DAYS - 1);
  return { from: a, to: b };
}

/**
 * The range after the day turned from `before` to `today` (Shanghai) while the page stayed
 * open: one that ended on the old today (今天, 七天, or a week up to today) moves with the
 * day, keeping its length; one the person moved into the past or future stays.
 */
export function followDayTurn(range: DateRange, before: string, today: string): DateRange {
  if (before === today || range.to !== before) return range;
  return shiftRange(range, daysBetween(before, today));
}

/** The range moved by whole days, keeping its length (the ‹ › buttons). */
export function shiftRange(range: DateRange, days: number): DateRange {
  return { from: addDays(range.from, days), to: addDays(range.to, days) };
}

/** `11-24 周二` / `Tue 11-24`: a calendar day as a column header says it. */
export function dayLabel(date: string, locale: Locale): string {
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
  const md = date.slice(5);
  return locale === 'zh-CN' ? `${md} ${weekday}` : `${weekday} ${md}`;
}
