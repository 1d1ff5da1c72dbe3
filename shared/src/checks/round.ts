// A check round (检查轮次) and its room `checks.<roundId>`: the round's meta (name, dates,
// kind, committees, pairs) is the office's, under the meta key `round`, with its checklists
// under `checklist.<siteKind>`; its rows are the check of one site each. A round is active
// from its first to its last day, in Shanghai time.
import { isCommitteeId } from '../core/ids.ts';
import type { LocalizedText } from '../core/localized.ts';
import { type DomainError, domainError, fail, ok, type Result } from '../core/result.ts';
import { isIsoDate } from '../core/time.ts';
import { type ChecklistItem, isSiteKind, parseChecklist } from './checklists.ts';
import { type CheckPair, checkPairs } from './pairing.ts';

export const ROUND_KINDS = [
  { value: 'mutual', label: { 'zh-CN': '咬尾巴互查', en: 'Mutual check' } },
  { value: 'reverse', label: { 'zh-CN': '反向咬尾巴', en: 'Reverse mutual check' } },
  { value: 'self', label: { 'zh-CN': '自查', en: 'Self check' } },
  { value: 'office', label: { 'zh-CN': '街道检查', en: 'Office check' } },
] as const satisfies readonly { value: string; label: LocalizedText }[];
export type RoundKind = (typeof ROUND_KINDS)[number]['value'];

export interface RoundMeta {
  readonly name: string;
  readonly kind: RoundKind;
  /** First and last day, `YYYY-MM-DD`, both included. */
  readonly startsOn: string;
  readonly endsOn: string;
  readonly committees: readonly string[];
  /** Who checks whom (mutual and reverse rounds); empty for self and office rounds. */
  readonly pairs: readonly CheckPair[];
}

/** The meta key of the round, and the prefix of its checklists (`checklist.residential_compound`). */
export const ROUND_META_KEY = 'round';
export const CHECKLIST_META_PREFIX = 'checklist.';

/** A round id: as a committee id (`2026-12-w1`), so it fits a room name. */
export function isRoundId(value: unknown): value is string {
  return isCommitteeId(value);
}

export type RoundErrorCode = 'round_invalid';

function invalid(zh: string, en: string): DomainError<RoundErrorCode> {
  return domainError('round_invalid', `检查轮次设置无效：${zh}`, `invalid round: ${en}`);
}

function parsePairs(value: unknown): CheckPair[] | null {
  if (!Array.isArray(value)) return null;
  const out: CheckPair[] = [];
  for (const v of value) {
    const p = v as { checker?: unknown; checked?: unknown } | null;
    if (!isCommitteeId(p?.checker) || !isCommitteeId(p?.checked)) return null;
    out.push({ checker: p.checker, checked: p.checked });
  }
  return out;
}

/**
 * A round's meta as written (untrusted): a name, a kind, dates in order, distinct committees,
 * and for mutual and reverse rounds pairs that keep the pairing rules (whether they repeat
 * the previous round was the office's choice when pairing).
 */
export function parseRoundMeta(value: unknown): Result<RoundMeta, DomainError> {
  if (typeof value !== 'object' || value === null) return fail(invalid('须为对象', 'must be an object'));
  const v = value as Record<string, unknown>;
  if (typeof v.name !== 'string' || v.name.trim() === '' || v.name.length > 100) {
    return fail(invalid('名称须为 1–100 个字符', 'the name must be 1–100 characters'));
  }
  const kind = ROUND_KINDS.find((k) => k.value === v.kind)?.value;
  if (!kind)
    return fail(
      invalid('类型须为互查、反向互查、自查或街道检查', 'the kind must be mutual, reverse, self or office'),
    );
  if (!isIsoDate(v.startsOn) || !isIsoDate(v.endsOn) || v.endsOn < v.startsOn) {
    return fail(
      invalid(
        '起止日期须为 YYYY-MM-DD 且不早于开始',
        'start and end must be YYYY-MM-DD, the end not before the start',
      ),
    );
  }
  const committees = v.committees;
  if (
    !Array.isArray(committees) ||
    !committees.every(isCommitteeId) ||
    new Set(committees).size !== committees.length
  ) {
    return fail(invalid('参与居委须为不重复的居委编号', 'the committees must be distinct committee ids'));
  }
  const pairs = parsePairs(v.pairs ?? []);
  if (!pairs) return fail(invalid('配对格式错误', 'malformed pairs'));
  if (kind === 'mutual' || kind === 'reverse') {
    const err = checkPairs(committees, pairs, null);
    if (err) return fail(err);
  } else if (pairs.length > 0) {
    return fail(invalid('自查和街道检查不配对', 'self and office rounds have no pairs'));
  }
  return ok({
    name: v.name,
    kind,
    startsOn: v.startsOn,
    endsOn: v.endsOn,
    committees: [...committees],
    pairs,
  });
}

/** Whether the round runs on `date` (`YYYY-MM-DD`, Shanghai). */
export function isRoundActive(round: RoundMeta, date: string): boolean {
  return round.startsOn <= date && date <= round.endsOn;
}

/**
 * The committee a committee checks in this round: its pair's target in a mutual or reverse
 * round, itself in a self check; null when it does not check (or in an office round).
 */
export function inspectedBy(round: RoundMeta, committeeId: string): string | null {
  if (!round.committees.includes(committeeId)) return null;
  if (round.kind === 'self') return committeeId;
  if (round.kind === 'office') return null;
  return round.pairs.find((p) => p.checker === committeeId)?.checked ?? null;
}

/** The round's meta and checklists as a room's meta map holds them; bad entries are left out. */
export interface RoundDocument {
  readonly round: RoundMeta | null;
  readonly checklists: ReadonlyMap<string, readonly ChecklistItem[]>;
}

/** Reads a round's meta entries (`[key, value]` as a room's meta map holds them). */
export function readRoundDocument(entries: Iterable<readonly [string, unknown]>): RoundDocument {
  let round: RoundMeta | null = null;
  const checklists = new Map<string, readonly ChecklistItem[]>();
  for (const [key, value] of entries) {
    if (key === ROUND_META_KEY) {
      const parsed = parseRoundMeta(value);
      if (parsed.ok) round = parsed.value;
    } else if (key.startsWith(CHECKLIST_META_PREFIX) && isSiteKind(key.slice(CHECKLIST_META_PREFIX.length))) {
      const parsed = parseChecklist(value);
      if (parsed.ok) checklists.set(key.slice(CHECKLIST_META_PREFIX.length), parsed.value);
    }
  }
  return { round, checklists };
}
