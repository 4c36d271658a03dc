import { useCallback, useEffect, useState } from 'react';
import { useFetch } from '../../lib/use-fetch.ts';
import { currentSubscription, pushSupported } from './device.ts';
import { pushStateOf, type PushFacts } from './push-state.ts';

/**
 * Web Push on this device as the screen shows it: the server's key, the browser's permission and subscription. Read
 * again when the person comes back to the tab (from the browser's site settings, where a block is lifted).
 */
export function usePush() {
  const key = useFetch<{ publicKey: string | null }>('/api/push/vapid-public-key');
  const supported = pushSupported();
  const [permission, setPermission] = useState<NotificationPermission>(() => (supported ? Notification.permission : 'default'));
  const [subscription, setSubscription] = useState<PushFacts['subscription']>(supported ? undefined : null);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    if (!supported) return;
    let live = true;
    setPermission(Notification.permission);
    currentSubscription().then(
      (s) => live && setSubscription(s ? { key: s.options.applicationServerKey } : null),
      () => live && setSubscription(null),
    );
    return () => {
      live = false;
    };
  }, [supported, tick]);

  useEffect(() => {
    const back = () => document.visibilityState === 'visible' && refresh();
    document.addEventListener('visibilitychange', back);
    return () => document.removeEventListener('visibilitychange', back);
  }, [refresh]);

  const publicKey = key.data?.publicKey;
  const state = pushStateOf({ publicKey, supported, permission, subscription });
  return { state, publicKey: publicKey ?? null, keyError: key.data ? undefined : key.error, fromCache: key.fromCache, retry: key.reload, refresh };
}
