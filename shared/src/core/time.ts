// Calendar reckoning in Asia/Shanghai (UTC+8 all year, no DST): "today", deadlines and
// overdue are Shanghai dates; stored values are ISO 8601 dates and date-times with offset.

const SHANGHAI_OFFSET_MINUTES = 8 * 60;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;
const TIME_OF_DAY_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Integer day arithmetic (H. Hinnant's civil-from-days) avoids Date's two-digit-year quirks.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) throw new RangeError(`date out of range: year ${year}`);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function dayNumber(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

/** A real calendar date written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && dayNumber(value) !== null;
}

/** A date-time with an explicit offset (`Z` or `±HH:MM`), e.g. `2026-03-02T09:30:00+08:00`. */
export function isIsoDateTime(value: unknown): value is string {
  return typeof value === 'string' && parseIsoDateTime(value) !== null;
}

/** A time of day `HH:MM`, 00:00–23:59. */
export function isTimeOfDay(value: unknown): value is string {
  return typeof value === 'string' && TIME_OF_DAY_RE.test(value);
}

/** Milliseconds since the epoch of an ISO date-time with offset; null if it is not one. */
export function parseIsoDateTime(value: string): number | null {
  const m = DATE_TIME_RE.exec(value);
  if (!m) return null;
  const days = dayNumber(`${m[1]}-${m[2]}-${m[3]}`);
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? '0')];
  if (days === null || hour > 23 || minute > 59 || second > 59) return null;
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const zone = m[8] ?? 'Z';
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const [oh, om] = [Number(zone.slice(1, 3)), Number(zone.slice(4, 6))];
    if (oh > 14 || om > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  return days * MS_PER_DAY + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
}

/** The Shanghai calendar date of an instant. */
function shanghaiDayOf(epochMs: number): number {
  return Math.floor((epochMs + SHANGHAI_OFFSET_MINUTES * MS_PER_MINUTE) / MS_PER_DAY);
}

/** Today's date in Shanghai, `YYYY-MM-DD`. */
export function todayInShanghai(now: Date = new Date()): string {
  return civilFromDays(shanghaiDayOf(now.getTime()));
}

/**
 * The Shanghai date of a stored value: a date-time is converted from its own offset, a
 * plain date is already a Shanghai date. Null if the value is neither.
 */
export function shanghaiDate(value: string): string | null {
  if (isIsoDate(value)) return value;
  const epochMs = parseIsoDateTime(value);
  return epochMs === null ? null : civilFromDays(shanghaiDayOf(epochMs));
}

/** An instant written in Shanghai time with its offset: `2026-03-02T00:00:00+08:00`. */
export function isoShanghai(instant: Date | number): string {
  const epochMs = typeof instant === 'number' ? instant : instant.getTime();
  const local = epochMs + SHANGHAI_OFFSET_MINUTES * MS_PER_MINUTE;
  const days = Math.floor(local / MS_PER_DAY);
  const secondsOfDay = Math.floor((local - days * MS_PER_DAY) / 1000);
  const hh = pad(Math.floor(secondsOfDay / 3600), 2);
  const mm = pad(Math.floor((secondsOfDay % 3600) / 60), 2);
  const ss = pad(secondsOfDay % 60, 2);
  return `${civilFromDays(days)}T${hh}:${mm}:${ss}+08:00`;
}

/** The current instant in Shanghai time, for `createdAt`, `closedAt` and the like. */
export function nowIsoShanghai(now: Date = new Date()): string {
  return isoShanghai(now);
}

/** A Shanghai date and time of day as a date-time: (`2026-03-02`, `09:30`) → `2026-03-02T09:30:00+08:00`. */
export function shanghaiDateTime(date: string, time: string): string {
  if (!isIsoDate(date) || !isTimeOfDay(time)) throw new RangeError(`not a date and time: ${date} ${time}`);
  return `${date}T${time}:00+08:00`;
}

/** The date n days after (or before, n < 0) a `YYYY-MM-DD` date. */
export function addDays(date: string, n: number): string {
  const days = dayNumber(date);
  if (days === null || !Number.isInteger(n)) throw new RangeError(`addDays(${date}, ${n})`);
  return civilFromDays(days + n);
}

/** Whole days from one date to another (`to` − `from`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === null || b === null) throw new RangeError(`daysBetween(${from}, ${to})`);
  return b - a;
}
