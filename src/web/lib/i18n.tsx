import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { interpolate, type MessageSet } from './define-messages.ts';
import type { Lang } from './format.ts';

export { defineMessages, interpolate, type MessageSet } from './define-messages.ts';

const STORAGE_KEY = 'setu.lang';

/** Hindi for a visitor whose browser prefers it, English otherwise; a choice once made is remembered. */
export function initialLang(): Lang {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'hi' || saved === 'en') return saved;
  const preferred = globalThis.navigator?.languages ?? [];
  const firstIndian = preferred.find((l) => /^(hi|en)\b/i.test(l));
  return firstIndian?.toLowerCase().startsWith('en') ? 'en' : 'hi';
}

const LangContext = createContext<{ lang: Lang; setLang(lang: Lang): void }>({ lang: 'hi', setLang: () => {} });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export const useLang = () => useContext(LangContext);

/** The translator for one feature's messages in the current language. */
export function useT<E extends Record<string, string>>(messages: MessageSet<E>) {
  const { lang } = useLang();
  return useCallback((key: keyof E & string, vars?: Record<string, string | number>) => interpolate(messages[lang][key], vars), [lang, messages]);
}

/** A unit's (or anything's) name in the reader's language. */
export const nameIn = (lang: Lang, x: { nameEn: string; nameHi: string }) => (lang === 'hi' ? x.nameHi : x.nameEn);
