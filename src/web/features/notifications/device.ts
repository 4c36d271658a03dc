import { api } from '../../lib/api.ts';

/**
 * Web Push on this browser: what it can do, its subscription, and forgetting it. Small and in the first load, because
 * signing out uses it (the next person on a shared phone must not get the previous person's messages).
 */

/** Who turned push on in this browser (a person id), so that another person signing in does not get their messages. */
const OWNER_KEY = 'setu.push.owner';

/** Push was turned on here by this person. */
export function rememberPushOwner(personId: number): void {
  globalThis.localStorage?.setItem(OWNER_KEY, String(personId));
}

/** Whether this browser can receive Web Push at all (an iPhone only once Setu is added to the home screen). */
export const pushSupported = (): boolean =>
  typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof PushManager !== 'undefined' && typeof Notification !== 'undefined';

/** The service worker's registration once it is active, or undefined (none, or not active within `waitMs`). */
export async function activeRegistration(waitMs = 5_000): Promise<ServiceWorkerRegistration | undefined> {
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration) return undefined;
  if (registration.active) return registration;
  return Promise.race([navigator.serviceWorker.ready, new Promise<undefined>((resolve) => setTimeout(resolve, waitMs))]);
}

/** This browser's push subscription for Setu, or null. */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const registration = await navigator.serviceWorker.getRegistration();
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/**
 * Signing out: this browser stops getting the person's messages. The subscription is dropped on the phone (the push
 * service then refuses the server's sends) and the server is told, while the session still lets it. Never throws,
 * and gives up after `withinMs`, so signing out is never held up by it.
 */
export async function forgetPushOnThisDevice(withinMs = 3_000): Promise<void> {
  const work = (async () => {
    const subscription = await currentSubscription();
    if (!subscription) return;
    const { endpoint } = subscription;
    await Promise.allSettled([subscription.unsubscribe(), api('DELETE', '/api/me/push-subscriptions', { endpoint })]);
    localStorage.removeItem(OWNER_KEY);
  })().catch(() => {});
  await Promise.race([work, new Promise((resolve) => setTimeout(resolve, withinMs))]);
}

/**
 * Signed in (or the app opened signed in): a subscription someone else made here, whose sign-out never ran (the session
 * ran out, the phone was handed over), is dropped on the phone; the push service then refuses the server's sends to it.
 */
export async function dropOthersPush(personId: number): Promise<void> {
  if (localStorage.getItem(OWNER_KEY) === String(personId)) return;
  const subscription = await currentSubscription().catch(() => null);
  if (!subscription) return;
  await subscription.unsubscribe().catch(() => false);
  localStorage.removeItem(OWNER_KEY);
}
