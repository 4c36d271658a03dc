import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../../testing/database.ts';
import { buildSampleTree } from '../../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../../testing/setu.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let boothMember: string;
let sambhal: string;
let meerut: string;
type Key = 'rameshHi' | 'sunitaEn' | 'rameshEn' | 'mukesh' | 'meerutRamesh';
const ids = {} as Record<Key, number>;

type Page = { items: { id: number; name: string; phoneMasked: string | null; consents: string[]; worker: boolean }[]; nextCursor: string | null };

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  boothMember = await t.login(tree.people.boothMember.phone);
  sambhal = await t.login(tree.people.sambhalConvener.phone);
  meerut = await t.login(tree.people.meerutConvener.phone);
  const add = async (cookie: string, unitId: number, key: Key, body: Record<string, unknown>) => {
    const res = await t.call('POST', `/api/units/${unitId}/people`, { cookie, body });
    if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
    ids[key] = ((await res.json()) as { person: { id: number } }).person.id;
  };
  await add(boothMember, tree.units.booth1, 'rameshHi', { name: 'रमेश चौहान', phone: '9876511111', consents: [{ purpose: 'org_updates', noticeVersion: 1 }] });
  await add(boothMember, tree.units.booth1, 'sunitaEn', { name: 'Sunita Sharma', phone: '9876522222' });
  await add(sambhal, tree.units.booth2, 'rameshEn', { name: 'Ramesh Gupta', phone: '9876533333' });
  await add(sambhal, tree.units.booth2, 'mukesh', { name: 'मुकेश', phone: '9876544444' });
  await add(meerut, tree.units.meerutBooth, 'meerutRamesh', { name: 'Ramesh Tyagi', phone: '9876555555' });
});
afterAll(() => t.stop());

const list = async (cookie: string, unitId: number, query = '') => {
  const res = await t.call('GET', `/api/units/${unitId}/people${query}`, { cookie });
  return { status: res.status, body: (await res.json()) as Page };
};
const names = (p: Page) => p.items.map((i) => i.name).sort();

describe(`people under a unit (${engine})`, () => {
  it('lists the subtree newest first with phones masked', async () => {
    const { status, body } = await list(sambhal, tree.units.sk);
    expect(status).toBe(200);
    // The booth office-bearers (home: booth1) are people too.
    expect(body.items.map((i) => i.id).slice(0, 4)).toEqual([ids.mukesh, ids.rameshEn, ids.sunitaEn, ids.rameshHi]);
    expect(body.items.find((i) => i.id === ids.rameshHi)).toMatchObject({ phoneMasked: '+91 98•••••111', consents: ['org_updates'], worker: false });
    expect(JSON.stringify(body)).not.toContain('9876511111');
  });

  it('shows a booth member only their booth’s people; other booths and districts are 404', async () => {
    const { body } = await list(boothMember, tree.units.booth1);
    expect(names(body)).toEqual(['Ramesh Pal', 'Sunita Devi', 'Sunita Sharma', 'रमेश चौहान']);
    expect((await list(boothMember, tree.units.booth2)).status).toBe(404);
    expect((await list(boothMember, tree.units.sk)).status).toBe(404);
    expect((await list(sambhal, tree.units.meerutBooth)).status).toBe(404);
    expect((await list(meerut, tree.units.sambhal)).status).toBe(404);
  });

  it('finds names across scripts: "ramesh" finds रमेश and "रमेश" finds Ramesh', async () => {
    expect(names((await list(sambhal, tree.units.sambhal, '?q=ramesh')).body)).toEqual(['Ramesh Gupta', 'Ramesh Pal', 'रमेश चौहान']);
    expect(names((await list(sambhal, tree.units.sambhal, `?q=${encodeURIComponent('रमेश')}`)).body)).toEqual(['Ramesh Gupta', 'Ramesh Pal', 'रमेश चौहान']);
    expect(names((await list(sambhal, tree.units.sambhal, '?q=Mukesh')).body)).toEqual(['मुकेश']);
    // Misspelt a little, the start of a word, two words.
    expect(names((await list(sambhal, tree.units.sambhal, '?q=rmesh')).body)).toContain('Ramesh Gupta');
    expect(names((await list(sambhal, tree.units.sambhal, '?q=sun')).body)).toEqual(['Sunita Devi', 'Sunita Sharma']);
    expect(names((await list(sambhal, tree.units.sambhal, `?q=${encodeURIComponent('ramesh chauhan')}`)).body)).toEqual(['रमेश चौहान']);
    // Meerut's Ramesh is outside the turf, and nobody is named "zzz".
    expect(names((await list(sambhal, tree.units.sambhal, '?q=tyagi')).body)).toEqual([]);
    expect(names((await list(sambhal, tree.units.sambhal, '?q=%21%21')).body)).toEqual([]);
  });

  it('filters by consent and by kind', async () => {
    expect(names((await list(sambhal, tree.units.sambhal, '?consent=org_updates')).body)).toEqual(['रमेश चौहान']);
    expect(names((await list(sambhal, tree.units.sambhal, '?kind=worker')).body)).toEqual(['Ramesh Pal', 'Rekha Yadav', 'Sunita Devi']);
    expect(names((await list(sambhal, tree.units.booth2, '?kind=supporter')).body)).toEqual(['Ramesh Gupta', 'मुकेश']);
  });

  it('pages by keyset without gaps or repeats, and refuses a forged cursor', async () => {
    const all = (await list(sambhal, tree.units.sambhal, '?limit=200')).body.items.map((i) => i.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = (await list(sambhal, tree.units.sambhal, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThan(4);
    expect((await list(sambhal, tree.units.sambhal, '?cursor=bm9wZQ')).status).toBe(400);
  });

  it('leaves out merged and erased people', async () => {
    await t.database.db.updateTable('people').set({ merged_into: ids.rameshHi }).where('id', '=', ids.sunitaEn).execute();
    expect(names((await list(boothMember, tree.units.booth1)).body)).not.toContain('Sunita Sharma');
    await t.database.db.updateTable('people').set({ merged_into: null }).where('id', '=', ids.sunitaEn).execute();
    expect(names((await list(boothMember, tree.units.booth1)).body)).toContain('Sunita Sharma');
  });
});

describe(`a person's page (${engine})`, () => {
  it('shows the person to anyone whose turf covers them, with what they may do', async () => {
    const byMember = await t.call('GET', `/api/people/${ids.rameshHi}`, { cookie: boothMember });
    expect(byMember.status).toBe(200);
    expect(await byMember.json()).toMatchObject({
      id: ids.rameshHi,
      name: 'रमेश चौहान',
      phoneMasked: '+91 98•••••111',
      source: 'capture',
      createdBy: { id: tree.people.boothMember.id, name: 'Sunita Devi' },
      consentHistory: [{ purpose: 'org_updates', noticeVersion: 1, method: 'in_person', withdrawnAt: null }],
      // The worker who captured the record may edit it, but not see the whole number, erase or export it.
      can: { edit: true, reveal: false, erase: false, export: false },
    });
    const byConvener = (await (await t.call('GET', `/api/people/${ids.rameshHi}`, { cookie: sambhal })).json()) as { can: object };
    expect(byConvener.can).toEqual({ edit: true, reveal: true, erase: true, export: true });
    // Someone else's capture at booth2 is outside the booth member's turf.
    expect((await t.call('GET', `/api/people/${ids.rameshEn}`, { cookie: boothMember })).status).toBe(404);
    expect((await t.call('GET', `/api/people/${ids.meerutRamesh}`, { cookie: sambhal })).status).toBe(404);
  });

  it('lets an office-bearer be seen where they hold a position even when their home is elsewhere', async () => {
    await t.database.db.updateTable('people').set({ home_unit_id: tree.units.meerutBooth }).where('id', '=', tree.people.boothConvener.id).execute();
    expect((await t.call('GET', `/api/people/${tree.people.boothConvener.id}`, { cookie: boothMember })).status).toBe(200);
    await t.database.db.updateTable('people').set({ home_unit_id: tree.units.booth1 }).where('id', '=', tree.people.boothConvener.id).execute();
  });

  it('lets the capturer and managers edit, others not (403); a new home must be in the turf', async () => {
    const boothConvener = await t.login(tree.people.boothConvener.phone);
    const patch = (cookie: string, id: number, body: object) => t.call('PATCH', `/api/people/${id}`, { cookie, body });
    expect((await patch(boothMember, ids.rameshHi, { tags: ['volunteer'], whatsapp: true })).status).toBe(200);
    expect((await patch(boothConvener, ids.rameshHi, { name: 'Ramesh Chauhan' })).status).toBe(200);
    // The booth member did not capture Sunita Devi (a worker added by the tree) and manages nobody.
    expect((await patch(boothMember, tree.people.boothConvener.id, { tags: ['x'] })).status).toBe(403);
    expect((await patch(boothMember, ids.rameshHi, { homeUnitId: tree.units.booth2 })).status).toBe(404);
    expect((await patch(sambhal, ids.rameshHi, { homeUnitId: tree.units.meerutBooth })).status).toBe(404);
    expect((await patch(sambhal, ids.rameshHi, {})).status).toBe(400);
    const moved = await patch(sambhal, ids.rameshHi, { homeUnitId: tree.units.booth2 });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ name: 'Ramesh Chauhan', tags: ['volunteer'], whatsapp: true, homeUnit: { id: tree.units.booth2 } });
    // The name's search key followed the new spelling.
    expect(names((await list(sambhal, tree.units.booth2, '?q=chauhan')).body)).toEqual(['Ramesh Chauhan']);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'person.update')
      .where('target_id', '=', String(ids.rameshHi))
      .execute();
    expect(audit.map((a) => a.details)).toEqual([
      { fields: ['tags', 'whatsapp'] },
      { fields: ['name'] },
      { fields: ['homeUnitId'], homeUnitId: tree.units.booth2 },
    ]);
  });

  it('reveals the whole number only to people.reveal, and audits each reveal', async () => {
    expect((await t.call('POST', `/api/people/${ids.sunitaEn}/reveal`, { cookie: boothMember })).status).toBe(403);
    const res = await t.call('POST', `/api/people/${ids.sunitaEn}/reveal`, { cookie: sambhal });
    expect(await res.json()).toEqual({ phone: '+919876522222', whatsappLink: 'https://wa.me/919876522222' });
    const rows = await t.database.db.selectFrom('audit_log').select(['actor_id', 'details']).where('action', '=', 'person.reveal').execute();
    expect(rows).toEqual([{ actor_id: tree.people.sambhalConvener.id, details: { hasPhone: true } }]);
  });

  it('marking someone a child closes their consents', async () => {
    const res = await t.call('PATCH', `/api/people/${ids.rameshHi}`, { cookie: sambhal, body: { ageBand: 'under_18' } });
    expect(await res.json()).toMatchObject({ consents: [], ageBand: 'under_18' });
    const consent = await t.call('POST', `/api/people/${ids.rameshHi}/consents`, { cookie: sambhal, body: { purpose: 'org_updates', noticeVersion: 1 } });
    expect(consent.status).toBe(422);
  });
});
