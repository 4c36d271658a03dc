import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Schema } from '../../platform/db/index.ts';

/** What a role may do. Seeing is never a permission: turf alone decides what a person sees. */
/**
 * `people.manage`: edit, merge and erase people and record consent for them; `people.reveal`: see a whole phone number
 * (audited); `people.export`: take people out of Setu (CSV export, group rosters' vCards; audited).
 */
/**
 * `directives.issue`: send directives to the units below; `silence.manage`: declare the Election Commission's silence
 * periods for the units below; `events.manage`: hold events at the unit and below and run them (venue, attendance,
 * the record); `campaigns.manage`: plan campaigns at the unit and adjust the targets of the units below.
 */
export const PERMISSIONS = [
  'units.manage',
  'positions.manage',
  'people.manage',
  'people.reveal',
  'people.export',
  'directives.issue',
  'silence.manage',
  'events.manage',
  'campaigns.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const code = z.string().regex(/^[a-z][a-z0-9_]*$/);
const names = { nameEn: z.string().min(1), nameHi: z.string().min(1) };

/** The shape of SETU_ORG_CONFIG: an organisation names its own levels, roles and departments. */
export const OrgConfig = z.object({
  levels: z
    .array(z.object({ code, depth: z.number().int().min(0), ...names }))
    .min(2)
    .refine((ls) => new Set(ls.map((l) => l.depth)).size === ls.length, 'level depths must differ'),
  roles: z.array(z.object({ code, rank: z.number().int(), permissions: z.array(z.enum(PERMISSIONS)), ...names })).min(1),
  departments: z.array(z.object({ code, ...names })),
  /** The kinds of events the organisation holds; the usual six when absent. */
  eventKinds: z
    .array(z.object({ code, virtual: z.boolean().default(false), ...names }))
    .min(1)
    .optional(),
});
export type OrgConfig = z.infer<typeof OrgConfig>;

/** What a convener and a co-convener may do: everything. */
const LEADER_PERMISSIONS: readonly Permission[] = PERMISSIONS;

/** A party's usual shape: eight levels from the nation to the booth, and the IT cell's roles and departments. */
export const defaultOrgConfig: OrgConfig = {
  levels: [
    { code: 'national', depth: 0, nameEn: 'National', nameHi: 'राष्ट्रीय' },
    { code: 'state', depth: 1, nameEn: 'State', nameHi: 'प्रदेश' },
    { code: 'region', depth: 2, nameEn: 'Region', nameHi: 'क्षेत्र' },
    { code: 'district', depth: 3, nameEn: 'District', nameHi: 'जिला' },
    { code: 'assembly', depth: 4, nameEn: 'Assembly constituency', nameHi: 'विधानसभा क्षेत्र' },
    { code: 'mandal', depth: 5, nameEn: 'Mandal', nameHi: 'मंडल' },
    { code: 'shakti_kendra', depth: 6, nameEn: 'Shakti kendra', nameHi: 'शक्ति केंद्र' },
    { code: 'booth', depth: 7, nameEn: 'Booth', nameHi: 'बूथ' },
  ],
  roles: [
    {
      code: 'convener',
      rank: 1,
      nameEn: 'Convener',
      nameHi: 'संयोजक',
      permissions: [...LEADER_PERMISSIONS],
    },
    {
      code: 'co_convener',
      rank: 2,
      nameEn: 'Co-convener',
      nameHi: 'सह-संयोजक',
      permissions: [...LEADER_PERMISSIONS],
    },
    {
      code: 'in_charge',
      rank: 3,
      nameEn: 'In-charge',
      nameHi: 'प्रभारी',
      permissions: ['units.manage', 'positions.manage', 'people.manage', 'people.reveal', 'directives.issue', 'events.manage', 'campaigns.manage'],
    },
    { code: 'member', rank: 9, nameEn: 'Member', nameHi: 'सदस्य', permissions: [] },
  ],
  departments: [
    { code: 'it', nameEn: 'IT department', nameHi: 'आईटी विभाग' },
    { code: 'social_media', nameEn: 'Social media department', nameHi: 'सोशल मीडिया विभाग' },
  ],
};

/** Reads and checks the organisation file; a bad file stops the start with the reason. */
export function readOrgConfig(file: string | undefined): OrgConfig {
  if (!file) return defaultOrgConfig;
  const parsed = OrgConfig.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * Upserts levels, roles and departments. Names may change at any time; a level in use keeps its depth, since
 * every unit below was checked against it. When the head role (lowest rank) changes, the coverage counters are
 * recounted for the new one, in the same transaction.
 */
export async function applyOrgConfig(db: Kysely<Schema>, config: OrgConfig): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const headBefore = await sql<{ code: string | null }>`select setu_head_role() as code`.execute(trx);
    const inUse = await trx.selectFrom('units').select('level').distinct().execute();
    const existing = new Map((await trx.selectFrom('levels').selectAll().execute()).map((l) => [l.code, l.depth]));
    for (const { level } of inUse) {
      const wanted = config.levels.find((l) => l.code === level);
      if (!wanted) throw new Error(`level ${level} is used by units and cannot be removed from the configuration`);
      if (existing.get(level) !== wanted.depth) throw new Error(`level ${level} is used by units; its depth cannot change`);
    }
    // Depths are unique: clear the unused levels first, then upsert in two steps to allow swaps among unused ones.
    const keep = config.levels.map((l) => l.code);
    await trx.deleteFrom('levels').where('code', 'not in', keep).execute();
    await sql`update levels set depth = -1 - depth`.execute(trx);
    for (const l of config.levels) {
      await trx
        .insertInto('levels')
        .values({ code: l.code, depth: l.depth, name_en: l.nameEn, name_hi: l.nameHi })
        .onConflict((oc) => oc.column('code').doUpdateSet({ depth: l.depth, name_en: l.nameEn, name_hi: l.nameHi }))
        .execute();
    }
    for (const r of config.roles) {
      const row = { name_en: r.nameEn, name_hi: r.nameHi, rank: r.rank, permissions: r.permissions };
      await trx
        .insertInto('roles')
        .values({ code: r.code, ...row })
        .onConflict((oc) => oc.column('code').doUpdateSet(row))
        .execute();
    }
    for (const d of config.departments) {
      const row = { name_en: d.nameEn, name_hi: d.nameHi };
      await trx
        .insertInto('departments')
        .values({ code: d.code, ...row })
        .onConflict((oc) => oc.column('code').doUpdateSet(row))
        .execute();
    }
    const headAfter = await sql<{ code: string | null }>`select setu_head_role() as code`.execute(trx);
    if (headAfter.rows[0]?.code !== headBefore.rows[0]?.code) await sql`select setu_coverage_recount()`.execute(trx);
  });
}
