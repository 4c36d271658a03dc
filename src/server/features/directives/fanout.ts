import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../../platform/db/index.ts';

/** Paths of the units that a silence period covers now, at or above the root or inside it. */
export async function silencedPaths(db: Kysely<Schema> | Transaction<Schema>, rootPath: string): Promise<string[]> {
  const { rows } = await sql<{ path: string }>`
    select u.path from silence_periods s join units u on u.id = s.unit_id
    where s.cancelled_at is null and s.starts_at <= now() and s.ends_at > now() and (u.path <@ ${rootPath}::ltree or u.path @> ${rootPath}::ltree)`.execute(db);
  return rows.map((r) => r.path);
}

/**
 * The units of an audience's levels strictly below the root, live, as a subquery (`id`, `path`, `level`): the targets
 * (outside `silenced`), or the ones a silence period keeps out (inside it).
 */
function audienceUnits(rootPath: string, levels: readonly string[], silenced: readonly string[], which: 'targets' | 'silenced') {
  const inSilence = sql`u.path <@ ${[...silenced]}::text[]::ltree[]`;
  return sql`(select u.id, u.path, u.level from units u
    where u.path <@ ${rootPath}::ltree and u.path <> ${rootPath}::ltree and u.level = any(${[...levels]}::text[]) and u.archived_at is null
      and ${which === 'targets' ? sql`not ${inSilence}` : inSilence})`;
}

/** Every target unit of an audience: the live units of its levels strictly below the root, outside `silenced`. */
export const targetUnits = (rootPath: string, levels: readonly string[], silenced: readonly string[]) => audienceUnits(rootPath, levels, silenced, 'targets');

/** The units an audience would reach but a silence period covers. */
export const silencedUnits = (rootPath: string, levels: readonly string[], silenced: readonly string[]) =>
  audienceUnits(rootPath, levels, silenced, 'silenced');

/**
 * Writes a directive's rows: one per target unit, and one per unit between the targets and the root (the root
 * included) carrying how many targets its subtree holds. The common audience, every booth with no silence in the way,
 * reads the ancestors' counts from the booth counters the tree already keeps (unit_stats): the booths go in as a
 * bare INSERT … SELECT, then the units above them with their counts, with no join over the million booths; any other
 * audience counts them (fanOutCounting). Returns the number of targets.
 */
export async function fanOut(
  trx: Transaction<Schema>,
  directiveId: number,
  rootId: number,
  rootPath: string,
  levels: readonly string[],
  silenced: readonly string[],
) {
  const booth = (await sql<{ code: string }>`select setu_booth_level() as code`.execute(trx)).rows[0]!.code;
  if (silenced.length > 0 || levels.length !== 1 || levels[0] !== booth) return fanOutCounting(trx, directiveId, rootId, rootPath, levels, silenced);
  await sql`
    insert into directive_units (directive_id, unit_id, target, targets)
    select ${directiveId}::int, u.id, true, 1 from units u
    where u.path <@ ${rootPath}::ltree and u.path <> ${rootPath}::ltree and u.level = ${booth} and u.archived_at is null`.execute(trx);
  await sql`
    insert into directive_units (directive_id, unit_id, target, targets)
    select ${directiveId}::int, u.id, false, s.booths from unit_stats s join units u on u.id = s.unit_id
    where u.path <@ ${rootPath}::ltree and u.level <> ${booth} and u.archived_at is null and s.booths > 0`.execute(trx);
  const root = await trx
    .selectFrom('directive_units')
    .select('targets')
    .where('directive_id', '=', directiveId)
    .where('unit_id', '=', rootId)
    .executeTakeFirst();
  return root?.targets ?? 0;
}

/**
 * The general fan-out, in one statement. Targets are grouped by parent first, so a
 * million booths walk about two lakh parent paths rather than a million. Returns the number of targets.
 */
export async function fanOutCounting(
  trx: Transaction<Schema>,
  directiveId: number,
  rootId: number,
  rootPath: string,
  levels: readonly string[],
  silenced: readonly string[],
) {
  const rootDepth = rootPath.split('.').length - 1;
  const { rows } = await sql<{ targets: number }>`
    with t as (select * from ${targetUnits(rootPath, levels, silenced)} t),
    g as (select ltree2text(subpath(path, ${rootDepth}, nlevel(path) - ${rootDepth} - 1)) as ppath, count(*)::int as n from t group by 1),
    up as (
      select x.id, sum(g.n)::int as n
      from g, unnest(string_to_array(g.ppath, '.')::int[]) x(id)
      group by x.id
    ),
    ins as (
      insert into directive_units (directive_id, unit_id, target, targets)
      select ${directiveId}::int, coalesce(t.id, up.id), t.id is not null, coalesce(up.n, 0) + (t.id is not null)::int
      from t full join up on up.id = t.id
    )
    select coalesce((select n from up where id = ${rootId}::int), 0) as targets`.execute(trx);
  return rows[0]!.targets;
}
