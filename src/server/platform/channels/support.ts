import type { SendOutcome } from './channel.ts';

// Grapheme clusters, so a cut never separates a Devanagari consonant from its vowel sign or virama (कि, क्ष).
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Shortens `text` at a grapheme boundary so that it, plus `ellipsis`, costs at most `budget`; text that fits is returned
 * untouched. `cost` must be additive over pieces (UTF-16 units, UTF-8 bytes, GSM septets), so one pass suffices.
 */
export function cutToFit(text: string, budget: number, cost: (piece: string) => number, ellipsis = '…'): string {
  if (cost(text) <= budget) return text;
  let used = cost(ellipsis);
  if (used > budget) return '';
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    const c = cost(segment);
    if (used + c > budget) break;
    used += c;
    out += segment;
  }
  return out.trimEnd() + ellipsis;
}

/** Retry-After as milliseconds: either delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A retryable outcome, leaving retryAfterMs out when the provider gave no hint (the queue then uses its own backoff). */
export function retry(reason: string, retryAfter?: number): SendOutcome {
  return retryAfter === undefined ? { ok: false, permanent: false, reason } : { ok: false, permanent: false, reason, retryAfterMs: retryAfter };
}

export function permanent(reason: string): SendOutcome {
  return { ok: false, permanent: true, reason };
}

/**
 * Why fetch() threw, in a few words: a timeout, or the system error code under undici's "fetch failed" (ECONNREFUSED,
 * ENOTFOUND…). Never the URL, which for Telegram carries the bot token.
 */
export function networkReason(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'network: timed out';
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return `network: ${cause.code}`;
  if (cause && typeof cause.message === 'string') return `network: ${cause.message}`;
  return `network: ${error instanceof Error ? error.message : String(error)}`;
}
