import { maskPhone } from '../../../contracts/phone.ts';
import type { Me } from '../../../contracts/auth.ts';
import type { Actor } from '../../platform/http/context.ts';
import type { AuthDeps } from './otp.service.ts';

/** The caller: who they are, the positions they hold, and the tops of their turf. */
export async function me({ db, cipher }: Pick<AuthDeps, 'db' | 'cipher'>, actor: Actor): Promise<Me> {
  const person = await db.selectFrom('people').select(['id', 'name', 'phone_enc']).where('id', '=', actor.personId).executeTakeFirstOrThrow();
  const positions = await db
    .selectFrom('positions as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .innerJoin('roles as r', 'r.code', 'p.role')
    .select(['p.id as positionId', 'p.role', 'p.department', 'u.id', 'u.level', 'u.name_en as nameEn', 'u.name_hi as nameHi', 'u.path'])
    .where('p.person_id', '=', actor.personId)
    .where('p.ended_at', 'is', null)
    .where('u.archived_at', 'is', null)
    .orderBy('r.rank')
    .orderBy('u.path')
    .execute();
  const unitRef = (p: (typeof positions)[number]) => ({ id: p.id, level: p.level, nameEn: p.nameEn, nameHi: p.nameHi });
  const roots = new Map(positions.filter((p) => actor.turf.roots.includes(p.path)).map((p) => [p.id, unitRef(p)]));
  return {
    person: { id: person.id, name: person.name, phoneMasked: person.phone_enc ? maskPhone(cipher.decrypt(person.phone_enc)) : null },
    positions: positions.map((p) => ({ positionId: p.positionId, role: p.role, department: p.department, unit: unitRef(p) })),
    turfRoots: [...roots.values()],
  };
}
