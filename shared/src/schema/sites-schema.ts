// Inspection sites (点位): compounds, activity rooms, streets, crossings and markets, each
// in the care of one committee.
import { committeeRefField, rowIdField } from './common-fields.ts';
import type { SelectOption } from './fields.ts';
import type { TableSchema } from './table-schema.ts';

export const SITE_KINDS = [
  { value: 'residential_compound', label: { 'zh-CN': '居民小区', en: 'Residential compound' } },
  { value: 'activity_room', label: { 'zh-CN': '社区活动室', en: 'Community activity room' } },
  { value: 'main_street', label: { 'zh-CN': '主要道路', en: 'Main street' } },
  { value: 'back_street', label: { 'zh-CN': '背街小巷', en: 'Back street' } },
  { value: 'key_crossing', label: { 'zh-CN': '重点路口', en: 'Key crossing' } },
  { value: 'market', label: { 'zh-CN': '农贸市场', en: 'Market' } },
] as const satisfies readonly SelectOption[];
export type SiteKind = (typeof SITE_KINDS)[number]['value'];

export const sitesSchema: TableSchema = {
  table: 'sites',
  version: 1,
  fields: [
    rowIdField,
    { key: 'name', kind: 'text', label: { 'zh-CN': '点位名称', en: 'Name' }, required: true, maxLength: 100 },
    {
      key: 'kind',
      kind: 'select',
      label: { 'zh-CN': '类型', en: 'Kind' },
      required: true,
      options: SITE_KINDS,
    },
    committeeRefField,
    { key: 'address', kind: 'text', label: { 'zh-CN': '地址', en: 'Address' }, maxLength: 200 },
    // Where the site is (WGS-84 degrees), optional: the phone report page offers the
    // nearest sites first when the phone gives its position.
    { key: 'lat', kind: 'number', label: { 'zh-CN': '纬度', en: 'Latitude' }, min: -90, max: 90 },
    { key: 'lng', kind: 'number', label: { 'zh-CN': '经度', en: 'Longitude' }, min: -180, max: 180 },
  ],
};
