import ical, { ICalEventStatus } from 'ical-generator';
import type { EventRow } from '../events.repo.ts';

export type FeedLang = 'hi' | 'en';

/**
 * One entry of a feed, whatever it comes from (an event, a campaign's phase). `key` names it inside this installation
 * (`event-162`); the feed makes its UID unique across installations. `sequence` grows with every change a calendar
 * shows, so an app that has the entry replaces it; a whole-day entry runs from `start`'s day to the day before `end`'s.
 */
export interface CalendarEntry {
  key: string;
  start: Date;
  end: Date;
  allDay: boolean;
  summary: string;
  description: string;
  location: string | null;
  url: string;
  cancelled: boolean;
  sequence: number;
  lastModified: Date;
}

/** A calendar entry's UID: its key at this installation (two organisations' `event-162` are two events to a phone). */
export const entryUid = (key: string, installationId: string) => `${key}.${installationId}@setu`;

/** An event as a feed entry: in UTC, the venue or the video link as the location, its page in Setu as its URL. */
export function eventEntry(e: EventRow, lang: FeedLang, appUrl: string): CalendarEntry {
  const title = (lang === 'en' ? (e.title_en ?? e.title_hi) : (e.title_hi ?? e.title_en)) ?? '';
  const kind = lang === 'en' ? e.kind_en : e.kind_hi;
  const unit = lang === 'en' ? e.unit_name_en : e.unit_name_hi;
  const url = `${appUrl}/events/${e.id}`;
  return {
    key: `event-${e.id}`,
    start: e.starts_at,
    end: e.ends_at,
    allDay: false,
    summary: `${title} (${kind})`,
    description: [unit, e.video_url, url].filter(Boolean).join('\n'),
    location: e.venue ?? e.video_url ?? null,
    url,
    cancelled: e.cancelled_at !== null,
    sequence: e.revision,
    lastModified: e.modified_at,
  };
}

/**
 * Entries as an iCalendar (RFC 5545) document for a calendar app to subscribe to: one VEVENT each, with a UID stable
 * for the entry and unique to this installation, SEQUENCE and LAST-MODIFIED so an app updates a changed entry in place.
 */
export function renderCalendar(name: string, entries: readonly CalendarEntry[], lang: FeedLang, installationId: string): string {
  const calendar = ical({ name, prodId: { company: 'Setu', product: 'Setu events', language: lang.toUpperCase() } });
  for (const e of entries) {
    calendar.createEvent({
      id: entryUid(e.key, installationId),
      start: e.start,
      end: e.end,
      allDay: e.allDay,
      summary: e.summary,
      description: e.description,
      location: e.location,
      url: e.url,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      sequence: e.sequence,
      lastModified: e.lastModified,
    });
  }
  return calendar.toString();
}
