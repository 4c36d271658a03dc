import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHECKIN_VALID_MS, signCheckin, verifyCheckin } from './checkin-token.ts';

describe('check-in codes', () => {
  const secret = randomBytes(16);
  const now = Date.parse('2026-11-24T10:00:00Z');

  it('accepts a fresh code of its event, until it goes stale', () => {
    const { token, expiresAt } = signCheckin(secret, 7, now);
    expect(verifyCheckin(secret, 7, token, now + 1000)).toEqual({ ok: true });
    expect(expiresAt.getTime()).toBe(now + CHECKIN_VALID_MS);
    expect(verifyCheckin(secret, 7, token, now + CHECKIN_VALID_MS + 1000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses another event’s code, another secret’s, a changed time, a code from the future and garbage', () => {
    const { token } = signCheckin(secret, 7, now);
    expect(verifyCheckin(secret, 8, token, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyCheckin(randomBytes(16), 7, token, now)).toEqual({ ok: false, reason: 'invalid' });
    const [, signature] = token.split('.');
    const later = Math.floor(now / 1000 + 600).toString(36);
    expect(verifyCheckin(secret, 7, `${later}.${signature}`, now + 600_000)).toEqual({ ok: false, reason: 'invalid' });
    const future = signCheckin(secret, 7, now + 600_000).token;
    expect(verifyCheckin(secret, 7, future, now)).toEqual({ ok: false, reason: 'expired' });
    for (const bad of ['', 'abc', 'a.b.c', '!!.AAAA', `${token}x`]) expect(verifyCheckin(secret, 7, bad, now).ok).toBe(false);
  });
});
