import type { Lang } from './format.ts';

/**
 * A title or text written in Hindi and/or English (a directive, an event), in the reader's language, or the other one
 * when it was written only in that (a state leader may write only Hindi). The language is returned too, so the element can carry `lang` for screen readers.
 */
export function pickLang(lang: Lang, hi: string | null | undefined, en: string | null | undefined): { text: string; lang: Lang } {
  const first = lang === 'hi' ? hi : en;
  if (first) return { text: first, lang };
  const other = lang === 'hi' ? en : hi;
  return { text: other ?? '', lang: lang === 'hi' ? 'en' : 'hi' };
}

/** The text in the language not shown first, when it exists and differs: offered under "also in English / हिंदी में भी". */
export function otherLang(lang: Lang, hi: string | null | undefined, en: string | null | undefined): { text: string; lang: Lang } | null {
  const shown = pickLang(lang, hi, en);
  const other = shown.lang === 'hi' ? en : hi;
  return other && other !== shown.text ? { text: other, lang: shown.lang === 'hi' ? 'en' : 'hi' } : null;
}
