import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomFillSync, type KeyObject } from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encryption of personal data at rest (AES-256-GCM) and its blind index (HMAC-SHA256) for exact lookup and
 * dedupe. Both keys are derived from the one secret with HKDF, so neither use can be turned into the other.
 * The ciphertext carries a version byte and a key id so that keys can be rotated row by row later.
 */
export interface PiiCipher {
  readonly keyId: number;
  encrypt(plain: string): Uint8Array;
  decrypt(sealed: Uint8Array): string;
  /** Deterministic keyed hash of an already-normalised value (e.g. an E.164 phone). */
  blindIndex(normalised: string, purpose?: string): Uint8Array;
}

/**
 * A key for one purpose, derived from the server's secret with HKDF (info `setu:<purpose>`), so that no use can be
 * turned into another. A key object, not a buffer: Node imports a buffer key on every call, which costs more than
 * sealing a phone number (an import encrypts and hashes a million of them).
 */
export function deriveKey(secretBase64: string, purpose: string): KeyObject {
  const secret = Buffer.from(secretBase64, 'base64');
  if (secret.length !== 32) throw new Error('the secret key must be 32 bytes');
  return createSecretKey(Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `setu:${purpose}`, 32)));
}

export function createPiiCipher(secretBase64: string, keyId = 1): PiiCipher {
  const derive = (info: string) => deriveKey(secretBase64, info);
  const encKey = derive('pii-encryption:v1');
  const macKey = derive('pii-blind-index:v1');
  const ivs = new RandomPool(IV_BYTES * 4096);
  const header = Buffer.from([VERSION, keyId]);
  return {
    keyId,
    encrypt(plain) {
      const iv = ivs.take(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      cipher.setAAD(header);
      const body = cipher.update(plain, 'utf8');
      const last = cipher.final();
      const sealed = new Uint8Array(2 + IV_BYTES + TAG_BYTES + body.length + last.length);
      sealed.set(header, 0);
      sealed.set(iv, 2);
      sealed.set(cipher.getAuthTag(), 2 + IV_BYTES);
      sealed.set(body, 2 + IV_BYTES + TAG_BYTES);
      sealed.set(last, 2 + IV_BYTES + TAG_BYTES + body.length);
      return sealed;
    },
    decrypt(sealed) {
      const buf = Buffer.from(sealed);
      if (buf[0] !== VERSION || buf[1] !== keyId) throw new Error(`sealed with unknown key ${buf[0]}/${buf[1]}`);
      const iv = buf.subarray(2, 2 + IV_BYTES);
      const tag = buf.subarray(2 + IV_BYTES, 2 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', encKey, iv);
      decipher.setAAD(buf.subarray(0, 2));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(buf.subarray(2 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
    blindIndex(normalised, purpose = 'phone') {
      return new Uint8Array(createHmac('sha256', macKey).update(`${purpose}:${normalised}`).digest());
    },
  };
}

/** Random bytes drawn from the CSPRNG a few kilobytes at a time (one call per 4,096 IVs instead of one per IV). */
class RandomPool {
  readonly #buf: Buffer;
  #at: number;
  constructor(size: number) {
    this.#buf = Buffer.alloc(size);
    this.#at = size;
  }
  /** A view of the next `n` bytes, good until the pool is refilled: copy it to keep it. */
  take(n: number): Buffer {
    if (this.#at + n > this.#buf.length) {
      randomFillSync(this.#buf);
      this.#at = 0;
    }
    const out = this.#buf.subarray(this.#at, this.#at + n);
    this.#at += n;
    return out;
  }
}

/** A keyed hash for secrets we only ever compare (one-time codes, session tokens are hashed plain; see auth). */
export function hmac(key: Uint8Array, ...parts: string[]): Uint8Array {
  const h = createHmac('sha256', key);
  for (const p of parts) h.update(p).update('\u0000');
  return new Uint8Array(h.digest());
}
