/** The notifications settings screen, loaded on demand (see index.ts), with its styles. */
import './notifications.css';

export { NotificationsPage } from './notifications-page.tsx';
