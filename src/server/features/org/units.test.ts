import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../testing/database.ts';
import { addUnit, buildSampleTree } from '../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../testing/setu.ts';

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let district: string; // Sambhal district convener
let state: string; // UP state convener

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  district = await t.login(tree.people.sambhalConvener.phone);
  state = await t.login(tree.people.stateConvener.phone);
});
afterAll(() => t.stop());

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

describe(`units on ${engine}`, () => {
  it('shows a unit with breadcrumbs cut at the turf and its office-bearers', async () => {
    const { status, body } = await json(await t.call('GET', `/api/units/${tree.units.chandausi}`, { cookie: district }));
    expect(status).toBe(200);
    expect(body).toMatchObject({ nameEn: 'Chandausi', nameHi: 'चंदौसी', level: 'assembly', booths: 2 });
    expect(body.ancestors.map((a: { nameEn: string }) => a.nameEn)).toEqual(['Sambhal']);
    const own = await json(await t.call('GET', `/api/units/${tree.units.sambhal}`, { cookie: district }));
    expect(own.body.officeBearers).toEqual([expect.objectContaining({ name: 'Rekha Yadav', role: 'convener', department: 'it' })]);
  });

  it('lists children with their booth counts', async () => {
    const { status, body } = await json(await t.call('GET', `/api/units/${tree.units.paschim}/children`, { cookie: state }));
    expect(status).toBe(200);
    expect(body.items.map((u: { nameEn: string; booths: number }) => [u.nameEn, u.booths])).toEqual([
      ['Meerut', 1],
      ['Sambhal', 2],
    ]);
    const paged = await json(await t.call('GET', `/api/units/${tree.units.paschim}/children?limit=1`, { cookie: state }));
    expect(paged.body.items).toHaveLength(1);
    const next = await json(await t.call('GET', `/api/units/${tree.units.paschim}/children?limit=1&cursor=${paged.body.nextCursor}`, { cookie: state }));
    expect(next.body.items[0].nameEn).toBe('Sambhal');
    expect(next.body.nextCursor).toBeNull();
  });

  it('hides another district as not found', async () => {
    const res = await json(await t.call('GET', `/api/units/${tree.units.meerut}`, { cookie: district }));
    expect(res).toEqual({ status: 404, body: { code: 'not_found', message: 'unit not found' } });
  });

  it('creates a mandal under an assembly and counts stay right', async () => {
    const { status, body } = await json(
      await t.call('POST', '/api/units', {
        cookie: district,
        body: { parentId: tree.units.chandausi, level: 'mandal', nameEn: 'Bahjoi Dehat', nameHi: 'बहजोई देहात', code: 'UP-AC-031-M-2' },
      }),
    );
    expect(status).toBe(201);
    expect(body).toMatchObject({ parentId: tree.units.chandausi, level: 'mandal', booths: 0, archived: false });
    expect(body.path.endsWith(`.${tree.units.chandausi}.${body.id}`)).toBe(true);
  });

  it('refuses a level that is not deeper than the parent, and a taken code, changing nothing', async () => {
    const before = await json(await t.call('GET', `/api/units/${tree.units.chandausi}/children`, { cookie: district }));
    const shallow = await json(
      await t.call('POST', '/api/units', { cookie: district, body: { parentId: tree.units.chandausi, level: 'district', nameEn: 'X', nameHi: 'X' } }),
    );
    expect(shallow).toMatchObject({ status: 422, body: { code: 'level_order' } });
    const taken = await json(
      await t.call('POST', '/api/units', {
        cookie: district,
        body: { parentId: tree.units.chandausi, level: 'mandal', nameEn: 'Y', nameHi: 'Y', code: 'UP-AC-031' },
      }),
    );
    expect(taken).toMatchObject({ status: 409, body: { code: 'unit_code_taken' } });
    const unknown = await json(
      await t.call('POST', '/api/units', { cookie: district, body: { parentId: tree.units.chandausi, level: 'ward', nameEn: 'Y', nameHi: 'Y' } }),
    );
    expect(unknown).toMatchObject({ status: 422, body: { code: 'unknown_level' } });
    const bad = await json(
      await t.call('POST', '/api/units', { cookie: district, body: { parentId: tree.units.chandausi, level: 'mandal', nameEn: '', nameHi: 'Y', extra: 1 } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation');
    const after = await json(await t.call('GET', `/api/units/${tree.units.chandausi}/children`, { cookie: district }));
    expect(after.body.items).toEqual(before.body.items);
  });

  it('renames and archives, but not a unit with live children or the caller’s own unit', async () => {
    const renamed = await json(await t.call('PATCH', `/api/units/${tree.units.bahjoi}`, { cookie: district, body: { nameHi: 'बहजोई नगर' } }));
    expect(renamed).toMatchObject({ status: 200, body: { nameHi: 'बहजोई नगर', nameEn: 'Bahjoi' } });
    const busy = await json(await t.call('PATCH', `/api/units/${tree.units.bahjoi}`, { cookie: district, body: { archived: true } }));
    expect(busy).toMatchObject({ status: 409, body: { code: 'unit_not_empty' } });
    const own = await json(await t.call('PATCH', `/api/units/${tree.units.sambhal}`, { cookie: district, body: { nameEn: 'Mine' } }));
    expect(own).toMatchObject({ status: 403, body: { code: 'forbidden' } });
  });

  it('moves a subtree in one statement, rewriting every path and the booth counts', async () => {
    const moved = await json(await t.call('POST', `/api/units/${tree.units.sk}/move`, { cookie: state, body: { newParentId: tree.units.meerutMandal } }));
    expect(moved.status).toBe(200);
    expect(moved.body.movedUnits).toBe(3);
    const meerut = await json(await t.call('GET', `/api/units/${tree.units.meerut}`, { cookie: state }));
    const sambhal = await json(await t.call('GET', `/api/units/${tree.units.sambhal}`, { cookie: state }));
    expect([meerut.body.booths, sambhal.body.booths]).toEqual([3, 0]);
    const booth = await json(await t.call('GET', `/api/units/${tree.units.booth1}`, { cookie: state }));
    expect(booth.body.ancestors.map((a: { nameEn: string }) => a.nameEn)).toEqual([
      'Uttar Pradesh',
      'Paschim',
      'Meerut',
      'Meerut City',
      'Lalkurti',
      'Bahjoi SK 1',
    ]);
    // And back, so later tests see the sample tree.
    await t.call('POST', `/api/units/${tree.units.sk}/move`, { cookie: state, body: { newParentId: tree.units.bahjoi } });
  });

  it('refuses moving a unit under itself or under a shallower level', async () => {
    const loop = await json(await t.call('POST', `/api/units/${tree.units.chandausi}/move`, { cookie: state, body: { newParentId: tree.units.sk } }));
    expect(loop).toMatchObject({ status: 422, body: { code: 'move_into_own_subtree' } });
    const order = await json(await t.call('POST', `/api/units/${tree.units.sambhal}/move`, { cookie: state, body: { newParentId: tree.units.meerutCity } }));
    expect(order).toMatchObject({ status: 422, body: { code: 'level_order' } });
  });

  it('does not let a district convener move their district out from under the state', async () => {
    const res = await json(await t.call('POST', `/api/units/${tree.units.chandausi}/move`, { cookie: district, body: { newParentId: tree.units.meerut } }));
    expect(res).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });
});

describe(`children in the reader's order (${engine})`, () => {
  it('orders children by their Hindi names with lang=hi, paging by the same order', async () => {
    const db = t.database.db;
    await addUnit(db, { parentId: tree.units.meerutCity, level: 'mandal', name: 'Old City', nameHi: 'पुराना शहर' });
    await addUnit(db, { parentId: tree.units.meerutCity, level: 'mandal', name: 'Anand Vihar', nameHi: 'आनंद विहार' });
    const meerut = await t.login(tree.people.meerutConvener.phone);
    const list = async (query: string) => json(await t.call('GET', `/api/units/${tree.units.meerutCity}/children?${query}`, { cookie: meerut }));
    expect((await list('')).body.items.map((u: { nameEn: string }) => u.nameEn)).toEqual(['Anand Vihar', 'Lalkurti', 'Old City']);
    expect((await list('lang=hi')).body.items.map((u: { nameHi: string }) => u.nameHi)).toEqual(['आनंद विहार', 'पुराना शहर', 'लालकुर्ती']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { nameHi: string }[]; nextCursor: string | null } } = await list(`lang=hi&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((u) => u.nameHi));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['आनंद विहार', 'पुराना शहर', 'लालकुर्ती']);
    expect((await list('lang=fr')).status).toBe(400);
  });
});
