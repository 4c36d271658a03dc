import { createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPiiCipher } from './crypto.ts';

const SECRET = Buffer.alloc(32, 7).toString('base64');

describe('PII cipher', () => {
  it('keeps the blind index of every stored phone: the same HMAC as ever', () => {
    const cipher = createPiiCipher(SECRET);
    // Pinned: a change here would orphan every blind index already in a database.
    expect(Buffer.from(cipher.blindIndex('+919000000001')).toString('hex')).toBe('7e842e4f4f04443637c67a6060e13fe601c872ea2090113b821a2f308b698161');
    const macKey = Buffer.from(hkdfSync('sha256', Buffer.from(SECRET, 'base64'), Buffer.alloc(0), 'setu:pii-blind-index:v1', 32));
    expect(Buffer.from(cipher.blindIndex('+919876543210')).equals(createHmac('sha256', macKey).update('phone:+919876543210').digest())).toBe(true);
  });

  it('seals with AES-256-GCM under a fresh IV every time, across refills of the IV pool', () => {
    const cipher = createPiiCipher(SECRET);
    const encKey = Buffer.from(hkdfSync('sha256', Buffer.from(SECRET, 'base64'), Buffer.alloc(0), 'setu:pii-encryption:v1', 32));
    const ivs = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const plain = `+91900000${String(i).padStart(4, '0')}`;
      const sealed = Buffer.from(cipher.encrypt(plain));
      expect(sealed.subarray(0, 2)).toEqual(Buffer.from([1, 1]));
      ivs.add(sealed.subarray(2, 14).toString('hex'));
      if (i % 997 === 0) {
        // Readable by plain AES-256-GCM with the documented layout: header (AAD) ‖ IV ‖ tag ‖ ciphertext.
        const d = createDecipheriv('aes-256-gcm', encKey, sealed.subarray(2, 14));
        d.setAAD(sealed.subarray(0, 2));
        d.setAuthTag(sealed.subarray(14, 30));
        expect(Buffer.concat([d.update(sealed.subarray(30)), d.final()]).toString('utf8')).toBe(plain);
        expect(cipher.decrypt(sealed)).toBe(plain);
      }
    }
    expect(ivs.size).toBe(10_000);
  });
});
