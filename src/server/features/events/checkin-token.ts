import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PiiCipher } from '../../platform/crypto.ts';

/** A QR code is shown for this long, then replaced by the organiser's screen. */
export const CHECKIN_ROTATE_MS = 60_000;
/** A code scanned is accepted this long after it was made: a phone that scanned just before a change still counts. */
export const CHECKIN_VALID_MS = 3 * 60_000;

/** How long before an event's start its code is accepted: people arrive early, and are counted from the start. */
export const CHECKIN_OPENS_BEFORE_MS = 30 * 60_000;

export type CheckinVerdict = { ok: true } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * An event's check-in key, derived from the server's key and the event's id: nothing to store per event (a fan-out to
 * two lakh units writes no secrets), nothing in the database that would let a copy of it forge a check-in.
 */
export const checkinKey = (cipher: PiiCipher, eventId: number) => cipher.blindIndex(`event:${eventId}`, 'event-checkin');

const mac = (secret: Uint8Array, eventId: number, issuedAt: number) =>
  createHmac('sha256', secret).update(`setu-checkin:${eventId}:${issuedAt}`).digest().subarray(0, 16);

/**
 * A check-in code for one event, made now: `<issued at, base 36>.<HMAC>` under the event's own key. It names no
 * person (the scanner signs in as themselves), so anyone who sees the screen can check in while it is fresh, and a
 * photo forwarded to someone at home stops working within minutes.
 */
export function signCheckin(secret: Uint8Array, eventId: number, now = Date.now()): { token: string; expiresAt: Date } {
  const issuedAt = Math.floor(now / 1000);
  return { token: `${issuedAt.toString(36)}.${mac(secret, eventId, issuedAt).toString('base64url')}`, expiresAt: new Date(issuedAt * 1000 + CHECKIN_VALID_MS) };
}

/** Whether a scanned code was made by this event's secret (not forged, not another event's) and is still fresh. */
export function verifyCheckin(secret: Uint8Array, eventId: number, token: string, now = Date.now()): CheckinVerdict {
  const [issued, signature, extra] = token.split('.');
  if (!issued || !signature || extra !== undefined || !/^[0-9a-z]{1,10}$/.test(issued)) return { ok: false, reason: 'invalid' };
  const issuedAt = parseInt(issued, 36);
  const expected = mac(secret, eventId, issuedAt);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  // A code from the future (a forged clock) is as bad as an old one.
  if (issuedAt * 1000 > now + 5_000 || now - issuedAt * 1000 > CHECKIN_VALID_MS) return { ok: false, reason: 'expired' };
  return { ok: true };
}
