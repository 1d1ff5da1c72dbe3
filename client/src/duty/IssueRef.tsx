// One ledger issue in a line: its short code, category, site and committee, with the
// description on hover.
import { ISSUE_CATEGORIES, issueCode, type RowValues, textOf } from '@civic-ledger/shared';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { DutyRegistry } from './duty-registry.ts';
import { optionText } from './labels.ts';

export function IssueRef({ row, registry }: { row: Readonly<RowValues>; registry: DutyRegistry }) {
  const { locale } = useI18n();
  const siteId = textOf(row, 'siteId') ?? '';
  return (
    <span className="issue-ref" title={textOf(row, 'description') ?? ''} data-issue={String(row.id)}>
      <code>{issueCode(String(row.id))}</code> {optionText(ISSUE_CATEGORIES, row.category, locale)} ·{' '}
      {registry.siteNames.get(siteId) ?? siteId}
    </span>
  );
}
