import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../../testing/database.ts';
import { addPerson, buildSampleTree } from '../../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../../testing/setu.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let state: string;
let boothMember: string;
let otherMember: string;
let skConvener: string;
const groups = {} as Record<'booth1Public' | 'booth1Workers' | 'skPublic' | 'skWorkers', number>;
const people = {} as Record<'adult' | 'noBand' | 'child' | 'updatesOnly' | 'none' | 'booth2' | 'meerut' | 'worker' | 'erased' | 'skConvener', number>;

const json = async (res: Response) => (await res.json()) as any;

async function consent(personId: number, purpose: string) {
  const db = t.database.db;
  const notice = await db.selectFrom('notices').select('id').where('purpose', '=', purpose).where('version', '=', 1).executeTakeFirstOrThrow();
  await db.insertInto('consents').values({ person_id: personId, purpose, notice_id: notice.id, method: 'in_person', recorded_by: null }).execute();
}

async function supporter(name: string, phone: string, unitId: number, opts: { purposes?: string[]; ageBand?: string; role?: string } = {}) {
  const id = await addPerson(t.database.db, { name, phone, unitId, ...(opts.role ? { role: opts.role } : {}) });
  if (opts.ageBand) await t.database.db.updateTable('people').set({ age_band: opts.ageBand }).where('id', '=', id).execute();
  for (const p of opts.purposes ?? ['whatsapp_groups']) await consent(id, p);
  return id;
}

beforeAll(async () => {
  t = await createTestSetu({ TRUST_PROXY: 'true' });
  tree = await buildSampleTree(t.database.db);
  const u = tree.units;
  people.adult = await supporter('Asha Verma', '+919811100001', u.booth1, { ageBand: '26_35' });
  people.noBand = await supporter('Bhola Nath', '+919811100002', u.booth1);
  people.child = await supporter('Chintu', '+919811100003', u.booth1, { ageBand: 'under_18' });
  people.updatesOnly = await supporter('Dinesh', '+919811100004', u.booth1, { purposes: ['org_updates'] });
  people.none = await supporter('Ekta', '+919811100005', u.booth1, { purposes: [] });
  people.booth2 = await supporter('Farida Khan', '+919811100006', u.booth2);
  people.meerut = await supporter('Gopal', '+919811100007', u.meerutBooth);
  people.worker = await supporter('Hari Om', '+919811100008', u.booth2, { role: 'member' });
  people.erased = await supporter('Indu', '+919811100009', u.booth1);
  await t.database.db.updateTable('people').set({ erased_at: new Date() }).where('id', '=', people.erased).execute();
  await consent(tree.people.boothMember.id, 'whatsapp_groups');
  people.skConvener = await addPerson(t.database.db, { name: 'Jaya', phone: '+919000000041', unitId: u.sk, role: 'convener' });
  await addPerson(t.database.db, { name: 'Kishan', phone: '+919000000042', unitId: u.booth1, role: 'member' });
  [state, boothMember, otherMember, skConvener] = await Promise.all([
    t.login(tree.people.stateConvener.phone),
    t.login(tree.people.boothMember.phone),
    t.login('9000000042'),
    t.login('9000000041'),
  ]);
  const make = async (unitId: number, purpose: string, adminIds: number[] = []) =>
    (await json(await t.call('POST', `/api/units/${unitId}/groups`, { cookie: state, body: { name: `${purpose} ${unitId}`, purpose, adminIds } })))
      .id as number;
  groups.booth1Public = await make(u.booth1, 'public', [tree.people.boothMember.id]);
  groups.booth1Workers = await make(u.booth1, 'workers');
  groups.skPublic = await make(u.sk, 'public');
  groups.skWorkers = await make(u.sk, 'workers');
});
afterAll(() => t.stop());

const roster = async (cookie: string, id: number) => {
  const res = await t.call('GET', `/api/groups/${id}/roster`, { cookie });
  expect(res.status).toBe(200);
  return json(res);
};
const names = (r: any) => r.items.map((i: any) => i.name);

describe(`group rosters (${engine})`, () => {
  it('lists only consenting adults of the unit (not children, not without consent, not erased), with whole numbers and wa.me links', async () => {
    const r = await roster(boothMember, groups.booth1Public);
    expect(names(r)).toEqual(['Asha Verma', 'Bhola Nath', 'Sunita Devi']);
    expect(r.truncated).toBe(false);
    expect(r.group).toMatchObject({ id: groups.booth1Public, purpose: 'public', unit: { id: tree.units.booth1 } });
    expect(r.items[0]).toEqual({
      personId: people.adult,
      name: 'Asha Verma',
      phone: '+919811100001',
      waLink: 'https://wa.me/919811100001',
      homeUnit: { id: tree.units.booth1, level: 'booth', nameEn: 'Primary School Bahjoi', nameHi: 'प्राथमिक विद्यालय बहजोई' },
    });
  });

  it('covers the subtree for a shakti kendra, and only people with a live position there for a workers’ group', async () => {
    expect(names(await roster(state, groups.skPublic))).toEqual(['Asha Verma', 'Bhola Nath', 'Farida Khan', 'Hari Om', 'Sunita Devi']);
    expect(names(await roster(state, groups.skWorkers))).toEqual(['Hari Om', 'Sunita Devi']);
    expect(names(await roster(state, groups.booth1Workers))).toEqual(['Sunita Devi']);
    await t.database.db.updateTable('positions').set({ ended_at: new Date() }).where('person_id', '=', people.worker).execute();
    expect(names(await roster(state, groups.skWorkers))).toEqual(['Sunita Devi']);
  });

  it('drops a person from the very next roster when they withdraw consent on the public page', async () => {
    const ip = { 'x-forwarded-for': '203.0.113.7' };
    const started = await json(await t.call('POST', '/api/consent/withdraw/code', { body: { phone: '98111 00001' }, headers: ip }));
    await new Promise((r) => setImmediate(r));
    const code = t.codes.get('+919811100001')!;
    const res = await t.call('POST', '/api/consent/withdraw', {
      body: { phone: '+919811100001', attemptId: started.attemptId, code, purposes: ['whatsapp_groups'] },
      headers: ip,
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ withdrawn: 1 });
    expect(names(await roster(boothMember, groups.booth1Public))).toEqual(['Bhola Nath', 'Sunita Devi']);
  });

  it('is for the group’s admins and people.reveal at or above the unit; 403 inside the turf otherwise, 404 outside', async () => {
    expect((await t.call('GET', `/api/groups/${groups.booth1Workers}/roster`, { cookie: boothMember })).status).toBe(403);
    expect((await t.call('GET', `/api/groups/${groups.booth1Public}/roster`, { cookie: otherMember })).status).toBe(403);
    expect((await t.call('GET', `/api/groups/${groups.booth1Public}/roster`, { cookie: skConvener })).status).toBe(200);
    const meerut = await t.login(tree.people.meerutConvener.phone);
    expect((await t.call('GET', `/api/groups/${groups.booth1Public}/roster`, { cookie: meerut })).status).toBe(404);
    expect((await t.call('GET', `/api/groups/${groups.booth1Public}/roster.vcf`, { cookie: meerut })).status).toBe(404);
  });

  it('audits every roster read with counts only, never names or numbers', async () => {
    const before = await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'group.roster').execute();
    await roster(skConvener, groups.skPublic);
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'target_id', 'details'])
      .where('action', '=', 'group.roster')
      .orderBy('id', 'desc')
      .execute();
    expect(rows.length).toBe(before.length + 1);
    expect(rows[0]).toEqual({
      actor_id: people.skConvener,
      target_id: String(groups.skPublic),
      details: { unitId: tree.units.sk, count: 4, truncated: false, asAdmin: false },
    });
    expect(JSON.stringify(rows)).not.toMatch(/98111|Asha|Bhola|Farida/);
  });

  it('gives the same roster as vCard 3.0 contacts that read back to the same names and numbers (audited)', async () => {
    await t.database.db.updateTable('people').set({ name: 'Bhola Nath, “Pappu”; सिंह\\जी' }).where('id', '=', people.noBand).execute();
    const res = await t.call('GET', `/api/groups/${groups.skPublic}/roster.vcf`, { cookie: state });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/vcard; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="setu-group-${groups.skPublic}.vcf"`);
    const text = await res.text();
    expect(text.endsWith('END:VCARD\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const cards = parseVcards(text);
    expect(cards).toEqual([
      { VERSION: '3.0', FN: 'Bhola Nath, “Pappu”; सिंह\\जी', N: ';Bhola Nath\\, “Pappu”\\; सिंह\\\\जी;;;', 'TEL;TYPE=CELL': '+919811100002' },
      { VERSION: '3.0', FN: 'Farida Khan', N: ';Farida Khan;;;', 'TEL;TYPE=CELL': '+919811100006' },
      { VERSION: '3.0', FN: 'Hari Om', N: ';Hari Om;;;', 'TEL;TYPE=CELL': '+919811100008' },
      { VERSION: '3.0', FN: 'Sunita Devi', N: ';Sunita Devi;;;', 'TEL;TYPE=CELL': '+919000000004' },
    ]);
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_id', 'details']).where('action', '=', 'group.vcard').execute();
    expect(audit).toEqual([{ actor_id: tree.people.stateConvener.id, details: { unitId: tree.units.sk, count: 4, truncated: false, asAdmin: false } }]);
  });
});

/** A small vCard reader: unfolds lines (CRLF + space), splits cards, unescapes text values (FN). */
function parseVcards(text: string): Record<string, string>[] {
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  const cards: Record<string, string>[] = [];
  let card: Record<string, string> | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:VCARD') card = {};
    else if (line === 'END:VCARD') cards.push(card!);
    else {
      const at = line.indexOf(':');
      const key = line.slice(0, at);
      const value = line.slice(at + 1);
      card![key] = key === 'FN' ? value.replace(/\\([\\,;nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c)) : value;
    }
  }
  return cards;
}
