// A server's refusal reason (`<rule code>: <English message>`, the close reason of 4422) in
// the chosen language: English keeps the server's message; Chinese names the rule, so a
// banner never mixes the two languages.
import type { Locale } from '@civic-ledger/shared';

/** What each rule of the shared change rules and workflow refuses, in Chinese. */
const RULES_ZH: Readonly<Record<string, string>> = {
  invalid_row_id: '行编号无效',
  unknown_field: '表中没有这一列',
  invalid_value: '填写的值不符合这一列的要求',
  wrong_committee: '这一行不属于本居民区',
  field_office_only: '这一列只有街道可以修改',
  delete_office_only: '这一行只有街道可以删除',
  meta_not_allowed: '只有街道可以修改表的结构',
  required_cleared: '必填项不能清空',
  transition_not_allowed: '不允许这样改变状态',
  transition_office_only: '这一状态变更只有街道可以做',
  recheck_not_closed: '只有已销账的问题才能回头看',
  row_incomplete: '新记录须一次填齐必填项',
  recurrences_by_reopen: '回潮次数只能由街道重新打开问题时增加',
  source_office_only: '外部来源的问题只有街道可以删除或改来源',
  malformed_table: '修改的内容不是表格能保存的值',
};

/** The rule code and message of a close reason; a reason without a code is all message. */
function split(reason: string): { code: string | null; message: string } {
  const match = /^([a-z][a-z0-9_]*): (.*)$/s.exec(reason);
  return match ? { code: match[1] ?? null, message: match[2] ?? '' } : { code: null, message: reason };
}

export function refusalReason(reason: string, locale: Locale): string {
  const { code, message } = split(reason);
  if (locale === 'en') return message;
  if (code === null) return /[\u4e00-\u9fff]/.test(message) ? message : '修改不符合规则';
  return RULES_ZH[code] ?? `修改不符合规则（${code}）`;
}
