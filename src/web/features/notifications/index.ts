import { lazy } from 'react';

/**
 * Notifications (सूचनाएं): how Setu reaches a person outside the app — Web Push on this device, SMS to their own
 * number, email. The settings screen is a chunk loaded on demand; the first load carries the home page's card and
 * what signing out needs (this device stops getting the person's messages).
 */
export { NotificationsHomeCard } from './home-card.tsx';
export { dropOthersPush, forgetPushOnThisDevice } from './device.ts';

/** /settings/notifications */
export const NotificationsPage = lazy(() => import('./screens.ts').then((m) => ({ default: m.NotificationsPage })));
