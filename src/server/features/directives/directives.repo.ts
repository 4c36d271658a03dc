import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';

type Db = Kysely<Schema> | Transaction<Schema>;

/** A directive with its unit and issuer, as every read starts. */
export async function findDirective(db: Db, id: number) {
  return db
    .selectFrom('directives as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .innerJoin('people as p', 'p.id', 'd.issued_by')
    .selectAll('d')
    .select(['u.path as unit_path', 'u.level as unit_level', 'u.name_en as unit_name_en', 'u.name_hi as unit_name_hi', 'p.name as issuer_name'])
    .where('d.id', '=', id)
    .executeTakeFirst();
}
export type DirectiveRow = NonNullable<Awaited<ReturnType<typeof findDirective>>>;

/** "This position is one the directive speaks to": its roles and departments, when it names them. */
export const holderMatches = sql<boolean>`(d.roles is null or p.role = any(d.roles)) and (d.departments is null or p.department = any(d.departments))`;

/** The caller's own target units of one directive (the units where they hold a position it speaks to). */
export async function myTargetUnits(db: Db, directiveId: number, personId: number) {
  const { rows } = await sql<{
    unit_id: number;
    level: string;
    name_en: string;
    name_hi: string;
    acked_at: Date | null;
    acked_by: number | null;
    acked_by_name: string | null;
    done_at: Date | null;
  }>`
    select distinct on (u.id) u.id as unit_id, u.level, u.name_en, u.name_hi, du.acked_at, du.acked_by, ab.name as acked_by_name, du.done_at
    from directives d
    join positions p on p.person_id = ${personId} and p.ended_at is null and ${holderMatches}
    join directive_units du on du.directive_id = d.id and du.unit_id = p.unit_id and du.target
    join units u on u.id = du.unit_id
    left join people ab on ab.id = du.acked_by
    where d.id = ${directiveId}
    order by u.id`.execute(db);
  return rows;
}

/** A unit's row of a directive: its counters and, for a target, who acted. */
export function directiveUnit(db: Db, directiveId: number, unitId: number) {
  return db.selectFrom('directive_units').selectAll().where('directive_id', '=', directiveId).where('unit_id', '=', unitId).executeTakeFirst();
}

/** Reports of some target units, with who reported and the photo's file. */
export async function reportsOf(db: Db, directiveId: number, unitIds: readonly number[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('directive_reports as r')
    .innerJoin('people as p', 'p.id', 'r.reported_by')
    .leftJoin('files as f', 'f.id', 'r.photo_file_id')
    .select([
      'r.unit_id',
      'r.text',
      'r.link',
      'r.reported_by',
      'p.name as reporter',
      'r.reported_at',
      'f.id as file_id',
      'f.name as file_name',
      'f.mime',
      'f.size',
    ])
    .where('r.directive_id', '=', directiveId)
    .where('r.unit_id', 'in', [...unitIds])
    .execute();
}

export function directiveFiles(db: Db, directiveId: number) {
  return db
    .selectFrom('directive_files as df')
    .innerJoin('files as f', 'f.id', 'df.file_id')
    .select(['f.id', 'f.name', 'f.mime', 'f.size'])
    .where('df.directive_id', '=', directiveId)
    .orderBy('f.id')
    .execute();
}
