/** Numbers and dates the way Indian readers write them: 1,05,000; 10 नवंबर 2026 / 10 Nov 2026. */
export type Lang = 'hi' | 'en';

const locale = (lang: Lang) => (lang === 'hi' ? 'hi-IN' : 'en-IN');

/** 1,05,000 — Indian digit grouping, Latin digits in both languages (as Hindi newspapers print them). */
export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { numberingSystem: 'latn', maximumFractionDigits: 1 }).format(n);
}

/** 1.6 lakh / 1.6 लाख, 10.5 crore / 10.5 करोड़ for large round figures; plain grouping below a lakh. */
export function formatCompact(n: number, lang: Lang): string {
  const units: Array<[number, string, string]> = [
    [1e7, 'crore', 'करोड़'],
    [1e5, 'lakh', 'लाख'],
  ];
  for (const [size, en, hi] of units) {
    if (Math.abs(n) >= size) return `${formatNumber(Math.round((n / size) * 10) / 10, lang)} ${lang === 'hi' ? hi : en}`;
  }
  return formatNumber(n, lang);
}

/** 10 नवंबर 2026 / 10 Nov 2026. */
export function formatDate(d: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: lang === 'hi' ? 'long' : 'short', year: 'numeric', numberingSystem: 'latn' }).format(d);
}

/** A percentage for a ratio 0..1, without decimals. */
export function formatPercent(ratio: number, lang: Lang): string {
  // 1 booth of 1,612 is not "0%": say it is some, but under one per cent.
  if (ratio > 0 && ratio < 0.005) return `<${formatPercent(0.01, lang)}`;
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 0, numberingSystem: 'latn' }).format(ratio);
}

/** An E.164 number as people read it aloud: +91 98100 00003 (Indian mobiles in two fives); others unchanged. */
export function formatPhone(e164: string): string {
  const m = /^\+91(\d{5})(\d{5})$/.exec(e164);
  return m ? `+91 ${m[1]} ${m[2]}` : e164;
}
