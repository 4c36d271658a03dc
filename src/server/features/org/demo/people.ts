import type { Kysely } from 'kysely';
import type { Schema } from '../../../platform/db/index.ts';
import type { PiiCipher } from '../../../platform/crypto.ts';
import { insertPerson } from '../../people/index.ts';
import { assignPosition } from '../positions.ts';

export interface DemoLogin {
  name: string;
  phone: string;
  role: string;
  department: string | null;
  unit: string;
}

/** Where each demo person sits: a path of unit names from a state down, and the role they hold there. */
const cast: Array<{ name: string; phone: string; at: string[]; role: string; department: string | null }> = [
  { name: 'Arvind Mishra', phone: '+919000000001', at: [], role: 'convener', department: 'it' },
  { name: 'Kavita Singh', phone: '+919000000002', at: ['Uttar Pradesh'], role: 'convener', department: 'it' },
  { name: 'Faisal Qureshi', phone: '+919000000003', at: ['Uttar Pradesh'], role: 'co_convener', department: 'social_media' },
  { name: 'Deepak Tyagi', phone: '+919000000004', at: ['Uttar Pradesh', 'Paschim'], role: 'in_charge', department: 'it' },
  { name: 'Rekha Yadav', phone: '+919000000005', at: ['Uttar Pradesh', 'Paschim', 'Sambhal'], role: 'convener', department: 'it' },
  { name: 'Salim Ansari', phone: '+919000000006', at: ['Uttar Pradesh', 'Paschim', 'Sambhal'], role: 'co_convener', department: 'social_media' },
  { name: 'Pooja Srivastava', phone: '+919000000007', at: ['Uttar Pradesh', 'Awadh', 'Lucknow'], role: 'convener', department: 'it' },
  { name: 'Manoj Varshney', phone: '+919000000008', at: ['Uttar Pradesh', 'Paschim', 'Sambhal', 'Chandausi'], role: 'convener', department: 'it' },
  { name: 'Sanjay Saini', phone: '+919000000009', at: ['Uttar Pradesh', 'Paschim', 'Sambhal', 'Chandausi', '*mandal'], role: 'convener', department: 'it' },
  {
    name: 'Neha Maurya',
    phone: '+919000000010',
    at: ['Uttar Pradesh', 'Paschim', 'Sambhal', 'Chandausi', '*mandal', '*shakti_kendra'],
    role: 'convener',
    department: 'it',
  },
  {
    name: 'Arjun Verma',
    phone: '+919000000013',
    at: ['Uttar Pradesh', 'Paschim', 'Sambhal', 'Chandausi', '*mandal', '*shakti_kendra#2'],
    role: 'convener',
    department: 'it',
  },
  {
    name: 'Ramesh Pal',
    phone: '+919000000011',
    at: ['Uttar Pradesh', 'Paschim', 'Sambhal', 'Chandausi', '*mandal', '*shakti_kendra', '*booth'],
    role: 'convener',
    department: 'it',
  },
  {
    name: 'Sunita Jatav',
    phone: '+919000000012',
    at: ['Uttar Pradesh', 'Paschim', 'Sambhal', 'Chandausi', '*mandal', '*shakti_kendra', '*booth'],
    role: 'member',
    department: null,
  },
];

/**
 * Finds a unit by walking names from the root; `*level` takes the first child (by code) of that level, `*level#n` the
 * n-th (a second shakti kendra of the same mandal).
 */
async function walk(db: Kysely<Schema>, steps: string[]) {
  let unit = await db.selectFrom('units').select(['id', 'name_en']).where('parent_id', 'is', null).orderBy('id').executeTakeFirstOrThrow();
  for (const step of steps) {
    let q = db.selectFrom('units').select(['id', 'name_en']).where('parent_id', '=', unit.id);
    const [level, nth = '1'] = step.slice(1).split('#');
    q = step.startsWith('*')
      ? q
          .where('level', '=', level!)
          .orderBy('code')
          .offset(Number(nth) - 1)
      : q.where('name_en', '=', step);
    const next = await q.limit(1).executeTakeFirst();
    if (!next) throw new Error(`demo: no unit ${step} under ${unit.name_en}`);
    unit = next;
  }
  return unit;
}

/** Adds the demo people with positions from the nation down to one booth; returns how to sign in as each. */
export async function addDemoPeople(db: Kysely<Schema>, cipher: PiiCipher): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  for (const c of cast) {
    const unit = await walk(db, c.at);
    const personId = await insertPerson(db, cipher, { name: c.name, phone: c.phone, homeUnitId: unit.id });
    await assignPosition(db, { personId, unitId: unit.id, role: c.role, department: c.department });
    logins.push({ name: c.name, phone: c.phone, role: c.role, department: c.department, unit: unit.name_en });
  }
  return logins;
}
