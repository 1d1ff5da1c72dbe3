// The names of the two recurrence figures, told apart everywhere they are shown (dashboard,
// compare, exports, bulletin): issues that ever recurred (a recurrence count above zero,
// whatever their status now) and issues that recurred in a period (a compare, a bulletin's
// week). The status `reopened` keeps its own label, 回潮: an issue that recurred and is
// waiting to be fixed again.
import type { LocalizedText } from '../core/localized.ts';

export const RECURRENCE_LABELS = {
  /** `totals.recurred`: issues with a recurrence, now or earlier. */
  ever: { 'zh-CN': '曾回潮', en: 'Ever recurred' },
  /** Recurred between two moments (`summary.reopened` of a diff). */
  since: { 'zh-CN': '新增回潮', en: 'Newly recurred' },
} as const satisfies Record<string, LocalizedText>;
