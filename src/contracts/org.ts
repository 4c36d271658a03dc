import { z } from 'zod';
import { nameText, textLine } from './text.ts';

/** A unit id in a path or body. */
export const UnitId = z.coerce.number().int().positive().max(2_147_483_647);

const name = nameText();
/** Official code: assembly number, polling-station number… unique across the organisation, e.g. `UP-AC-033-PS-0142`. */
export const UnitCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_./-]{0,63}$/, 'letters, digits and _ . / - (up to 64)');

export const Level = z.object({ code: z.string(), depth: z.number().int(), nameEn: z.string(), nameHi: z.string() });
export type Level = z.infer<typeof Level>;

export const Role = z.object({ code: z.string(), nameEn: z.string(), nameHi: z.string(), rank: z.number().int(), permissions: z.array(z.string()) });
export type Role = z.infer<typeof Role>;

export const Department = z.object({ code: z.string(), nameEn: z.string(), nameHi: z.string() });
export type Department = z.infer<typeof Department>;

/** The organisation's configuration, for forms and labels: levels by depth, roles by rank, departments by code. */
export const OrgMeta = z.object({ levels: z.array(Level), roles: z.array(Role), departments: z.array(Department) });
export type OrgMeta = z.infer<typeof OrgMeta>;

/** A unit as other answers name it: enough to show it and link to it. */
export const UnitRef = z.object({ id: z.number().int(), level: z.string(), nameEn: z.string(), nameHi: z.string() });
export type UnitRef = z.infer<typeof UnitRef>;

export const Unit = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  level: z.string(),
  nameEn: z.string(),
  nameHi: z.string(),
  code: z.string().nullable(),
  path: z.string(),
  archived: z.boolean(),
  /** Live booths in the subtree (the unit itself if it is a booth). */
  booths: z.number().int(),
});
export type Unit = z.infer<typeof Unit>;

export const OfficeBearer = z.object({
  positionId: z.number().int(),
  personId: z.number().int(),
  name: z.string(),
  role: z.string(),
  department: z.string().nullable(),
});
export type OfficeBearer = z.infer<typeof OfficeBearer>;

/** A unit with its place in the tree: the chain of ancestors inside the caller's turf, and who holds positions there. */
export const UnitDetail = Unit.extend({
  ancestors: z.array(UnitRef),
  officeBearers: z.array(OfficeBearer),
});
export type UnitDetail = z.infer<typeof UnitDetail>;

export const UnitChildren = z.object({ items: z.array(Unit), nextCursor: z.string().nullable() });
export type UnitChildren = z.infer<typeof UnitChildren>;

export const ChildrenQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  cursor: z.string().max(200).optional(),
  /** Whose names set the order: English (the default) or Hindi, in Devanagari's own order. */
  lang: z.enum(['en', 'hi']).default('en'),
  includeArchived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const CreateUnit = z.strictObject({ parentId: UnitId, level: z.string().min(1).max(40), nameEn: name, nameHi: name, code: UnitCode.optional() });
export type CreateUnit = z.infer<typeof CreateUnit>;

export const PatchUnit = z
  .strictObject({ nameEn: name.optional(), nameHi: name.optional(), code: UnitCode.nullable().optional(), archived: z.boolean().optional() })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'nothing to change');
export type PatchUnit = z.infer<typeof PatchUnit>;

export const MoveUnit = z.strictObject({ newParentId: UnitId });
export type MoveUnit = z.infer<typeof MoveUnit>;

export const MoveResult = z.object({ unit: Unit, movedUnits: z.number().int() });

/** GET /api/units/search query. */
export const SearchQuery = z.object({
  /** English or Hindi, Latin or Devanagari letters, misspelt a little: "Sambhal", "sambal", "संभल". */
  q: textLine(100, 2),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** Only this unit's subtree (which must be inside the caller's turf). */
  within: UnitId.optional(),
});

/** A unit found by search, with its ancestors inside the caller's turf, root first. */
export const SearchHit = Unit.extend({
  ancestors: z.array(UnitRef),
  /** How well the name matches, 0–1 (pg_trgm word similarity); results come best first, then shallowest first. */
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResult = z.object({
  items: z.array(SearchHit),
  /** True when so many units matched that only the first few thousand (upper levels first) were ranked: narrow the search. */
  truncated: z.boolean(),
});
export type SearchResult = z.infer<typeof SearchResult>;
