// Text shown to people in both interface languages: zh-CN first, English switchable.

export type Locale = 'zh-CN' | 'en';

export interface LocalizedText {
  readonly 'zh-CN': string;
  readonly en: string;
}

/** The text in one language. */
export function localize(text: LocalizedText, locale: Locale): string {
  return text[locale];
}
