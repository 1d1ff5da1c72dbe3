// Residential committees (居民区): the units that own their ledger and roster rooms.
import { committeeIdField } from './common-fields.ts';
import type { TableSchema } from './table-schema.ts';

export const committeesSchema: TableSchema = {
  table: 'committees',
  version: 1,
  fields: [
    committeeIdField,
    { key: 'name', kind: 'text', label: { 'zh-CN': '名称', en: 'Name' }, required: true, maxLength: 50 },
    { key: 'secretary', kind: 'person', label: { 'zh-CN': '书记', en: 'Secretary' } },
    { key: 'director', kind: 'person', label: { 'zh-CN': '主任', en: 'Director' } },
  ],
};
