/**
 * The server's VAPID public key is base64url text (RFC 7515: `-` and `_`, no padding); `PushManager.subscribe` wants
 * its bytes. `null` for text that is not base64url.
 */
export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  const trimmed = text.trim().replace(/=+$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(trimmed) || trimmed.length % 4 === 1) return null;
  const base64 = trimmed.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Whether a subscription was made with this key (a server whose key changed cannot reach it any more). A browser that
 * does not say which key it used is taken at its word.
 */
export function sameKey(used: ArrayBuffer | null | undefined, key: Uint8Array): boolean {
  if (!used) return true;
  const a = new Uint8Array(used);
  return a.length === key.length && a.every((b, i) => b === key[i]);
}
