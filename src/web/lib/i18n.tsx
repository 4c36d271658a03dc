import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Lang } from './format.ts';

/**
 * Typed messages. Each feature defines its own with `defineMessages`: English sets the keys and Hindi must have
 * exactly the same ones (the type checker refuses a missing key; `npm run lint` also checks placeholders).
 */
export function defineMessages<const E extends Record<string, string>>(messages: { en: E; hi: { [K in keyof E]: string } }) {
  return messages;
}

export type MessageSet<E extends Record<string, string> = Record<string, string>> = { en: E; hi: { [K in keyof E]: string } };

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

/** Fills `{name}` placeholders. */
export function interpolate(text: string, vars?: Record<string, string | number>): string {
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
}

/** The translator for one feature's messages in the current language. */
export function useT<E extends Record<string, string>>(messages: MessageSet<E>) {
  const { lang } = useLang();
  return useCallback((key: keyof E & string, vars?: Record<string, string | number>) => interpolate(messages[lang][key], vars), [lang, messages]);
}

/** A unit's (or anything's) name in the reader's language. */
export const nameIn = (lang: Lang, x: { nameEn: string; nameHi: string }) => (lang === 'hi' ? x.nameHi : x.nameEn);
