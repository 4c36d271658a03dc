import { z } from 'zod';
import { UnitRef } from './org.ts';

/** GET /api/units/{id}/coverage query: a department filter and the order of the children. */
export const CoverageQuery = z.object({
  /** Count only positions in this department; all departments when absent. */
  department: z.string().min(1).max(40).optional(),
  sort: z.enum(['ratio', 'name', 'booths']).default('ratio'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type CoverageQuery = z.infer<typeof CoverageQuery>;

/** A unit's booths, how many of them have someone in the head role, and the share (1 when it has no booths: no gap). */
export const CoverageItem = UnitRef.extend({
  booths: z.number().int(),
  covered: z.number().int(),
  ratio: z.number(),
});
export type CoverageItem = z.infer<typeof CoverageItem>;

/** GET /api/units/{id}/coverage: the unit's own figures and one row per live child. */
export const Coverage = z.object({
  unit: CoverageItem,
  /** The role whose holders make a booth covered: the one with the lowest rank (convener by default). */
  role: z.string(),
  department: z.string().nullable(),
  items: z.array(CoverageItem),
});
export type Coverage = z.infer<typeof Coverage>;
