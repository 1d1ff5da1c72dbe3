// The issue ledger (问题台账): one row per problem found at a site, from discovery through
// rectification and verification to write-off, re-check and recurrence.
import { COMMITTEE_ID_PATTERN } from '../core/ids.ts';
import { committeeRefField, rowIdField } from './common-fields.ts';
import type { SelectOption } from './fields.ts';
import type { TableSchema } from './table-schema.ts';

export const LEDGER_STATUSES = [
  { value: 'open', label: { 'zh-CN': '待整改', en: 'Open' } },
  { value: 'in_progress', label: { 'zh-CN': '整改中', en: 'In progress' } },
  { value: 'rectified', label: { 'zh-CN': '已整改待核查', en: 'Rectified, awaiting check' } },
  { value: 'closed', label: { 'zh-CN': '已销账', en: 'Closed' } },
  { value: 'reopened', label: { 'zh-CN': '回潮', en: 'Recurred' } },
  // 挂账: cannot be fixed for now (waiting for a repair budget, a court, another department);
  // set by the office with a reason, out of the on-time denominator, counted on its own.
  { value: 'parked', label: { 'zh-CN': '挂账', en: 'Parked' } },
] as const satisfies readonly SelectOption[];
export type LedgerStatus = (typeof LEDGER_STATUSES)[number]['value'];

export const ISSUE_CATEGORIES = [
  { value: 'bikes_disorder', label: { 'zh-CN': '非机动车乱停放', en: 'Bikes parked in disorder' } },
  { value: 'greenbelt_rubbish', label: { 'zh-CN': '绿化带垃圾', en: 'Rubbish in green belts' } },
  { value: 'stairwell_clutter', label: { 'zh-CN': '楼道堆物', en: 'Things stacked in stairwells' } },
  { value: 'street_rubbish', label: { 'zh-CN': '沿街垃圾', en: 'Street rubbish' } },
  { value: 'flying_wire_charging', label: { 'zh-CN': '飞线充电', en: 'Flying-wire charging' } },
  { value: 'road_damage', label: { 'zh-CN': '路面破损', en: 'Damaged road surface' } },
  { value: 'greenery_damage', label: { 'zh-CN': '绿化破损', en: 'Damaged greenery' } },
  { value: 'glass_damage', label: { 'zh-CN': '玻璃破损', en: 'Broken glass' } },
  { value: 'wall_damage', label: { 'zh-CN': '墙面破损', en: 'Damaged walls' } },
  { value: 'publicity_lacking', label: { 'zh-CN': '宣传氛围不足', en: 'Missing publicity' } },
] as const satisfies readonly SelectOption[];
export type IssueCategory = (typeof ISSUE_CATEGORIES)[number]['value'];

export const ISSUE_SOURCES = [
  { value: 'district_inspection', label: { 'zh-CN': '区督察组', en: 'District inspectors' } },
  { value: 'office', label: { 'zh-CN': '街道文明办', en: 'Sub-district civilization office' } },
  { value: 'citizen_patrol', label: { 'zh-CN': '市民巡访团', en: 'Citizen patrols' } },
  { value: 'third_party', label: { 'zh-CN': '第三方测评', en: 'Third-party assessment' } },
  { value: 'mutual_check', label: { 'zh-CN': '咬尾巴互查', en: 'Mutual check between committees' } },
  { value: 'self_check', label: { 'zh-CN': '自查', en: 'Self check' } },
  { value: 'volunteer', label: { 'zh-CN': '志愿者', en: 'Volunteers' } },
  { value: 'hotline_12345', label: { 'zh-CN': '12345热线', en: '12345 hotline' } },
] as const satisfies readonly SelectOption[];
export type IssueSource = (typeof ISSUE_SOURCES)[number]['value'];

export const ledgerSchema: TableSchema = {
  table: 'ledger',
  version: 1,
  fields: [
    rowIdField,
    committeeRefField,
    { key: 'siteId', kind: 'site', label: { 'zh-CN': '点位', en: 'Site' }, required: true },
    {
      key: 'category',
      kind: 'select',
      label: { 'zh-CN': '问题类别', en: 'Category' },
      required: true,
      options: ISSUE_CATEGORIES,
    },
    {
      key: 'description',
      kind: 'text',
      label: { 'zh-CN': '问题描述', en: 'Description' },
      required: true,
      maxLength: 500,
      multiline: true,
    },
    {
      key: 'source',
      kind: 'select',
      label: { 'zh-CN': '问题来源', en: 'Source' },
      required: true,
      options: ISSUE_SOURCES,
    },
    { key: 'foundAt', kind: 'datetime', label: { 'zh-CN': '发现时间', en: 'Found at' }, required: true },
    { key: 'foundBy', kind: 'person', label: { 'zh-CN': '发现人', en: 'Found by' } },
    { key: 'assignee', kind: 'person', label: { 'zh-CN': '责任人', en: 'Assignee' } },
    { key: 'deadline', kind: 'date', label: { 'zh-CN': '整改时限', en: 'Deadline' } },
    {
      key: 'status',
      kind: 'select',
      label: { 'zh-CN': '状态', en: 'Status' },
      required: true,
      options: LEDGER_STATUSES,
      default: 'open',
    },
    {
      key: 'rectification',
      kind: 'text',
      label: { 'zh-CN': '整改措施', en: 'Rectification' },
      maxLength: 500,
      multiline: true,
    },
    { key: 'rectifiedAt', kind: 'datetime', label: { 'zh-CN': '整改完成时间', en: 'Rectified at' } },
    { key: 'verifiedBy', kind: 'person', label: { 'zh-CN': '核查人', en: 'Verified by' } },
    { key: 'closedAt', kind: 'datetime', label: { 'zh-CN': '销账时间', en: 'Closed at' } },
    { key: 'recheckAt', kind: 'date', label: { 'zh-CN': '回头看日期', en: 'Re-check date' } },
    {
      key: 'parkedReason',
      kind: 'text',
      label: { 'zh-CN': '挂账原因', en: 'Reason parked' },
      maxLength: 500,
      multiline: true,
    },
    // 延时: the committee asks for a later deadline with a reason; the office approves
    // (the deadline moves, `extensions` + 1) or refuses (the request is cleared).
    { key: 'extensionDeadline', kind: 'date', label: { 'zh-CN': '申请延期至', en: 'Extension asked to' } },
    {
      key: 'extensionReason',
      kind: 'text',
      label: { 'zh-CN': '延期理由', en: 'Extension reason' },
      maxLength: 500,
      multiline: true,
    },
    {
      key: 'extensions',
      kind: 'number',
      label: { 'zh-CN': '已批延期次数', en: 'Extensions approved' },
      integer: true,
      min: 0,
    },
    {
      key: 'reworks',
      kind: 'number',
      label: { 'zh-CN': '返工次数', en: 'Sent back' },
      integer: true,
      min: 0,
    },
    { key: 'photos', kind: 'photos', label: { 'zh-CN': '照片', en: 'Photos' } },
    // Set by a check round's checker on the issues it found: the round (`checks.<roundId>`)
    // and the checklist item that failed.
    {
      key: 'roundId',
      kind: 'text',
      label: { 'zh-CN': '检查轮次', en: 'Check round' },
      maxLength: 32,
      pattern: COMMITTEE_ID_PATTERN,
    },
    {
      key: 'checkItem',
      kind: 'text',
      label: { 'zh-CN': '检查项目', en: 'Checklist item' },
      maxLength: 32,
      pattern: COMMITTEE_ID_PATTERN,
    },
    {
      key: 'recurrences',
      kind: 'number',
      label: { 'zh-CN': '回潮次数', en: 'Recurrences' },
      required: true,
      integer: true,
      min: 0,
      default: 0,
    },
    { key: 'createdAt', kind: 'datetime', label: { 'zh-CN': '登记时间', en: 'Created at' } },
    { key: 'createdBy', kind: 'person', label: { 'zh-CN': '登记人', en: 'Created by' } },
    { key: 'updatedAt', kind: 'datetime', label: { 'zh-CN': '更新时间', en: 'Updated at' } },
  ],
};
