import { z } from 'zod';
import { nameText, textBlock, textLine } from './text.ts';
import { Audience, FileRef } from './directives.ts';
import { UnitRef } from './org.ts';
import { Phone } from './phone.ts';

/** An event id in a path. */
export const EventId = z.coerce.number().int().positive().max(2_147_483_647);

const code = z.string().regex(/^[a-z][a-z0-9_]*$/);
const text = (max: number) => textLine(max);
const when = z.iso.datetime({ offset: true });
const httpUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .describe('an http(s) address: a Zoom or other video link pasted by the organiser');

/** A kind of event the organisation runs (workshop, training camp, meeting, …), named in Hindi and English. */
export const EventKind = z.object({ code: z.string(), nameEn: z.string(), nameHi: z.string(), virtual: z.boolean() });
export type EventKind = z.infer<typeof EventKind>;

export const EventSessionInput = z
  .strictObject({
    title: text(200),
    speaker: text(200).optional(),
    startsAt: when.optional(),
    endsAt: when.optional(),
  })
  .refine((s) => !s.startsAt || !s.endsAt || Date.parse(s.endsAt) >= Date.parse(s.startsAt), { message: 'ends before it starts', path: ['endsAt'] });
export const EventSession = z.object({
  title: z.string(),
  speaker: z.string().nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
});

/**
 * POST /api/events: an event at a unit in the caller's turf. With `holdAt`, it is held at every unit of that level below
 * (a meeting at every shakti kendra): one linked event per unit, each with its own venue, link and attendance. The
 * audience is the subtree (of each linked event, when fanned out) narrowed by levels, roles and departments; the
 * unit's own level is allowed (a district meeting of district office-bearers). A virtual kind without a pasted link
 * gets a Jitsi Meet room per event.
 */
export const CreateEvent = z
  .strictObject({
    clientKey: z.string().min(8).max(100),
    unitId: z.number().int().positive(),
    kind: code,
    titleHi: text(200).optional(),
    titleEn: text(200).optional(),
    description: textBlock(5000, 1).optional(),
    startsAt: when,
    endsAt: when,
    venue: text(300).optional(),
    videoUrl: httpUrl.optional(),
    /** Generate a video-meeting room even for a kind that is not virtual (a hybrid meeting). */
    virtual: z.boolean().optional(),
    holdAt: code.optional(),
    audience: Audience,
    sessions: z.array(EventSessionInput).max(50).default([]),
    chair: text(200).optional(),
    conductor: text(200).optional(),
    chiefGuest: text(200).optional(),
    /** When the audience is reminded (default: a day before, or at creation when that has passed). */
    remindAt: when.optional(),
  })
  .refine((e) => e.titleHi || e.titleEn, { message: 'a title in Hindi or English', path: ['titleHi'] })
  .refine((e) => Date.parse(e.endsAt) >= Date.parse(e.startsAt), { message: 'ends before it starts', path: ['endsAt'] });
export type CreateEvent = z.infer<typeof CreateEvent>;

/**
 * PATCH /api/events/{id}: what those running an event change after making it. Venue, link, times and people are each
 * occasion's own (a linked event's too); titles, description and sessions are the words of the event it was held from,
 * so a linked event refuses them (validation), and a change to them there reaches every linked event. `sessions`
 * replaces the whole programme.
 */
export const UpdateEvent = z
  .strictObject({
    titleHi: text(200).nullable().optional(),
    titleEn: text(200).nullable().optional(),
    description: textBlock(5000, 1).nullable().optional(),
    sessions: z.array(EventSessionInput).max(50).optional(),
    venue: text(300).nullable().optional(),
    videoUrl: httpUrl.nullable().optional(),
    startsAt: when.optional(),
    endsAt: when.optional(),
    chair: text(200).nullable().optional(),
    conductor: text(200).nullable().optional(),
    chiefGuest: text(200).nullable().optional(),
  })
  .refine((e) => Object.keys(e).length > 0, { message: 'nothing to change' });
export type UpdateEvent = z.infer<typeof UpdateEvent>;

export const RsvpAnswer = z.enum(['yes', 'no', 'maybe']);
export const Rsvp = z.strictObject({ answer: RsvpAnswer });

const EventCore = {
  id: z.number().int(),
  unit: UnitRef,
  parentId: z.number().int().nullable(),
  kind: EventKind,
  titleHi: z.string().nullable(),
  titleEn: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  venue: z.string().nullable(),
  videoUrl: z.string().nullable(),
  holdAt: z.string().nullable(),
  /** Linked events a fan-out created. */
  children: z.number().int(),
  cancelled: z.boolean(),
  heldAt: z.string().nullable(),
  attendees: z.number().int(),
  myRsvp: RsvpAnswer.nullable(),
};

export const EventListItem = z.object(EventCore);
export type EventListItem = z.infer<typeof EventListItem>;
export const EventList = z.object({ items: z.array(EventListItem) });

export const EventDetail = z.object({
  ...EventCore,
  description: z.string().nullable(),
  audience: Audience,
  sessions: z.array(EventSession),
  chair: z.string().nullable(),
  conductor: z.string().nullable(),
  chiefGuest: z.string().nullable(),
  createdBy: z.object({ id: z.number().int(), name: z.string() }),
  minutes: z.string().nullable(),
  photos: z.array(FileRef),
  rsvps: z.object({ yes: z.number().int(), no: z.number().int(), maybe: z.number().int() }),
  /** Whether the caller checked in or was marked present. */
  present: z.boolean(),
  /** Whether the caller is asked "will you come?": invited (named by its audience), and it is neither over nor cancelled. */
  canRsvp: z.boolean(),
  /** Whether the caller may run it: venue and link, attendance, the record. */
  canManage: z.boolean(),
});
export type EventDetail = z.infer<typeof EventDetail>;

/** What is still to come or going on (soonest first), or what is over (latest first). */
export const EventPeriod = z.enum(['upcoming', 'past']);
export type EventPeriod = z.infer<typeof EventPeriod>;

export const EventListQuery = z.object({
  /** mine: where I am in the audience or organise; unit: held at a unit (its own events only). */
  view: z.enum(['mine', 'unit']).default('mine'),
  unitId: z.coerce.number().int().positive().optional(),
  /** upcoming (default): from a day ago on; past: what has ended, latest first. */
  period: EventPeriod.default('upcoming'),
  from: when.optional(),
  to: when.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * GET /api/units/{id}/events: the events held in a unit's subtree, for the leaders above (a state convener finds the
 * districts' workshops). A fanned-out event is one row (its linked events are in its roll-up), unless it was held from
 * above the unit, when its linked events inside are the rows. Paged by `cursor` (the answer's `next`).
 */
export const UnitEventsQuery = z.object({
  /** The level of the unit that holds it, or that a fanned-out event is held at. */
  level: code.optional(),
  kind: code.optional(),
  period: EventPeriod.default('upcoming'),
  /** Only events ending at or after this time, and starting before `to`. */
  from: when.optional(),
  to: when.optional(),
  /** yes: held (by attendance or the record); no: started, not called off, and nobody recorded it held. */
  held: z.enum(['yes', 'no']).optional(),
  cursor: z
    .string()
    .regex(/^-?\d{1,18}\.\d{1,10}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type UnitEventsQuery = z.infer<typeof UnitEventsQuery>;
export const EventPage = z.object({ items: z.array(EventListItem), next: z.string().nullable() });
export type EventPage = z.infer<typeof EventPage>;

/** GET /api/events/{id}/checkin-code: what the organiser's screen shows as a QR code; it changes every minute. */
export const CheckinCode = z.object({ token: z.string(), url: z.string(), expiresAt: z.string(), refreshInMs: z.number().int() });
export const Checkin = z.strictObject({ token: z.string().min(10).max(200) });
/** `guest`: the caller is outside the event's audience and turf; counted, and shown to the organiser as a guest, but the event stays hidden from them. */
export const CheckinResult = z.object({ eventId: z.number().int(), present: z.literal(true), already: z.boolean(), guest: z.boolean() });

/** The organiser's roll call: the audience of the event's own unit subtree, those who said yes, and anyone marked. */
export const RollEntry = z.object({
  person: z.object({ id: z.number().int(), name: z.string() }),
  unit: UnitRef.nullable(),
  role: z.string().nullable(),
  department: z.string().nullable(),
  rsvp: RsvpAnswer.nullable(),
  present: z.boolean(),
  method: z.enum(['qr', 'roll_call', 'walk_in']).nullable(),
  /** Marked present from outside the event's audience and turf (a guest from elsewhere with the QR code). */
  guest: z.boolean(),
});
/**
 * GET /api/events/{id}/roll: one page of the roll, by unit and name; `q` finds names (Hindi or Latin letters, a typo
 * allowed), `unit` keeps those named at a unit of the event's subtree or below it, or `other` those on the roll for
 * another reason (walk-ins, those who answered, guests).
 */
export const RollQuery = z.object({
  q: textLine(100).optional(),
  unit: z.union([z.literal('other'), z.coerce.number().int().positive().max(2_147_483_647)]).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type RollQuery = z.infer<typeof RollQuery>;
/** How many on the roll (and present) per unit just below the event's, the event's own unit, and `unit: null` for the rest. */
export const RollGroup = z.object({ unit: UnitRef.nullable(), people: z.number().int(), present: z.number().int() });
export const Roll = z.object({
  items: z.array(RollEntry),
  /** Those present at the event, guests included. */
  attendees: z.number().int(),
  /** How many match the query, across all pages. */
  total: z.number().int(),
  /** The offset of the next page, or null after the last. */
  nextOffset: z.number().int().nullable(),
  groups: z.array(RollGroup),
});
export type Roll = z.infer<typeof Roll>;

/** POST /api/events/{id}/attendance: marks from a roll call, perhaps made offline; marking twice changes nothing. */
export const AttendanceMarks = z.strictObject({
  marks: z
    .array(z.strictObject({ personId: z.number().int().positive(), at: when.optional() }))
    .min(1)
    .max(500),
});

/**
 * POST /api/events/{id}/walk-ins: someone present who was not on the list. With a phone, found by phone and name or
 * added; without (many village workers have none, or will not give it), found by name on the roll or among the
 * phoneless people of the event's unit, or added there with no phone.
 */
export const WalkIn = z.strictObject({ phone: Phone.optional(), name: nameText() });
export const WalkInResult = z.object({ person: z.object({ id: z.number().int(), name: z.string() }), created: z.boolean() });

/** POST /api/events/{id}/walk-ins/names: a pasted list of those present, one name a line (Hindi or English). */
export const WalkInNames = z.strictObject({ names: z.array(nameText()).min(1).max(500) });
/**
 * What each line became: `matched` someone on the roll or a phoneless person of the event's unit with the same name
 * (`already` when they were present before), `added` as a new person of the event's unit, `ambiguous` (several on
 * the roll have this name: tick the right one) or `repeated` (the same name on an earlier line).
 */
export const WalkInNameOutcome = z.object({
  name: z.string(),
  outcome: z.enum(['matched', 'added', 'ambiguous', 'repeated']),
  person: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  already: z.boolean(),
});
export const WalkInNamesResult = z.object({
  items: z.array(WalkInNameOutcome),
  matched: z.number().int(),
  added: z.number().int(),
  ambiguous: z.number().int(),
  repeated: z.number().int(),
});
export type WalkInNamesResult = z.infer<typeof WalkInNamesResult>;

/** PUT /api/events/{id}/record: after the event, the documentation the reports ask for. */
export const EventRecord = z
  .strictObject({
    held: z.boolean().optional(),
    minutes: textBlock(20_000).nullable().optional(),
    photoFileIds: z.array(z.number().int().positive()).max(50).optional(),
  })
  .refine((e) => Object.keys(e).length > 0, { message: 'nothing to record' });

/** GET /api/events/{id}/rollup: for a fanned-out event, per child unit of the event's unit, held and attendance. */
export const EventRollupRow = z.object({
  unit: UnitRef,
  /** The child's own linked event, when the child is a unit the event is held at. */
  eventId: z.number().int().nullable(),
  events: z.number().int(),
  held: z.number().int(),
  attendees: z.number().int(),
});
export const EventRollup = z.object({
  unit: UnitRef,
  totals: z.object({ events: z.number().int(), held: z.number().int(), attendees: z.number().int() }),
  children: z.array(EventRollupRow),
  /** The first linked events not held yet, in tree order, and whether there are more. */
  notHeld: z.array(z.object({ id: z.number().int(), unit: UnitRef, startsAt: z.string() })),
  truncated: z.boolean(),
});
export type EventRollup = z.infer<typeof EventRollup>;

/** Private calendar feeds: a person's own events, or a unit's (and its linked events'). */
export const CreateCalendarFeed = z.strictObject({ unitId: z.number().int().positive().optional() });
export const CalendarFeed = z.object({
  id: z.string(),
  unit: UnitRef.nullable(),
  url: z.string(),
  createdAt: z.string(),
});
export const CalendarFeeds = z.object({ items: z.array(CalendarFeed) });

/** GET /api/people/{id}/events: the events a person attended, newest first (their record's attendance). */
export const PersonAttendance = z.object({
  items: z.array(z.object({ event: EventListItem, method: z.enum(['qr', 'roll_call', 'walk_in']), markedAt: z.string() })),
});
export type PersonAttendance = z.infer<typeof PersonAttendance>;
