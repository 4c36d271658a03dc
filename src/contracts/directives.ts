import { z } from 'zod';
import { textBlock, textLine } from './text.ts';
import { UnitId, UnitRef } from './org.ts';

/** A directive id in a path. */
export const DirectiveId = z.coerce.number().int().positive().max(2_147_483_647);

const code = z.string().regex(/^[a-z][a-z0-9_]*$/);
const text = (max: number) => textLine(max);

export const Priority = z.enum(['normal', 'high', 'urgent']);
/** read: opening it is enough; ack: someone at the unit acknowledges; report: they act and report back. */
export const Ask = z.enum(['read', 'ack', 'report']);
export type Ask = z.infer<typeof Ask>;

/**
 * Who below the issuing unit gets it: every live unit of these levels in its subtree, and at each of them the holders of
 * live positions in these roles and departments (all when omitted). "Only IT conveners of shakti kendras and booths":
 * `{ levels: ['shakti_kendra', 'booth'], roles: ['convener'], departments: ['it'] }`.
 */
export const Audience = z.strictObject({
  levels: z.array(code).min(1).max(20),
  roles: z.array(code).min(1).max(20).optional(),
  departments: z.array(code).min(1).max(20).optional(),
});
export type Audience = z.infer<typeof Audience>;

/** POST /api/directives/preview: what a send would reach, before sending. */
export const PreviewRequest = z.strictObject({ unitId: z.number().int().positive(), audience: Audience });
export const Preview = z.object({
  /** Target units (silenced ones excluded) and the distinct people holding a matching position at them. */
  units: z.number().int(),
  /** The same units per level, top level first, so a second level ticked by mistake shows in its own line. */
  byLevel: z.array(z.object({ level: z.string(), units: z.number().int() })),
  people: z.number().int(),
  /** Target units with nobody to receive it: their count and the first of them. */
  emptyUnits: z.number().int(),
  emptySample: z.array(UnitRef),
  /** Target units skipped because a silence period covers them now, and those periods. */
  silencedUnits: z.number().int(),
  silences: z.array(z.object({ id: z.number().int(), unit: UnitRef, endsAt: z.string() })),
});
export type Preview = z.infer<typeof Preview>;

/** A time with its offset, within years the database stores and the work could mean (2000–2199). */
const isoTime = z.iso.datetime({ offset: true }).refine((s) => {
  const t = Date.parse(s);
  return t >= Date.UTC(2000, 0, 1) && t < Date.UTC(2200, 0, 1);
}, 'a time between the years 2000 and 2199');

/** POST /api/directives. A second send with the same clientKey returns the first directive and changes nothing. */
export const IssueDirective = z
  .strictObject({
    clientKey: z.string().min(8).max(100),
    unitId: z.number().int().positive(),
    titleHi: text(200).optional(),
    titleEn: text(200).optional(),
    bodyHi: textBlock(5000, 1).optional(),
    bodyEn: textBlock(5000, 1).optional(),
    links: z
      .array(z.url({ protocol: /^https?$/ }).max(2000))
      .max(10)
      .default([]),
    fileIds: z.array(z.number().int().positive()).max(10).default([]),
    priority: Priority.default('normal'),
    ask: Ask,
    dueAt: isoTime.optional(),
    /** When units that have not acknowledged are reminded; default half-way to the due time. */
    remindAt: isoTime.optional(),
    /** When parents are told which children are overdue; default the due time. */
    escalateAt: isoTime.optional(),
    audience: Audience,
  })
  .refine((d) => d.titleHi || d.titleEn, { message: 'a title in Hindi or English', path: ['titleHi'] })
  .refine((d) => (!d.remindAt && !d.escalateAt) || d.dueAt, { message: 'reminders and escalation need a due time', path: ['dueAt'] })
  .refine((d) => !d.remindAt || !d.dueAt || Date.parse(d.remindAt) < Date.parse(d.dueAt), { message: 'before the due time', path: ['remindAt'] })
  // Escalation tells parents which children are overdue: before the due time none are.
  .refine((d) => !d.escalateAt || !d.dueAt || Date.parse(d.escalateAt) >= Date.parse(d.dueAt), { message: 'at or after the due time', path: ['escalateAt'] });
export type IssueDirective = z.infer<typeof IssueDirective>;

export const FileRef = z.object({ id: z.number().int(), name: z.string(), mime: z.string(), size: z.number().int() });
export type FileRef = z.infer<typeof FileRef>;

export const Report = z.object({
  text: z.string().nullable(),
  link: z.string().nullable(),
  photo: FileRef.nullable(),
  reportedBy: z.object({ id: z.number().int(), name: z.string() }),
  reportedAt: z.string(),
});
export type Report = z.infer<typeof Report>;

/** A target unit of the caller's, as their inbox shows it. */
export const MyUnit = z.object({
  unit: UnitRef,
  ackedAt: z.string().nullable(),
  ackedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  doneAt: z.string().nullable(),
  report: Report.nullable(),
});
export type MyUnit = z.infer<typeof MyUnit>;

export const Directive = z.object({
  id: z.number().int(),
  unit: UnitRef,
  issuedBy: z.object({ id: z.number().int(), name: z.string() }),
  titleHi: z.string().nullable(),
  titleEn: z.string().nullable(),
  bodyHi: z.string().nullable(),
  bodyEn: z.string().nullable(),
  links: z.array(z.string()),
  files: z.array(FileRef),
  priority: Priority,
  ask: Ask,
  audience: z.object({ levels: z.array(z.string()), roles: z.array(z.string()).nullable(), departments: z.array(z.string()).nullable() }),
  dueAt: z.string().nullable(),
  remindAt: z.string().nullable(),
  escalateAt: z.string().nullable(),
  createdAt: z.string(),
  /** When it was withdrawn, or null. */
  cancelledAt: z.string().nullable(),
  targets: z.number().int(),
  silenced: z.number().int(),
  /** The caller's own target units (empty for a leader who only follows it). */
  mine: z.array(MyUnit),
  /** Whether the caller follows it from above (sees coverage), not only receives it. */
  canFollow: z.boolean(),
  /** Whether the caller may withdraw it (its issuer, or who may issue at its unit) while it is not withdrawn. */
  canWithdraw: z.boolean(),
});
export type Directive = z.infer<typeof Directive>;

/** One line of an inbox or of a leader's list. */
export const DirectiveSummary = z.object({
  id: z.number().int(),
  unit: UnitRef,
  titleHi: z.string().nullable(),
  titleEn: z.string().nullable(),
  priority: Priority,
  ask: Ask,
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  /** For the caller's own units: how many there are, and how many are still open (not yet complete). */
  myUnits: z.number().int(),
  myOpen: z.number().int(),
  overdue: z.boolean(),
  /** A reminder went out and one of the caller's units has still not acknowledged. */
  reminded: z.boolean(),
  /** Children of the caller's units that are overdue (escalations addressed to the caller). */
  escalated: z.number().int(),
  /** For leaders: the whole directive's progress. */
  targets: z.number().int(),
  complete: z.number().int(),
});
export type DirectiveSummary = z.infer<typeof DirectiveSummary>;
export const Inbox = z.object({ items: z.array(DirectiveSummary), badge: z.number().int() });
export type Inbox = z.infer<typeof Inbox>;
export const InboxQuery = z.object({ view: z.enum(['inbox', 'sent']).default('inbox') });

/** POST …/ack: an acknowledgement made offline carries when it was made; repeating it changes nothing. */
export const AckBody = z.strictObject({ at: isoTime.optional() });
/** POST …/done. */
export const DoneBody = z
  .strictObject({
    text: textBlock(2000, 1).optional(),
    link: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    photoFileId: z.number().int().positive().optional(),
    at: isoTime.optional(),
  })
  .refine((b) => b.text || b.link || b.photoFileId, { message: 'a report: text, a link or a photo', path: ['text'] });
export type DoneBody = z.infer<typeof DoneBody>;

export const Progress = z.object({
  targets: z.number().int(),
  acked: z.number().int(),
  done: z.number().int(),
  /** Past the due time and not complete (complete: acknowledged, or done when a report is asked). */
  overdue: z.number().int(),
});
export type Progress = z.infer<typeof Progress>;

export const Coverage = z.object({
  directiveId: z.number().int(),
  unit: UnitRef,
  totals: Progress,
  /** Per child unit with targets below it (or a target itself), overdue first, then least complete. */
  children: z.array(z.object({ unit: UnitRef, target: z.boolean() }).extend(Progress.shape)),
  at: z.string(),
});
export type Coverage = z.infer<typeof Coverage>;
export const CoverageQuery = z.object({ unitId: z.coerce.number().int().positive().optional() });

/** Target units below a unit that are not complete yet, with who holds them, so a leader can call. */
export const Laggards = z.object({
  items: z.array(
    z.object({
      unit: UnitRef,
      acked: z.boolean(),
      holders: z.array(z.object({ id: z.number().int(), name: z.string(), role: z.string(), phone: z.string().nullable() })),
    }),
  ),
  truncated: z.boolean(),
});
export type Laggards = z.infer<typeof Laggards>;
export const LaggardsQuery = CoverageQuery.extend({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/**
 * How a directive's messages outside the app went (its announcement, reminder and overdue notice): where each stands,
 * and the deliveries that failed for good, newest first, with the reason (addresses and numbers masked).
 */
export const DirectiveDelivery = z.object({
  messages: z.array(
    z.object({
      topic: z.string(),
      dispatchedAt: z.string().nullable(),
      recipients: z.number().int().nullable(),
      silenced: z.number().int().nullable(),
      queued: z.number().int(),
      sending: z.number().int(),
      sent: z.number().int(),
      dead: z.number().int(),
      cancelled: z.number().int(),
      error: z.string().nullable(),
    }),
  ),
  dead: z.array(
    z.object({
      topic: z.string(),
      person: z.object({ id: z.number().int(), name: z.string() }),
      channel: z.string(),
      attempts: z.number().int(),
      reason: z.string().nullable(),
    }),
  ),
  truncated: z.boolean(),
});
export type DirectiveDelivery = z.infer<typeof DirectiveDelivery>;
export const DirectiveDeliveryQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** Reports from the target units below a unit, newest first. */
export const Reports = z.object({ items: z.array(z.object({ unit: UnitRef }).extend(Report.shape)), truncated: z.boolean() });
export type Reports = z.infer<typeof Reports>;

export const UnitTarget = z.object({ directiveId: DirectiveId, unitId: UnitId });

/** Silence periods: the Election Commission's 48 hours, per assembly constituency. */
export const SilenceId = z.coerce.number().int().positive().max(2_147_483_647);
export const CreateSilence = z
  .strictObject({ startsAt: isoTime, endsAt: isoTime, reason: text(500) })
  .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), { message: 'ends after it starts', path: ['endsAt'] });
export type CreateSilence = z.infer<typeof CreateSilence>;
export const Silence = z.object({
  id: z.number().int(),
  unit: UnitRef,
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string(),
  active: z.boolean(),
  cancelled: z.boolean(),
});
export type Silence = z.infer<typeof Silence>;
export const Silences = z.object({ items: z.array(Silence) });
export type Silences = z.infer<typeof Silences>;
