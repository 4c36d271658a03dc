import { base64UrlToBytes, sameKey } from './push-key.ts';

/**
 * What the screen says about Web Push on this device:
 * - `checking`: the server's key or the browser's subscription is not read yet;
 * - `server-off`: this server sends no push (no VAPID key configured);
 * - `unsupported`: this browser cannot receive push (no service worker, PushManager or Notification);
 * - `blocked`: the person (or the browser) refused notifications for the site; only the browser's settings undo it;
 * - `on` / `off`: this device gets the person's messages, or does not.
 */
export type PushState = 'checking' | 'server-off' | 'unsupported' | 'blocked' | 'on' | 'off';

export interface PushFacts {
  /** The server's key: undefined while it is read, null when the server sends no push. */
  publicKey: string | null | undefined;
  /** The browser has a service worker, PushManager and Notification. */
  supported: boolean;
  permission: NotificationPermission;
  /** This browser's subscription: undefined while it is read, null when there is none. */
  subscription: { key: ArrayBuffer | null } | null | undefined;
}

/** The state to show, from what the server and the browser say. */
export function pushStateOf(f: PushFacts): PushState {
  if (f.publicKey === undefined) return 'checking';
  if (f.publicKey === null) return 'server-off';
  if (!f.supported) return 'unsupported';
  if (f.permission === 'denied') return 'blocked';
  if (f.subscription === undefined) return 'checking';
  if (!f.subscription || f.permission !== 'granted') return 'off';
  // Made with another key (the server's key was changed): the server can no longer reach it, so it is off.
  const key = base64UrlToBytes(f.publicKey);
  return key && sameKey(f.subscription.key, key) ? 'on' : 'off';
}
