import type { Kysely } from 'kysely';
import type { OrgMeta } from '../../../contracts/org.ts';
import type { Schema } from '../../platform/db/index.ts';

/** The organisation's levels (by depth), roles (by rank) and departments (by code), with their names. */
export async function orgMeta(db: Kysely<Schema>): Promise<OrgMeta> {
  const [levels, roles, departments] = await Promise.all([
    db.selectFrom('levels').select(['code', 'depth', 'name_en as nameEn', 'name_hi as nameHi']).orderBy('depth').execute(),
    db.selectFrom('roles').select(['code', 'rank', 'name_en as nameEn', 'name_hi as nameHi', 'permissions']).orderBy('rank').orderBy('code').execute(),
    db.selectFrom('departments').select(['code', 'name_en as nameEn', 'name_hi as nameHi']).orderBy('code').execute(),
  ]);
  return { levels, roles, departments };
}
