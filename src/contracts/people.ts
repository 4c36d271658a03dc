import { z } from 'zod';
import { nameText, textBlock, textLine } from './text.ts';
import { UnitRef } from './org.ts';
import { Phone } from './phone.ts';

/** A person id in a path or body. */
export const PersonIdParam = z.coerce.number().int().positive().max(2_147_483_647);

/** Age bands. A person in `under_18` is a child: never messaged, never on a group roster, never self-signed-up. */
export const AGE_BANDS = ['under_18', '18_25', '26_35', '36_50', '51_65', 'over_65'] as const;
export const AgeBand = z.enum(AGE_BANDS);
export type AgeBand = z.infer<typeof AgeBand>;

/** Consent purposes with a published notice. The list is the notices table; these two ship with Setu. */
export const Purpose = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/)
  .max(40);
export const DEFAULT_PURPOSES = ['org_updates', 'whatsapp_groups'] as const;

/** How consent was given: on a worker's phone in person, by the person at a self sign-up link, or imported with evidence. */
export const ConsentMethod = z.enum(['in_person', 'self_signup', 'import']);
export type ConsentMethod = z.infer<typeof ConsentMethod>;

const name = nameText();
/** Language codes as people name them (ISO 639-1: hi, en, ur, bn…). */
const languages = z.array(z.string().regex(/^[a-z]{2,3}$/)).max(10);
const tags = z.array(textLine(40)).max(20);
const notes = textBlock(2000);

/** A notice, in both languages, as shown before consent. `hash` is the hex SHA-256 that consent records point at. */
export const Notice = z.object({
  id: z.number().int(),
  purpose: z.string(),
  version: z.number().int(),
  titleHi: z.string(),
  titleEn: z.string(),
  textHi: z.string(),
  textEn: z.string(),
  hash: z.string(),
  publishedAt: z.string(),
});
export type Notice = z.infer<typeof Notice>;
/** GET /api/notices: the current (latest) version of every purpose. */
export const Notices = z.object({ items: z.array(Notice) });

/** Consent given with a capture or recorded later: the purpose and the notice version the person was shown. */
export const GiveConsent = z.strictObject({ purpose: Purpose, noticeVersion: z.number().int().positive() });
export type GiveConsent = z.infer<typeof GiveConsent>;

/** A consent record as the person's page shows it. */
export const Consent = z.object({
  id: z.number().int(),
  purpose: z.string(),
  noticeVersion: z.number().int(),
  noticeHash: z.string(),
  method: ConsentMethod,
  evidence: z.string().nullable(),
  recordedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  givenAt: z.string(),
  withdrawnAt: z.string().nullable(),
});
export type Consent = z.infer<typeof Consent>;

/**
 * POST /api/units/{id}/people: one person met door to door (or added by hand), with the consents they gave on the
 * worker's phone. `clientId` is made on the device when the form is filled, so a sync retried after a lost answer
 * finds the record the first try made instead of making a second.
 */
export const CapturePerson = z.strictObject({
  clientId: z.uuid().optional(),
  name,
  phone: Phone.optional(),
  whatsapp: z.boolean().default(false),
  ageBand: AgeBand.optional(),
  languages: languages.default([]),
  tags: tags.default([]),
  notes: notes.optional(),
  consents: z.array(GiveConsent).max(10).default([]),
  /** When the form was filled on the device (ISO time), for entries that waited offline. */
  capturedAt: z.iso.datetime({ offset: true }).optional(),
});
export type CapturePerson = z.infer<typeof CapturePerson>;

/** PATCH /api/people/{id}. */
export const PatchPerson = z
  .strictObject({
    name: name.optional(),
    phone: Phone.nullable().optional(),
    whatsapp: z.boolean().optional(),
    ageBand: AgeBand.nullable().optional(),
    languages: languages.optional(),
    tags: tags.optional(),
    notes: notes.nullable().optional(),
    homeUnitId: z.number().int().positive().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'nothing to change');
export type PatchPerson = z.infer<typeof PatchPerson>;

/**
 * POST /api/people/{id}/phone-change: a new number for someone whose phone signs them in. A code goes to the new
 * number; the change is made only when it comes back (…/confirm), and the old number is told.
 */
export const RequestPhoneChange = z.strictObject({ phone: Phone });
export type RequestPhoneChange = z.infer<typeof RequestPhoneChange>;
export const PhoneChangeStarted = z.object({
  attemptId: z.uuid(),
  expiresInSeconds: z.number().int(),
  /** The new number, masked, to say where the code went. */
  sentTo: z.string(),
});
export type PhoneChangeStarted = z.infer<typeof PhoneChangeStarted>;
export const ConfirmPhoneChange = z.strictObject({ attemptId: z.uuid(), code: z.string().regex(/^\d{6}$/, 'six digits') });
export type ConfirmPhoneChange = z.infer<typeof ConfirmPhoneChange>;

/** A person in a list: the phone masked (+91 98•••••321), never whole. */
export const PersonSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  whatsapp: z.boolean(),
  ageBand: AgeBand.nullable(),
  homeUnit: UnitRef.nullable(),
  /** Purposes with live consent. */
  consents: z.array(z.string()),
  /** True when the person holds a live position (a worker). */
  worker: z.boolean(),
  tags: z.array(z.string()),
});
export type PersonSummary = z.infer<typeof PersonSummary>;

/** GET /api/units/{id}/people: people whose home unit is in the subtree, newest first; with `q`, the closest names first. */
export const PeopleQuery = z.object({
  q: textLine(100).optional(),
  /** Only people with live consent for this purpose. */
  consent: Purpose.optional(),
  /** Only workers (people with a live position) or only supporters. */
  kind: z.enum(['worker', 'supporter']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const PeoplePage = z.object({ items: z.array(PersonSummary), nextCursor: z.string().nullable() });
export type PeoplePage = z.infer<typeof PeoplePage>;

/** GET /api/people/{id}: everything about a person the caller may see; the phone still masked. */
export const PersonDetail = PersonSummary.extend({
  languages: z.array(z.string()),
  notes: z.string().nullable(),
  source: z.string(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  consentHistory: z.array(Consent),
  positions: z.array(z.object({ positionId: z.number().int(), unit: UnitRef, role: z.string(), department: z.string().nullable() })),
  /** Other people on the same phone (a household), masked like any list. */
  household: z.array(z.object({ id: z.number().int(), name: z.string() })),
  mergedInto: z.number().int().nullable(),
  /** What the caller may do here, so the screen shows only the buttons that will work. */
  can: z.object({ edit: z.boolean(), reveal: z.boolean(), erase: z.boolean(), export: z.boolean() }),
});
export type PersonDetail = z.infer<typeof PersonDetail>;

/** POST /api/people/{id}/reveal: the whole number, for a role that may see it; every reveal is audited. */
export const RevealedPhone = z.object({ phone: z.string().nullable(), whatsappLink: z.string().nullable() });

/** POST /api/people/{id}/consents: consent recorded by a worker who met the person (in person). */
export const RecordConsent = GiveConsent;
/** POST /api/people/{id}/consents/{purpose}/withdraw: withdrawal, effective at once. */
export const WithdrawConsent = z.strictObject({ method: z.enum(['in_person', 'self']).default('in_person') });

/** POST /api/people/{id}/erase: the data request to erase. The answer is the tombstone that keeps counts right. */
export const ErasePerson = z.strictObject({ reason: textLine(500) });
export const ErasedPerson = z.object({ id: z.number().int(), erasedAt: z.string() });

/** A pair that may be the same person, and why: same phone with a similar name, or a similar name in the same booth. */
export const DuplicatePair = z.object({
  a: PersonSummary,
  b: PersonSummary,
  reason: z.enum(['same_phone_similar_name', 'similar_name_same_booth']),
  /** Name similarity 0–1 (pg_trgm). */
  score: z.number(),
});
export const DuplicatesPage = z.object({
  items: z.array(DuplicatePair),
  /** Records in the subtree not yet compared (an import just added them); the pairs among them come within minutes. */
  pending: z.number().int(),
});
/** POST /api/people/{id}/merge: merge this person into `intoId`; positions, consents and groups move; history stays. */
export const MergePerson = z.strictObject({ intoId: z.number().int().positive() });
/** POST /api/people/not-duplicates: the two are different people (a household, namesakes); they stop being suggested. */
export const NotDuplicates = z.strictObject({ a: z.number().int().positive(), b: z.number().int().positive() });

/** POST /api/units/{id}/people answers: the record, and whether this call made it (a retry or a known person: false). */
export const Captured = z.object({ person: PersonSummary, created: z.boolean() });
export type Captured = z.infer<typeof Captured>;

/** A person record in a data request's export: every field, the phone and notes decrypted. */
const ExportedRecord = z.object({
  id: z.number().int(),
  name: z.string(),
  phone: z.string().nullable(),
  whatsapp: z.boolean(),
  ageBand: AgeBand.nullable(),
  languages: z.array(z.string()),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  homeUnit: UnitRef.nullable(),
  source: z.string(),
  clientId: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.number().int().nullable(),
  updatedAt: z.string(),
  disabledAt: z.string().nullable(),
  mergedInto: z.number().int().nullable(),
  erasedAt: z.string().nullable(),
});

/**
 * GET /api/people/{id}/export: a data request: everything Setu holds about the person, as JSON. `merged` are the
 * records merged into this one (the same person, found twice); consents, positions and audit rows cover them all.
 */
export const PersonExport = z.object({
  exportedAt: z.string(),
  person: ExportedRecord,
  merged: z.array(ExportedRecord),
  consents: z.array(
    Consent.extend({
      personId: z.number().int(),
      withdrawnBy: z.number().int().nullable(),
      withdrawalMethod: z.string().nullable(),
    }),
  ),
  positions: z.array(
    z.object({
      positionId: z.number().int(),
      unit: UnitRef,
      role: z.string(),
      department: z.string().nullable(),
      createdAt: z.string(),
      endedAt: z.string().nullable(),
    }),
  ),
  groupAdmin: z.array(z.object({ groupId: z.number().int(), name: z.string(), purpose: z.string(), unit: UnitRef })),
  /** Events the person answered or was marked present at: the answer, and how and when they were marked. */
  events: z.array(
    z.object({
      eventId: z.number().int(),
      titleHi: z.string().nullable(),
      titleEn: z.string().nullable(),
      startsAt: z.string(),
      unit: UnitRef,
      rsvp: z.enum(['yes', 'no', 'maybe']).nullable(),
      present: z.object({ method: z.enum(['qr', 'roll_call', 'walk_in']), markedAt: z.string() }).nullable(),
    }),
  ),
  /** Audit rows whose target is the person: what was done to their record, by whom (ids), when. */
  audit: z.array(
    z.object({ at: z.string(), action: z.string(), outcome: z.string(), actorId: z.number().int().nullable(), details: z.record(z.string(), z.unknown()) }),
  ),
});
export type PersonExport = z.infer<typeof PersonExport>;

/** POST /api/people/not-duplicates answers. */
export const NotDuplicatesRecorded = z.object({ a: z.number().int(), b: z.number().int() });
