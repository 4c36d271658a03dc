/** The events' screens, loaded on demand as one chunk (see index.ts), with their styles. */
import './events.css';

export { EventsPage } from './events-page.tsx';
export { NewEventPage } from './new-event-page.tsx';
export { EventPage } from './event-page.tsx';
export { EventRollupPage } from './rollup-page.tsx';
export { CheckinPage } from './checkin-page.tsx';
export { AttendedEvents } from './attended-events.tsx';
