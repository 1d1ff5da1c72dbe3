// Checklists (检查清单) per site kind: what a checker looks at on a site, each item passed,
// failed or not applicable. The office edits them per round (a round's meta holds its own
// copy, `checklist.<siteKind>`); the demo district ships the 15 written requirements for
// residential compounds and a short list for streets. A site's results are kept in one
// cell as `item=result;item=result`, read and written only here.
import type { LocalizedText } from '../core/localized.ts';
import { type DomainError, domainError, fail, ok, type Result } from '../core/result.ts';
import { SITE_KINDS, type SiteKind } from '../schema/sites-schema.ts';

export interface ChecklistItem {
  /** Stable within the checklist: lower-case letters, digits and hyphens. */
  readonly id: string;
  readonly label: LocalizedText;
}

export const CHECK_RESULTS = [
  { value: 'pass', label: { 'zh-CN': '合格', en: 'Pass' } },
  { value: 'fail', label: { 'zh-CN': '不合格', en: 'Fail' } },
  { value: 'na', label: { 'zh-CN': '不适用', en: 'Not applicable' } },
] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number]['value'];

const ITEM_ID = '[a-z0-9][a-z0-9-]{0,31}';
const ITEM_ID_RE = new RegExp(`^${ITEM_ID}$`);
/** The whole results cell; the table schema holds it as its field pattern. */
export const CHECK_RESULTS_PATTERN = `^${ITEM_ID}=(pass|fail|na)(;${ITEM_ID}=(pass|fail|na))*$`;
const MAX_ITEMS = 50;

const item = (id: string, zh: string, en: string): ChecklistItem => ({ id, label: { 'zh-CN': zh, en } });

/** The 15 written requirements for a residential compound (小区十五条). */
export const COMPOUND_CHECKLIST: readonly ChecklistItem[] = [
  item('entrance-tidy', '出入口整洁，门岗规范', 'Entrance tidy, gate staffed properly'),
  item('no-stairwell-clutter', '楼道无堆物', 'Nothing stacked in stairwells'),
  item('no-flying-wire', '无飞线充电', 'No flying-wire charging'),
  item('bikes-orderly', '非机动车停放有序', 'Bikes parked in order'),
  item('waste-sorting', '垃圾分类投放点整洁、分类规范', 'Waste points clean and sorted'),
  item('greenbelt-clean', '绿化带无垃圾、无毁绿种菜', 'Green belts clean, no vegetables planted'),
  item('publicity', '公益广告数量达标、内容完好', 'Public-service posters in number and intact'),
  item('no-illegal-building', '无违章搭建', 'No illegal structures'),
  item('no-street-drying', '无沿街乱晾晒', 'No laundry hung along the street'),
  item('roads-intact', '路面无破损、无积水', 'Roads intact, no standing water'),
  item('notice-board', '宣传栏内容及时更新', 'Notice boards kept up to date'),
  item('civil-dogs', '文明养犬，无宠物粪便', 'Dogs kept civilly, no droppings'),
  item('fire-lanes', '消防通道畅通', 'Fire lanes clear'),
  item('no-graffiti', '墙面无乱涂乱画、小广告', 'Walls free of graffiti and flyers'),
  item(
    'facilities-intact',
    '健身器材、路灯等公共设施完好',
    'Fitness equipment, lights and facilities intact',
  ),
];

/** The short list for streets and crossings. */
export const STREET_CHECKLIST: readonly ChecklistItem[] = [
  item('street-clean', '沿街无垃圾', 'No rubbish along the street'),
  item('no-stall-on-road', '无占道经营', 'No trading on the road'),
  item('bikes-orderly', '非机动车停放有序', 'Bikes parked in order'),
  item('no-flyers', '无乱张贴、小广告', 'No flyers or posters stuck up'),
  item('publicity', '公益广告完好', 'Public-service posters intact'),
];

/** The demo district's checklists, the office's starting point for a new round. */
export const DEFAULT_CHECKLISTS: Readonly<Partial<Record<SiteKind, readonly ChecklistItem[]>>> = {
  residential_compound: COMPOUND_CHECKLIST,
  main_street: STREET_CHECKLIST,
  back_street: STREET_CHECKLIST,
  key_crossing: STREET_CHECKLIST,
};

export type ChecklistErrorCode = 'checklist_invalid' | 'check_results_invalid' | 'check_item_unknown';

function invalidChecklist(zh: string, en: string): DomainError<ChecklistErrorCode> {
  return domainError('checklist_invalid', `检查清单无效：${zh}`, `invalid checklist: ${en}`);
}

function isLocalized(value: unknown): value is LocalizedText {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const fine = (s: unknown) => typeof s === 'string' && s.trim().length > 0 && s.length <= 200;
  return fine(v['zh-CN']) && fine(v.en);
}

/** A checklist as the office wrote it (untrusted): items with unique ids and both labels. */
export function parseChecklist(
  value: unknown,
): Result<readonly ChecklistItem[], DomainError<ChecklistErrorCode>> {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_ITEMS) {
    return fail(invalidChecklist(`须有 1–${MAX_ITEMS} 项`, `needs 1–${MAX_ITEMS} items`));
  }
  const seen = new Set<string>();
  const items: ChecklistItem[] = [];
  for (const v of value) {
    const id = (v as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !ITEM_ID_RE.test(id)) {
      return fail(
        invalidChecklist(
          '项目编号须为小写字母、数字和连字符',
          'item ids are lower-case letters, digits and hyphens',
        ),
      );
    }
    if (seen.has(id)) return fail(invalidChecklist(`项目“${id}”重复`, `item "${id}" is listed twice`));
    const label = (v as { label?: unknown }).label;
    if (!isLocalized(label)) {
      return fail(
        invalidChecklist(`项目“${id}”须有中英文名称`, `item "${id}" needs a Chinese and an English label`),
      );
    }
    seen.add(id);
    items.push({ id, label: { 'zh-CN': label['zh-CN'], en: label.en } });
  }
  return ok(items);
}

export function isSiteKind(value: unknown): value is SiteKind {
  return SITE_KINDS.some((k) => k.value === value);
}

/** One site's results as stored in its cell (`item=result;…`), in item order. */
export function formatCheckResults(results: ReadonlyMap<string, CheckResult>): string {
  return [...results].map(([id, r]) => `${id}=${r}`).join(';');
}

/**
 * A results cell read back, each item judged against the checklist: every item named once
 * and on the list. An empty cell is no results yet.
 */
export function parseCheckResults(
  cell: unknown,
  checklist: readonly ChecklistItem[],
): Result<Map<string, CheckResult>, DomainError<ChecklistErrorCode>> {
  const out = new Map<string, CheckResult>();
  if (cell === undefined || cell === null || cell === '') return ok(out);
  if (typeof cell !== 'string' || !new RegExp(CHECK_RESULTS_PATTERN).test(cell)) {
    return fail(
      domainError(
        'check_results_invalid',
        '检查结果格式应为“项目=pass|fail|na”，以分号分隔',
        'check results are "item=pass|fail|na", separated by semicolons',
      ),
    );
  }
  for (const part of cell.split(';')) {
    const [id, result] = part.split('=') as [string, CheckResult];
    if (!checklist.some((i) => i.id === id)) {
      return fail(
        domainError('check_item_unknown', `检查清单中没有“${id}”`, `the checklist has no item "${id}"`),
      );
    }
    if (out.has(id)) {
      return fail(domainError('check_results_invalid', `“${id}”填了两次`, `item "${id}" is given twice`));
    }
    out.set(id, result);
  }
  return ok(out);
}
