// Field definitions several table schemas share, so the id and phone rules exist once.

import { COMMITTEE_ID_PATTERN, ROW_ID_PATTERN } from '../core/ids.ts';
import type { FieldDef } from './fields.ts';

/** The row id, also the row's key in `doc.getMap('rows')`; `insertRow` makes one if absent. */
export const rowIdField: FieldDef = {
  key: 'id',
  kind: 'text',
  label: { 'zh-CN': '编号', en: 'ID' },
  required: true,
  pattern: ROW_ID_PATTERN,
};

/** Committees are keyed by their committee id, which also names their rooms. */
export const committeeIdField: FieldDef = {
  key: 'id',
  kind: 'text',
  label: { 'zh-CN': '居民区编号', en: 'Committee ID' },
  required: true,
  pattern: COMMITTEE_ID_PATTERN,
};

export const committeeRefField: FieldDef = {
  key: 'committeeId',
  kind: 'committee',
  label: { 'zh-CN': '居民区', en: 'Committee' },
  required: true,
};

export const phoneField: FieldDef = {
  key: 'phone',
  kind: 'text',
  label: { 'zh-CN': '联系电话', en: 'Phone' },
  maxLength: 20,
  pattern: '^\\+?[0-9][0-9 -]{4,19}$',
};
