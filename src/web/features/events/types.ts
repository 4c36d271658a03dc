// The answers these screens read, as types only (`import type`): the zod schemas stay out of the browser's bundle.
export type {
  CreateEvent,
  EventDetail,
  EventKind,
  EventListItem,
  EventPage,
  EventPeriod,
  EventRollup,
  PersonAttendance,
  Roll,
  UpdateEvent,
  WalkInNamesResult,
} from '../../../contracts/events.ts';
export type { FileRef } from '../../../contracts/directives.ts';
export type { UnitDetail, UnitRef } from '../../../contracts/org.ts';

import type {
  CalendarFeed as Feed,
  CheckinCode as Code,
  CheckinResult as Result,
  RollEntry as Entry,
  RsvpAnswer as Answer,
  WalkInResult as WalkIn,
} from '../../../contracts/events.ts';
import type { z } from 'zod';

export type CalendarFeed = z.infer<typeof Feed>;
export type RollEntry = z.infer<typeof Entry>;
export type RsvpAnswer = z.infer<typeof Answer>;
export type CheckinCode = z.infer<typeof Code>;
export type CheckinResult = z.infer<typeof Result>;
export type WalkInResult = z.infer<typeof WalkIn>;

/** The answers to "will you come?", in the order the buttons show them (the contract's list, repeated so zod stays out). */
export const RSVP_ANSWERS = ['yes', 'no', 'maybe'] as const satisfies readonly RsvpAnswer[];
