/**
 * The check-in code rides in the address's fragment (`/events/12/checkin#t=…`): it never reaches a server log or a
 * Referer header. The token, or null when the address carries none.
 */
export function tokenFromHash(hash: string): string | null {
  const t = new URLSearchParams(hash.replace(/^#/, '')).get('t');
  return t && /^[\w.~-]{10,200}$/.test(t) ? t : null;
}

/** A calendar feed's address for the phone's calendar app: `webcal://` opens it as a subscription. */
export const webcalOf = (url: string) => url.replace(/^https?:\/\//, 'webcal://');
