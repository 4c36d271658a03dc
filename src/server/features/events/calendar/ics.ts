import ical, { ICalEventStatus } from 'ical-generator';
import type { EventListItem } from '../../../../contracts/events.ts';

export type FeedLang = 'hi' | 'en';

/**
 * Events as an iCalendar (RFC 5545) document for a calendar app to subscribe to: one VEVENT per event, in UTC, with
 * a stable UID (so an app updates an event in place), the venue or the video link as the location, and the event's
 * page in Setu as its URL. Titles in the feed's language, the other one when that is missing.
 */
export function renderCalendar(name: string, events: readonly EventListItem[], lang: FeedLang, appUrl: string): string {
  const calendar = ical({ name, prodId: { company: 'Setu', product: 'Setu events', language: lang.toUpperCase() } });
  for (const e of events) {
    const title = (lang === 'en' ? (e.titleEn ?? e.titleHi) : (e.titleHi ?? e.titleEn)) ?? '';
    const kind = lang === 'en' ? e.kind.nameEn : e.kind.nameHi;
    const unit = lang === 'en' ? e.unit.nameEn : e.unit.nameHi;
    const url = `${appUrl}/events/${e.id}`;
    calendar.createEvent({
      id: `event-${e.id}@setu`,
      start: new Date(e.startsAt),
      end: new Date(e.endsAt),
      summary: `${title} (${kind})`,
      description: [unit, e.videoUrl, url].filter(Boolean).join('\n'),
      location: e.venue ?? e.videoUrl ?? null,
      url,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
