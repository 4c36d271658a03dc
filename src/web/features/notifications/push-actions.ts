import { api } from '../../lib/api.ts';
import { activeRegistration, currentSubscription, rememberPushOwner } from './device.ts';
import { base64UrlToBytes, sameKey } from './push-key.ts';

/** Why turning push on failed on the phone's side (the server's refusals come as ApiError). */
export class PushSetupError extends Error {
  override name = 'PushSetupError';
  /** `no-worker`: the app's service worker is not running yet; `bad-key`: the server's key is not base64url; `browser`: the browser refused to subscribe. */
  readonly reason: 'no-worker' | 'bad-key' | 'browser';
  constructor(reason: PushSetupError['reason'], cause?: unknown) {
    super(`push setup failed: ${reason}`, { cause });
    this.reason = reason;
  }
}

/**
 * Turns push on for this device: the browser asks the person, subscribes with the server's key, and the server is
 * given the subscription. `blocked` or `dismissed` when the person did not allow notifications. Must start from a tap
 * (browsers only ask for permission then).
 */
export async function turnOnPush(publicKey: string, personId: number): Promise<'on' | 'blocked' | 'dismissed'> {
  const permission = await Notification.requestPermission();
  if (permission === 'denied') return 'blocked';
  if (permission !== 'granted') return 'dismissed';
  const key = base64UrlToBytes(publicKey);
  if (!key) throw new PushSetupError('bad-key');
  const registration = await activeRegistration();
  if (!registration) throw new PushSetupError('no-worker');
  let subscription = await registration.pushManager.getSubscription();
  // One made with an older key of the server's can no longer be reached: replace it.
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe().catch(() => {});
    subscription = null;
  }
  try {
    subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  } catch (error) {
    throw new PushSetupError('browser', error);
  }
  try {
    await api('POST', '/api/me/push-subscriptions', subscription.toJSON());
    rememberPushOwner(personId);
  } catch (error) {
    // The server does not have it: the phone does not keep it either, so what the screen says stays true.
    await subscription.unsubscribe().catch(() => {});
    throw error;
  }
  return 'on';
}

/** Turns push off for this device: the server forgets it first (so a failure leaves it on, and says so), then the phone. */
export async function turnOffPush(): Promise<void> {
  const subscription = await currentSubscription();
  if (!subscription) return;
  await api('DELETE', '/api/me/push-subscriptions', { endpoint: subscription.endpoint });
  await subscription.unsubscribe();
}
