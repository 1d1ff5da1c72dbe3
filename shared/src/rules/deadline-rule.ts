// The rule that gives an issue its deadline when it is entered, one per category: "不隔夜"
// (by 24:00 of the next day) or N working days (weekends skipped), reckoned in Asia/Shanghai.
// The office may set its own rule for a category in the ledger's meta, under `deadline.<category>`.

import { type DomainError, domainError, fail, ok, type Result } from '../core/result.ts';
import { addDays, isoShanghai, parseIsoDateTime, shanghaiDate } from '../core/time.ts';
import { ISSUE_CATEGORIES, type IssueCategory } from '../schema/ledger-schema.ts';

export type DeadlineRule =
  /** 不隔夜: due by the end (24:00 Shanghai) of the day after the day found, weekends included. */
  | { readonly kind: 'overnight' }
  /** Due by the end of the `days`-th working day (Monday to Friday) after the day found. */
  | { readonly kind: 'working_days'; readonly days: number };

/** The office's rules by category; a category without one keeps its default. */
export type DeadlineRules = Partial<Readonly<Record<IssueCategory, DeadlineRule>>>;

/** Meta key prefix of a category's rule: `deadline.street_rubbish`. */
export const DEADLINE_RULE_PREFIX = 'deadline.';
/** A month of working days is the longest rule the office may set. */
export const MAX_WORKING_DAYS = 22;

const MS_PER_DAY = 86_400_000;

/** Saturday or Sunday, for a `YYYY-MM-DD` date (a calendar date has the same weekday everywhere). */
export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** The `n`-th working day after `date` (n ≥ 1); Saturdays and Sundays do not count. */
export function addWorkingDays(date: string, n: number): string {
  let day = date;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, 1);
    if (!isWeekend(day)) counted++;
  }
  return day;
}

/** The deadline date an issue found at `foundAt` gets by `rule`; null if `foundAt` is unreadable. */
export function deadlineByRule(rule: DeadlineRule, foundAt: string): string | null {
  const found = shanghaiDate(foundAt);
  if (found === null) return null;
  return rule.kind === 'overnight' ? addDays(found, 1) : addWorkingDays(found, rule.days);
}

/** The instant a deadline date ends: 24:00 of that day in Shanghai (ms since the epoch). */
export function deadlineEndMs(deadline: string): number {
  const end = parseIsoDateTime(`${deadline}T00:00:00+08:00`);
  if (end === null) throw new RangeError(`not a date: ${deadline}`);
  return end + MS_PER_DAY;
}

/** The end of a deadline date as a Shanghai date-time, for display and exports. */
export function deadlineEndIso(deadline: string): string {
  return isoShanghai(deadlineEndMs(deadline));
}

function badRule(zh: string, en: string): DomainError<'invalid_deadline_rule'> {
  return domainError('invalid_deadline_rule', zh, en);
}

/** An untrusted value (from meta or a form) as a rule, or why it is not one. */
export function parseDeadlineRule(
  value: unknown,
): Result<DeadlineRule, DomainError<'invalid_deadline_rule'>> {
  if (typeof value !== 'object' || value === null) {
    return fail(badRule('整改时限规则格式不对', 'a deadline rule must be an object'));
  }
  const v = value as Record<string, unknown>;
  if (v.kind === 'overnight' && Object.keys(v).length === 1) return ok({ kind: 'overnight' });
  if (v.kind === 'working_days' && Object.keys(v).length === 2) {
    const days = v.days;
    if (typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= MAX_WORKING_DAYS) {
      return ok({ kind: 'working_days', days });
    }
    return fail(
      badRule(
        `工作日数须为 1 到 ${MAX_WORKING_DAYS} 的整数`,
        `working days must be a whole number from 1 to ${MAX_WORKING_DAYS}`,
      ),
    );
  }
  return fail(
    badRule(
      '整改时限规则只能是“不隔夜”或“N 个工作日”',
      'a deadline rule is either "overnight" or "N working days"',
    ),
  );
}

/** The category a meta key names a rule for, or null when it is not a known category's rule key. */
export function deadlineRuleCategory(key: string): IssueCategory | null {
  if (!key.startsWith(DEADLINE_RULE_PREFIX)) return null;
  const category = key.slice(DEADLINE_RULE_PREFIX.length);
  return ISSUE_CATEGORIES.some((c) => c.value === category) ? (category as IssueCategory) : null;
}

/** The office's valid rules among a ledger's meta entries (`doc.getMap('meta').entries()`). */
export function deadlineRulesOf(meta: Iterable<readonly [string, unknown]>): DeadlineRules {
  const rules: Partial<Record<IssueCategory, DeadlineRule>> = {};
  for (const [key, value] of meta) {
    const category = deadlineRuleCategory(key);
    if (category === null) continue;
    const parsed = parseDeadlineRule(value);
    if (parsed.ok) rules[category] = parsed.value;
  }
  return rules;
}
