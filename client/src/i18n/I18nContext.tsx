// The chosen interface language for the whole app (zh-CN unless the person switched),
// remembered in localStorage and mirrored on <html lang>.
import type { Locale } from '@civic-ledger/shared';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { type Translate, translator } from './messages.ts';

const KEY = 'civic-ledger.locale';

interface I18n {
  readonly locale: Locale;
  readonly t: Translate;
  setLocale(locale: Locale): void;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(
    () => ({
      locale,
      t: translator(locale),
      setLocale(next) {
        setLocaleState(next);
        try {
          localStorage.setItem(KEY, next);
        } catch {
          // The choice lasts for this page only.
        }
      },
    }),
    [locale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
