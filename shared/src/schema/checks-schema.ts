// The rows of a check round's room (`checks.<roundId>`): one per site checked, by which
// committee, when and by whom, the checklist's results and how many issues were found.
// "Checked, nothing found" is a row too: coverage counts rows, not issues.
import { CHECK_RESULTS_PATTERN } from '../checks/checklists.ts';
import { rowIdField } from './common-fields.ts';
import { SITE_KINDS } from './sites-schema.ts';
import type { TableSchema } from './table-schema.ts';

export const checksSchema: TableSchema = {
  table: 'checks',
  version: 1,
  fields: [
    rowIdField,
    {
      key: 'checker',
      kind: 'committee',
      label: { 'zh-CN': '检查居委', en: 'Checking committee' },
      required: true,
    },
    {
      key: 'inspected',
      kind: 'committee',
      label: { 'zh-CN': '被查居委', en: 'Inspected committee' },
      required: true,
    },
    { key: 'siteId', kind: 'site', label: { 'zh-CN': '点位', en: 'Site' }, required: true },
    {
      // The site's kind as the checker saw it: which of the round's checklists the results follow.
      key: 'siteKind',
      kind: 'select',
      label: { 'zh-CN': '点位类型', en: 'Site kind' },
      required: true,
      options: SITE_KINDS,
    },
    { key: 'checkedAt', kind: 'datetime', label: { 'zh-CN': '检查时间', en: 'Checked at' }, required: true },
    { key: 'checkedBy', kind: 'person', label: { 'zh-CN': '检查人', en: 'Checked by' } },
    {
      key: 'results',
      kind: 'text',
      label: { 'zh-CN': '检查结果', en: 'Checklist results' },
      maxLength: 2000,
      pattern: CHECK_RESULTS_PATTERN,
    },
    {
      key: 'issuesFound',
      kind: 'number',
      label: { 'zh-CN': '发现问题数', en: 'Issues found' },
      required: true,
      integer: true,
      min: 0,
      default: 0,
    },
    { key: 'note', kind: 'text', label: { 'zh-CN': '备注', en: 'Note' }, maxLength: 500, multiline: true },
  ],
};
