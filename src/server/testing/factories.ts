import { sql, type Kysely } from 'kysely';
import type { Schema } from '../platform/db/index.ts';
import { createPiiCipher } from '../platform/crypto.ts';
import { assignPosition } from '../features/org/index.ts';
import { insertPerson } from '../features/people/index.ts';
import { TEST_SECRET } from './setu.ts';

const cipher = createPiiCipher(TEST_SECRET);

/** Adds a unit under a parent (or a root), computing its path as the service does. */
export async function addUnit(db: Kysely<Schema>, u: { parentId?: number; level: string; name: string; nameHi?: string; code?: string }): Promise<number> {
  const parent = u.parentId ? await db.selectFrom('units').select(['path', 'state_id']).where('id', '=', u.parentId).executeTakeFirstOrThrow() : null;
  const row = await sql<{ id: number }>`
    insert into units (id, parent_id, level, name_en, name_hi, code, path, state_id)
    select n.id, ${u.parentId ?? null}, ${u.level}, ${u.name}, ${u.nameHi ?? u.name}, ${u.code ?? null},
      (case when ${parent?.path ?? null}::text is null then n.id::text else ${parent?.path ?? null}::text || '.' || n.id end)::ltree,
      coalesce(${parent?.state_id ?? null}::int, case when nlevel(${parent?.path ?? ''}::ltree) = 1 then n.id end)
    from (select nextval(pg_get_serial_sequence('units', 'id'))::int as id) n returning id`.execute(db);
  return row.rows[0]!.id;
}

/** A person with a phone and, optionally, a role at a unit. */
export async function addPerson(db: Kysely<Schema>, p: { name: string; phone: string; unitId?: number; role?: string; department?: string }) {
  const id = await insertPerson(db, cipher, { name: p.name, phone: p.phone, homeUnitId: p.unitId ?? null });
  if (p.unitId && p.role) await assignPosition(db, { personId: id, unitId: p.unitId, role: p.role, department: p.department ?? null });
  return id;
}

/**
 * A small tree with two districts and the people who run them:
 * India › Uttar Pradesh › Paschim › {Sambhal › Chandausi › Bahjoi mandal › SK › 2 booths, Meerut › … › 1 booth}.
 */
export async function buildSampleTree(db: Kysely<Schema>) {
  const india = await addUnit(db, { level: 'national', name: 'India', nameHi: 'भारत', code: 'IN' });
  const up = await addUnit(db, { parentId: india, level: 'state', name: 'Uttar Pradesh', nameHi: 'उत्तर प्रदेश', code: 'UP' });
  const paschim = await addUnit(db, { parentId: up, level: 'region', name: 'Paschim', nameHi: 'पश्चिम' });
  const sambhal = await addUnit(db, { parentId: paschim, level: 'district', name: 'Sambhal', nameHi: 'संभल', code: 'UP-D-SAMBHAL' });
  const chandausi = await addUnit(db, { parentId: sambhal, level: 'assembly', name: 'Chandausi', nameHi: 'चंदौसी', code: 'UP-AC-031' });
  const bahjoi = await addUnit(db, { parentId: chandausi, level: 'mandal', name: 'Bahjoi', nameHi: 'बहजोई' });
  const sk = await addUnit(db, { parentId: bahjoi, level: 'shakti_kendra', name: 'Bahjoi SK 1', nameHi: 'बहजोई शक्ति केंद्र 1' });
  const booth1 = await addUnit(db, { parentId: sk, level: 'booth', name: 'Primary School Bahjoi', nameHi: 'प्राथमिक विद्यालय बहजोई', code: 'UP-AC-031-PS-001' });
  const booth2 = await addUnit(db, { parentId: sk, level: 'booth', name: 'Panchayat Bhawan Bahjoi', nameHi: 'पंचायत भवन बहजोई', code: 'UP-AC-031-PS-002' });
  const meerut = await addUnit(db, { parentId: paschim, level: 'district', name: 'Meerut', nameHi: 'मेरठ', code: 'UP-D-MEERUT' });
  const meerutCity = await addUnit(db, { parentId: meerut, level: 'assembly', name: 'Meerut City', nameHi: 'मेरठ शहर', code: 'UP-AC-048' });
  const meerutMandal = await addUnit(db, { parentId: meerutCity, level: 'mandal', name: 'Lalkurti', nameHi: 'लालकुर्ती' });
  const meerutSk = await addUnit(db, { parentId: meerutMandal, level: 'shakti_kendra', name: 'Lalkurti SK', nameHi: 'लालकुर्ती शक्ति केंद्र' });
  const meerutBooth = await addUnit(db, {
    parentId: meerutSk,
    level: 'booth',
    name: 'Inter College Lalkurti',
    nameHi: 'इंटर कॉलेज लालकुर्ती',
    code: 'UP-AC-048-PS-001',
  });

  const people = {
    stateConvener: {
      phone: '9000000001',
      id: await addPerson(db, { name: 'Anil Sharma', phone: '+919000000001', unitId: up, role: 'convener', department: 'it' }),
    },
    sambhalConvener: {
      phone: '9000000002',
      id: await addPerson(db, { name: 'Rekha Yadav', phone: '+919000000002', unitId: sambhal, role: 'convener', department: 'it' }),
    },
    meerutConvener: {
      phone: '9000000003',
      id: await addPerson(db, { name: 'Imran Ansari', phone: '+919000000003', unitId: meerut, role: 'convener', department: 'it' }),
    },
    boothMember: { phone: '9000000004', id: await addPerson(db, { name: 'Sunita Devi', phone: '+919000000004', unitId: booth1, role: 'member' }) },
    boothConvener: { phone: '9000000005', id: await addPerson(db, { name: 'Ramesh Pal', phone: '+919000000005', unitId: booth1, role: 'convener' }) },
  };
  return { units: { india, up, paschim, sambhal, chandausi, bahjoi, sk, booth1, booth2, meerut, meerutCity, meerutMandal, meerutSk, meerutBooth }, people };
}
