// Turns what a person typed or pasted into the value to store: option labels to codes,
// names to ids, spreadsheet date styles to ISO dates in Shanghai time. What cannot be read
// is passed on unchanged so that `validateValue` refuses it with its own clear reason.
import { type FieldDef, type SelectOption, shanghaiDateTime } from '@civic-ledger/shared';
import { type Lookups, resolveRef } from '../registry/lookups.ts';

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '✓', '√', 'x']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '']);

function pad2(n: string): string {
  return n.padStart(2, '0');
}

/** `2026/3/2`, `2026.3.2`, `2026年3月2日`, `2026-03-02` → `2026-03-02`; otherwise null. */
export function readDate(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  return m ? `${m[1]}-${pad2(m[2] ?? '')}-${pad2(m[3] ?? '')}` : null;
}

/** `9:30` → `09:30`; otherwise null. */
export function readTime(text: string): string | null {
  const m = /^(\d{1,2})[:：](\d{2})(?::\d{2})?$/.exec(text.trim());
  return m ? `${pad2(m[1] ?? '')}:${m[2]}` : null;
}

/** A date-time with an offset is kept; a wall-clock date and time is read as Shanghai time. */
export function readDateTime(text: string): string | null {
  const trimmed = text.trim();
  if (/[Tt].*([Zz]|[+-]\d{2}:\d{2})$/.test(trimmed)) return trimmed;
  const m = /^(.+?)(?:[ T]+(\d{1,2}[:：]\d{2}(?::\d{2})?))?$/.exec(trimmed);
  if (!m) return null;
  const date = readDate(m[1] ?? '');
  if (!date) return null;
  const time = m[2] ? readTime(m[2]) : '00:00';
  if (!time) return null;
  try {
    return shanghaiDateTime(date, time);
  } catch {
    return null;
  }
}

function readOption(options: readonly SelectOption[], text: string): string | null {
  const t = text.trim();
  const lower = t.toLowerCase();
  for (const o of options) {
    if (o.value === t || o.label['zh-CN'] === t || o.label.en.toLowerCase() === lower) return o.value;
  }
  return null;
}

export function parseCellInput(field: FieldDef, raw: unknown, lookups: Lookups): unknown {
  if (typeof raw !== 'string') return raw;
  const text = raw;
  if (text.trim() === '') return null;
  switch (field.kind) {
    case 'text':
      return text;
    case 'number': {
      const n = Number(text.trim().replace(/[,，\s]/g, ''));
      return Number.isFinite(n) ? n : text;
    }
    case 'boolean': {
      const w = text.trim().toLowerCase();
      if (TRUE_WORDS.has(w)) return true;
      if (FALSE_WORDS.has(w)) return false;
      return text;
    }
    case 'select':
      return readOption(field.options, text) ?? text;
    case 'multiselect':
      return text
        .split(/[、,，;；]/)
        .map((part) => part.trim())
        .filter((part) => part !== '')
        .map((part) => readOption(field.options, part) ?? part);
    case 'date':
      return readDate(text) ?? text;
    case 'datetime':
      return readDateTime(text) ?? text;
    case 'time':
      return readTime(text) ?? text;
    case 'person':
      return resolveRef(lookups.people, text) ?? text.trim();
    case 'site':
      return resolveRef(lookups.sites, text) ?? text.trim();
    case 'committee':
      return resolveRef(lookups.committees, text) ?? text.trim();
    case 'photos':
      // Photos are attached by uploading them; typed text is judged (and refused) as is.
      return text;
  }
}
