// People the campaign relies on: committee staff, office workers and liaisons, resident
// volunteers, guards and cleaners. Ledger and roster rows refer to them by id.
import { phoneField, rowIdField } from './common-fields.ts';
import type { SelectOption } from './fields.ts';
import type { TableSchema } from './table-schema.ts';

export const PERSON_ROLES = [
  { value: 'secretary', label: { 'zh-CN': '居民区书记', en: 'Committee secretary' } },
  { value: 'director', label: { 'zh-CN': '居委会主任', en: 'Committee director' } },
  { value: 'social_worker', label: { 'zh-CN': '社工', en: 'Social worker' } },
  { value: 'liaison', label: { 'zh-CN': '机关联络员', en: 'Office liaison' } },
  { value: 'office_worker', label: { 'zh-CN': '机关干部', en: 'Office worker' } },
  { value: 'leader', label: { 'zh-CN': '街道领导', en: 'Sub-district leader' } },
  { value: 'resident', label: { 'zh-CN': '居民', en: 'Resident' } },
  { value: 'guard', label: { 'zh-CN': '保安', en: 'Guard' } },
  { value: 'cleaner', label: { 'zh-CN': '保洁', en: 'Cleaner' } },
] as const satisfies readonly SelectOption[];
export type PersonRole = (typeof PERSON_ROLES)[number]['value'];

export const peopleSchema: TableSchema = {
  table: 'people',
  version: 1,
  fields: [
    rowIdField,
    { key: 'name', kind: 'text', label: { 'zh-CN': '姓名', en: 'Name' }, required: true, maxLength: 50 },
    {
      key: 'role',
      kind: 'select',
      label: { 'zh-CN': '身份', en: 'Role' },
      required: true,
      options: PERSON_ROLES,
    },
    // Office staff have the committee they are paired with; sub-district leaders have none.
    { key: 'committeeId', kind: 'committee', label: { 'zh-CN': '所属居民区', en: 'Committee' } },
    phoneField,
    {
      key: 'volunteer',
      kind: 'boolean',
      label: { 'zh-CN': '注册志愿者', en: 'Registered volunteer' },
      required: true,
      default: false,
    },
  ],
};
