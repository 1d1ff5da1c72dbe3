// What the closure loop must show before an issue moves on (evidence-gated write-off): a
// rectified issue carries its rectification note and, for the categories the office marks
// so, an after photo; a written-off one names who checked it (the writer's own person) and,
// where the office requires it, a check photo. The office's marks live in the ledger's meta,
// one entry per category, so two offline edits of different categories both hold.
import { type DomainError, domainError, fail, ok, type Result } from '../core/result.ts';
import type { PhotoStage, RowValues } from '../schema/fields.ts';
import { ISSUE_CATEGORIES } from '../schema/ledger-schema.ts';
import type { Room } from '../sync/rooms.ts';
import { isOffice, type Principal } from './access.ts';

/** Meta key of a category's evidence rule: `evidence.<category>`. */
export const EVIDENCE_PREFIX = 'evidence.';

/** Which photos a category's issues need: an after photo to be rectified, a check photo to be closed. */
export interface EvidenceRule {
  readonly rectifiedPhoto: boolean;
  readonly checkedPhoto: boolean;
}

/** Category → its rule; a category with no entry needs no photo. */
export type EvidencePolicy = ReadonlyMap<string, EvidenceRule>;

export type EvidenceCode =
  | 'rectification_note_required'
  | 'rectified_photo_required'
  | 'checked_photo_required'
  | 'verifier_not_self'
  | 'invalid_evidence_rule';

function categoryLabel(value: unknown): { zh: string; en: string } {
  const option = ISSUE_CATEGORIES.find((c) => c.value === value);
  return { zh: option?.label['zh-CN'] ?? String(value), en: option?.label.en ?? String(value) };
}

function invalidRule(zh: string, en: string): DomainError<'invalid_evidence_rule'> {
  return domainError('invalid_evidence_rule', `证据要求设置无效：${zh}`, `invalid evidence rule: ${en}`);
}

/** A stored rule: exactly `{ rectifiedPhoto: boolean, checkedPhoto: boolean }`. */
export function parseEvidenceRule(
  value: unknown,
): Result<EvidenceRule, DomainError<'invalid_evidence_rule'>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(invalidRule('须为对象', 'must be an object'));
  const v = value as Record<string, unknown>;
  const extra = Object.keys(v).find((k) => k !== 'rectifiedPhoto' && k !== 'checkedPhoto');
  if (extra !== undefined)
    return fail(invalidRule(`未知项“${extra.slice(0, 40)}”`, `unknown key "${extra.slice(0, 40)}"`));
  if (typeof v.rectifiedPhoto !== 'boolean' || typeof v.checkedPhoto !== 'boolean')
    return fail(
      invalidRule('整改照片与核查照片两项须为是或否', 'rectifiedPhoto and checkedPhoto must be booleans'),
    );
  return ok({ rectifiedPhoto: v.rectifiedPhoto, checkedPhoto: v.checkedPhoto });
}

/** The policy from a ledger's meta entries (`doc.getMap('meta').entries()`); bad entries count as none. */
export function evidencePolicy(meta: Iterable<readonly [string, unknown]>): EvidencePolicy {
  const policy = new Map<string, EvidenceRule>();
  for (const [key, value] of meta) {
    if (!key.startsWith(EVIDENCE_PREFIX)) continue;
    const parsed = parseEvidenceRule(value);
    if (parsed.ok) policy.set(key.slice(EVIDENCE_PREFIX.length), parsed.value);
  }
  return policy;
}

/** Whether the office may set `evidence.<category>` to `after` (undefined removes it). */
export function checkEvidenceSetting(
  p: Principal,
  room: Room,
  key: string,
  after: unknown,
): DomainError | null {
  if (!isOffice(p)) return invalidRule('只有街道可以设置', 'only the office sets evidence rules');
  if (room.table !== 'ledger') return invalidRule('只用于问题台账', 'only ledgers have evidence rules');
  const category = key.slice(EVIDENCE_PREFIX.length);
  if (!ISSUE_CATEGORIES.some((c) => c.value === category))
    return invalidRule(`未知类别“${category.slice(0, 40)}”`, `unknown category "${category.slice(0, 40)}"`);
  if (after === undefined) return null;
  const parsed = parseEvidenceRule(after);
  return parsed.ok ? null : parsed.error;
}

function hasText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

function hasPhoto(row: RowValues, stage: PhotoStage): boolean {
  const photos = row.photos;
  return (
    Array.isArray(photos) && photos.some((p) => typeof p === 'object' && p !== null && p.stage === stage)
  );
}

/** Whether the office has begun checking the fix: a check photo or a checker recorded. */
export function isChecked(row: RowValues): boolean {
  return hasPhoto(row, 'checked') || hasText(row.verifiedBy);
}

/**
 * Null when the change shows what its step needs; otherwise what is missing. Judged when an
 * issue moves into `rectified` or `closed`, and when the note of a rectified issue is emptied.
 * The office registering a row as it already was (a new row, imports of history) is exempt.
 */
export function checkEvidence(
  p: Principal,
  policy: EvidencePolicy,
  before: RowValues | null,
  after: RowValues,
  fields: readonly string[],
): DomainError<EvidenceCode> | null {
  if (before === null && isOffice(p)) return null;
  const moved = fields.includes('status') && before?.status !== after.status;
  const rule = policy.get(String(after.category));
  const category = categoryLabel(after.category);
  if (after.status === 'rectified' && (moved || fields.includes('rectification'))) {
    if (!hasText(after.rectification))
      return domainError(
        'rectification_note_required',
        '已整改待核查须填写整改情况',
        'a rectified issue needs a rectification note',
      );
  }
  if (!moved) return null;
  if (after.status === 'rectified' && rule?.rectifiedPhoto && !hasPhoto(after, 'rectified'))
    return domainError(
      'rectified_photo_required',
      `“${category.zh}”类问题须上传整改后照片`,
      `a rectified issue of category ${category.en} needs a photo of the fix`,
    );
  if (after.status === 'closed') {
    const self = p.personId ?? null;
    if (self !== null && after.verifiedBy !== self)
      return domainError(
        'verifier_not_self',
        '销账的核查人须为本人',
        'the one who checked a written-off issue must be the writer',
      );
    if (rule?.checkedPhoto && !hasPhoto(after, 'checked'))
      return domainError(
        'checked_photo_required',
        `“${category.zh}”类问题须上传核查照片后销账`,
        `an issue of category ${category.en} needs a check photo to be written off`,
      );
  }
  return null;
}
