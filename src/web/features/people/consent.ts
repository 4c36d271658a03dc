import type { Lang } from '../../lib/format.ts';
import { peopleMessages } from './messages.ts';
import type { Consent, Notice } from './types.ts';

/** A consent purpose as a badge names it: the short name of a purpose Setu ships with, else its notice's title, else its code. */
export function purposeLabel(purpose: string, notices: readonly Notice[] | undefined, lang: Lang): string {
  const short = (peopleMessages[lang] as Record<string, string>)[`purpose_${purpose}`];
  return short ?? purposeTitle(purpose, notices, lang);
}

/** A purpose's full title (its notice's), for the consent history and the notice shown before consent. */
export function purposeTitle(purpose: string, notices: readonly Notice[] | undefined, lang: Lang): string {
  const notice = notices?.find((n) => n.purpose === purpose);
  return notice ? (lang === 'hi' ? notice.titleHi : notice.titleEn) : purpose;
}

/** Live consents first (newest first), then the withdrawn ones (most recently withdrawn first). */
export function orderConsents(history: readonly Consent[]): Consent[] {
  const time = (s: string | null) => (s ? Date.parse(s) : 0);
  return [...history].sort(
    (a, b) => Number(a.withdrawnAt !== null) - Number(b.withdrawnAt !== null) || time(b.withdrawnAt) - time(a.withdrawnAt) || time(b.givenAt) - time(a.givenAt),
  );
}
