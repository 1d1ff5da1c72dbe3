// Duty rosters (排班): who covers which site in which time slot on which day.
import { committeeRefField, phoneField, rowIdField } from './common-fields.ts';
import type { SelectOption } from './fields.ts';
import type { TableSchema } from './table-schema.ts';

export const ROSTER_ROLES = [
  { value: 'volunteer', label: { 'zh-CN': '志愿者', en: 'Volunteer' } },
  { value: 'liaison', label: { 'zh-CN': '机关联络员', en: 'Office liaison' } },
  { value: 'guard', label: { 'zh-CN': '保安', en: 'Guard' } },
  { value: 'cleaner', label: { 'zh-CN': '保洁', en: 'Cleaner' } },
  { value: 'leader_on_duty', label: { 'zh-CN': '值班领导', en: 'Leader on duty' } },
] as const satisfies readonly SelectOption[];
export type RosterRole = (typeof ROSTER_ROLES)[number]['value'];

export const ROSTER_STATUSES = [
  { value: 'scheduled', label: { 'zh-CN': '已排班', en: 'Scheduled' } },
  { value: 'checked_in', label: { 'zh-CN': '已到岗', en: 'Checked in' } },
  { value: 'absent', label: { 'zh-CN': '缺岗', en: 'Absent' } },
  { value: 'swapped', label: { 'zh-CN': '已调班', en: 'Swapped' } },
] as const satisfies readonly SelectOption[];
export type RosterStatus = (typeof ROSTER_STATUSES)[number]['value'];

export const rosterSchema: TableSchema = {
  table: 'roster',
  version: 1,
  fields: [
    rowIdField,
    committeeRefField,
    { key: 'date', kind: 'date', label: { 'zh-CN': '日期', en: 'Date' }, required: true },
    { key: 'start', kind: 'time', label: { 'zh-CN': '开始', en: 'Start' }, required: true },
    { key: 'end', kind: 'time', label: { 'zh-CN': '结束', en: 'End' }, required: true },
    { key: 'siteId', kind: 'site', label: { 'zh-CN': '点位', en: 'Site' }, required: true },
    {
      key: 'role',
      kind: 'select',
      label: { 'zh-CN': '岗位', en: 'Role' },
      required: true,
      options: ROSTER_ROLES,
    },
    // Optional: a row without a person is an open slot someone still has to take.
    { key: 'person', kind: 'person', label: { 'zh-CN': '人员', en: 'Person' } },
    phoneField,
    {
      key: 'status',
      kind: 'select',
      label: { 'zh-CN': '状态', en: 'Status' },
      required: true,
      options: ROSTER_STATUSES,
      default: 'scheduled',
    },
    { key: 'note', kind: 'text', label: { 'zh-CN': '备注', en: 'Note' }, maxLength: 200 },
  ],
};
