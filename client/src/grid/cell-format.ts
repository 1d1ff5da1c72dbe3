// How a stored cell value reads in the grid and on the clipboard: option labels and
// names instead of codes and ids, dates and times in Asia/Shanghai, in the chosen language.
import {
  type CellValue,
  type FieldDef,
  isoShanghai,
  type Locale,
  localize,
  parseIsoDateTime,
} from '@civic-ledger/shared';
import type { Lookups, RefTable } from '../registry/lookups.ts';

function refName(table: RefTable, id: string): string {
  return table.byId.get(id)?.name ?? id;
}

/** `2026-03-02T01:30:00Z` → `2026-03-02 09:30` (Shanghai wall time). */
export function formatShanghaiDateTime(value: string): string {
  const ms = parseIsoDateTime(value);
  if (ms === null) return value;
  const local = isoShanghai(ms);
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

export function formatCell(
  field: FieldDef,
  value: CellValue | undefined,
  locale: Locale,
  lookups: Lookups,
): string {
  if (value === null || value === undefined) return '';
  switch (field.kind) {
    case 'select': {
      const option = field.options.find((o) => o.value === value);
      return option ? localize(option.label, locale) : String(value);
    }
    case 'multiselect': {
      const values = Array.isArray(value) ? value : [String(value)];
      return values
        .map((v) => {
          const option = field.options.find((o) => o.value === v);
          return option ? localize(option.label, locale) : v;
        })
        .join(locale === 'zh-CN' ? '、' : ', ');
    }
    case 'person':
      return refName(lookups.people, String(value));
    case 'site':
      return refName(lookups.sites, String(value));
    case 'committee':
      return refName(lookups.committees, String(value));
    case 'boolean':
      return value === true ? (locale === 'zh-CN' ? '是' : 'Yes') : locale === 'zh-CN' ? '否' : 'No';
    case 'datetime':
      return typeof value === 'string' ? formatShanghaiDateTime(value) : String(value);
    case 'number':
      return typeof value === 'number' ? String(value) : String(value);
    case 'photos': {
      const count = Array.isArray(value) ? value.length : 0;
      if (count === 0) return '';
      return locale === 'zh-CN' ? `${count} 张` : `${count} photo${count === 1 ? '' : 's'}`;
    }
    default:
      return Array.isArray(value) ? value.join(', ') : String(value);
  }
}
