import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import { cleanEmail, isNoPhone } from './channels.ts';
import { base64UrlToBytes, sameKey } from './push-key.ts';
import { pushStateOf, type PushFacts } from './push-state.ts';

/** A VAPID public key as `web-push generate-vapid-keys` prints it: 65 bytes of an uncompressed P-256 point, base64url. */
const KEY = 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U';
const keyBytes = () => new Uint8Array(Buffer.from(KEY, 'base64url'));

describe('the server’s push key as bytes', () => {
  it('decodes base64url (- and _, no padding) to the key’s 65 bytes', () => {
    const bytes = base64UrlToBytes(KEY)!;
    expect(bytes).toHaveLength(65);
    expect(bytes[0]).toBe(0x04);
    expect([...bytes]).toEqual([...keyBytes()]);
    expect(bytes.buffer).toBeInstanceOf(ArrayBuffer);
  });
  it('takes every length, padded or not, and the URL-safe letters', () => {
    for (const raw of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar', '\xff\xfe\xfd>?']) {
      const b64url = Buffer.from(raw, 'latin1').toString('base64url');
      expect([...base64UrlToBytes(b64url)!]).toEqual([...Buffer.from(raw, 'latin1')]);
      expect([...base64UrlToBytes(Buffer.from(raw, 'latin1').toString('base64').replace(/\+/g, '-').replace(/\//g, '_'))!]).toEqual([
        ...Buffer.from(raw, 'latin1'),
      ]);
    }
    expect(base64UrlToBytes(` ${KEY}\n`)).toHaveLength(65);
  });
  it('refuses text that is not base64url', () => {
    expect(base64UrlToBytes('abc+def/')).toBeNull(); // plain base64 letters
    expect(base64UrlToBytes('a b')).toBeNull();
    expect(base64UrlToBytes('abcde')).toBeNull(); // 5 letters cannot come from whole bytes
  });
  it('tells a subscription made with this key from one made with another', () => {
    const key = keyBytes();
    expect(sameKey(key.slice().buffer, key)).toBe(true);
    const other = key.slice();
    other[64] = other[64]! ^ 1;
    expect(sameKey(other.buffer, key)).toBe(false);
    expect(sameKey(key.slice(0, 64).buffer, key)).toBe(false);
    expect(sameKey(null, key)).toBe(true); // the browser does not say: taken at its word
  });
});

describe('what the screen says about push on this device', () => {
  const facts = (f: Partial<PushFacts>): PushFacts => ({
    publicKey: KEY,
    supported: true,
    permission: 'granted',
    subscription: { key: keyBytes().buffer },
    ...f,
  });
  it('is on with permission and a subscription made with the server’s key', () => {
    expect(pushStateOf(facts({}))).toBe('on');
    expect(pushStateOf(facts({ subscription: { key: null } }))).toBe('on');
  });
  it('is off without a subscription, without permission yet, or with one the server can no longer reach', () => {
    expect(pushStateOf(facts({ subscription: null }))).toBe('off');
    expect(pushStateOf(facts({ permission: 'default', subscription: null }))).toBe('off');
    expect(pushStateOf(facts({ permission: 'default' }))).toBe('off');
    expect(pushStateOf(facts({ subscription: { key: new Uint8Array(65).buffer } }))).toBe('off');
  });
  it('says the server sends no push before anything about the browser', () => {
    expect(pushStateOf(facts({ publicKey: null, supported: false }))).toBe('server-off');
    expect(pushStateOf(facts({ publicKey: null, permission: 'denied' }))).toBe('server-off');
  });
  it('says when the browser cannot, or the person blocked it', () => {
    expect(pushStateOf(facts({ supported: false, subscription: null }))).toBe('unsupported');
    expect(pushStateOf(facts({ permission: 'denied', subscription: null }))).toBe('blocked');
    expect(pushStateOf(facts({ permission: 'denied', subscription: undefined }))).toBe('blocked');
  });
  it('is still checking while the key or the subscription is being read', () => {
    expect(pushStateOf(facts({ publicKey: undefined }))).toBe('checking');
    expect(pushStateOf(facts({ subscription: undefined }))).toBe('checking');
  });
});

describe('SMS and email settings', () => {
  it('takes an email address trimmed, and refuses what is clearly not one', () => {
    expect(cleanEmail('  rekha@example.org ')).toBe('rekha@example.org');
    for (const bad of ['', 'rekha', 'rekha@', '@example.org', 'rekha@example', 'a b@example.org', `${'a'.repeat(200)}@example.org`])
      expect(cleanEmail(bad)).toBeNull();
  });
  it('knows the server’s “no phone on your record”', () => {
    expect(isNoPhone(new ApiError(400, 'validation', 'x', [{ path: 'sms', message: 'no phone' }]))).toBe(true);
    expect(isNoPhone(new ApiError(400, 'validation', 'x', [{ path: 'email', message: 'bad' }]))).toBe(false);
    expect(isNoPhone(new ApiError(0, 'offline', 'x'))).toBe(false);
  });
});
