import { z } from 'zod';
import { nameText } from './text.ts';
import { UnitRef } from './org.ts';

/** A WhatsApp group id in a path. */
export const GroupId = z.coerce.number().int().positive().max(2_147_483_647);

/** Who a group is for: the unit's workers, or the public (supporters). */
export const GroupPurpose = z.enum(['workers', 'public']);
export type GroupPurpose = z.infer<typeof GroupPurpose>;

/** A group's invite link as WhatsApp makes it. */
export const InviteLink = z
  .string()
  .trim()
  .regex(/^https:\/\/chat\.whatsapp\.com\/[A-Za-z0-9]{10,40}$/, 'a WhatsApp invite link, https://chat.whatsapp.com/…');

/**
 * A group registered at a unit. Setu never drives WhatsApp: the member count is what an admin reports from their
 * phone, with when they last checked.
 */
export const Group = z.object({
  id: z.number().int(),
  unit: UnitRef,
  name: z.string(),
  purpose: GroupPurpose,
  inviteLink: z.string().nullable(),
  memberCount: z.number().int().nullable(),
  lastCheckedAt: z.string().nullable(),
  admins: z.array(z.object({ id: z.number().int(), name: z.string() })),
  archived: z.boolean(),
  /** Whether the caller may edit it (manage people at the unit, or be one of its admins). */
  canEdit: z.boolean(),
});
export type Group = z.infer<typeof Group>;
export const Groups = z.object({ items: z.array(Group) });
/** GET /api/units/{id}/groups: live groups only, unless archived ones are asked for too. */
export const GroupsQuery = z.object({
  includeArchived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
/** The most people one roster (or its vCard) lists. */
export const ROSTER_LIMIT = 2000;

/** POST /api/units/{id}/groups. */
export const CreateGroup = z.strictObject({
  name: nameText(),
  purpose: GroupPurpose,
  inviteLink: InviteLink.optional(),
  memberCount: z.number().int().min(0).max(5000).optional(),
  adminIds: z.array(z.number().int().positive()).max(20).default([]),
});
export type CreateGroup = z.infer<typeof CreateGroup>;

/** PATCH /api/groups/{id}: a new count from the admin's phone sets `lastCheckedAt` to now. */
export const PatchGroup = z
  .strictObject({
    name: nameText().optional(),
    inviteLink: InviteLink.nullable().optional(),
    memberCount: z.number().int().min(0).max(5000).optional(),
    adminIds: z.array(z.number().int().positive()).max(20).optional(),
    archived: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'nothing to change');
export type PatchGroup = z.infer<typeof PatchGroup>;

/**
 * GET /api/groups/{id}/roster: people in the group's unit (its subtree) with live consent to group membership, adults
 * only, with a one-tap `https://wa.me/<number>` link for the admin to add or invite them from their own phone.
 * Reading it reveals numbers, so it is audited.
 */
export const RosterEntry = z.object({ personId: z.number().int(), name: z.string(), phone: z.string(), waLink: z.string(), homeUnit: UnitRef.nullable() });
export const Roster = z.object({
  group: Group,
  items: z.array(RosterEntry),
  /** True when more people qualify than one roster shows (ROSTER_LIMIT, by name): a group that large belongs lower down. */
  truncated: z.boolean(),
});
export type Roster = z.infer<typeof Roster>;

/** Per unit: how many booths and shakti kendras below have a workers' group and a public group. */
export const GroupCoverageRow = z.object({
  unit: UnitRef,
  booths: z.number().int(),
  boothsWithWorkers: z.number().int(),
  boothsWithPublic: z.number().int(),
  shaktiKendras: z.number().int(),
  shaktiKendrasWithWorkers: z.number().int(),
  shaktiKendrasWithPublic: z.number().int(),
  groups: z.number().int(),
  /** Sum of the reported member counts. */
  members: z.number().int(),
});
export type GroupCoverageRow = z.infer<typeof GroupCoverageRow>;

/** GET /api/units/{id}/group-coverage: the unit's totals, one row per child, and the first gaps (units with no group). */
export const GroupCoverage = z.object({
  total: GroupCoverageRow,
  children: z.array(GroupCoverageRow),
  gaps: z.array(z.object({ unit: UnitRef, missing: z.array(GroupPurpose) })),
  gapsTruncated: z.boolean(),
});
export type GroupCoverage = z.infer<typeof GroupCoverage>;
