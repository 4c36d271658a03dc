/** Events: workshops, training camps, meetings and rallies held by a unit (or at every unit of a level below it), with RSVPs, attendance, the record and calendar feeds. */
import { registerFileReader } from '../directives/index.ts';
import { eventPhotoVisible } from './access.ts';
import { calendarRoutes } from './calendar/calendar.routes.ts';
import type { EventsDeps } from './deps.ts';
import { eventRoutes } from './events.routes.ts';
import { startReminders } from './reminders.ts';

export type { EventsDeps } from './deps.ts';
export { applyEventKinds, DEFAULT_EVENT_KINDS } from './kinds.ts';
export { registerEventTopics } from './topics.ts';
/** The routes of this feature anyone may call: a calendar app reads a private feed with its token alone. */
export const EVENTS_PUBLIC_ROUTES = ['GET /api/calendar/{file}'];
export { sendDueReminders } from './reminders.ts';
export { signCheckin } from './checkin-token.ts';
export { addDemoEvents } from './demo.ts';
export { registerCalendarSource, type CalendarSource, type FeedRequest } from './calendar/sources.ts';
export type { CalendarEntry } from './calendar/ics.ts';

export function eventsRoutes(deps: EventsDeps) {
  // An event's photos are uploaded through /api/files and opened there by whoever sees the event.
  registerFileReader(eventPhotoVisible);
  const r = eventRoutes(deps);
  r.route('/', calendarRoutes(deps));
  return r;
}

/** The background work: reminders before events. */
export function startEventJobs(deps: EventsDeps, options: { remindersMs?: number } = {}) {
  return startReminders(deps, options.remindersMs);
}
