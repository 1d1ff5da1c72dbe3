// Looks up interface text in the chosen language and fills in `{name}` placeholders.
import type { Locale } from '@civic-ledger/shared';
import { en } from './en.ts';
import { type MessageKey, zhCN } from './zh-CN.ts';

export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const DICTIONARIES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function translator(locale: Locale): Translate {
  const dictionary = DICTIONARIES[locale];
  return (key, params) => {
    const template = dictionary[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

/** Numbers as the language writes them (the sum in the status bar). */
export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(value);
}
