import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../testing/database.ts';
import { buildSampleTree } from '../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../testing/setu.ts';
import {
  aimAtMeerut,
  allRoutes,
  NO_OBJECT,
  PUBLIC,
  unscoped,
  buildMeerutObjects,
  snapshot,
  type MeerutObjects,
  type SampleTree,
} from '../testing/meerut-kit.ts';

/**
 * The unauthorized-access suite. It walks EVERY route in the OpenAPI document, so a new endpoint is covered the
 * day it is added: as an outsider (the Sambhal district convener, asking for Meerut's objects) every object
 * route answers 404 and changes nothing; without a session every non-public route answers 401.
 * A route this file does not know how to aim at an outside object fails the suite until it is taught (`aimAtMeerut` in
 * testing/meerut-kit.ts).
 */

let t: TestSetu;
let tree: SampleTree;
let outsider: string;
let objects: MeerutObjects;

/** A valid body for the routes about the caller that take one, so that without a session they meet the 401, not a 400. */
const MEERUT_ENDPOINT = 'https://fcm.googleapis.com/fcm/send/meerut-convener-browser';
const SELF_BODIES: Record<string, unknown> = {
  'POST /api/me/push-subscriptions': { endpoint: MEERUT_ENDPOINT, keys: { p256dh: 'BOr5vQ2p1m3', auth: 'YXV0aA' } },
  'DELETE /api/me/push-subscriptions': { endpoint: MEERUT_ENDPOINT },
  'PUT /api/me/channels': { sms: true },
};

const aimOutside = (route: string) => aimAtMeerut(route, tree, objects);
const routes = () => allRoutes(t);

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  outsider = await t.login(tree.people.sambhalConvener.phone);
  objects = await buildMeerutObjects(t, tree);
});
afterAll(() => t.stop());

describe(`every endpoint refuses outsiders (${engine})`, () => {
  it('knows how to aim every non-public route at an outside object', async () => {
    const unknown = (await routes()).filter((r) => !unscoped(r) && !aimOutside(r));
    expect(unknown, 'teach aimOutside() about these routes').toEqual([]);
  });

  it('answers 404 to an outsider on every object route and changes nothing', async () => {
    const objectRoutes = (await routes()).filter((r) => !unscoped(r));
    expect(objectRoutes.length).toBeGreaterThanOrEqual(10);
    for (const route of objectRoutes) {
      const before = await snapshot(t);
      const aim = aimOutside(route)!;
      const res = await t.call(route.split(' ')[0]!, aim.path, { cookie: outsider, body: aim.body });
      expect({ route, status: res.status }).toEqual({ route, status: 404 });
      expect(await res.json()).toMatchObject({ code: 'not_found' });
      expect(await snapshot(t), `${route} changed data`).toBe(before);
    }
  });

  it('records each of those denials in the audit log', async () => {
    const rows = await t.database.db.selectFrom('audit_log').select(['action', 'outcome', 'actor_id', 'details']).where('outcome', '=', 'denied').execute();
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.every((r) => r.actor_id === tree.people.sambhalConvener.id && r.action === 'http.denied')).toBe(true);
  });

  it('answers 401 without a session on every non-public route', async () => {
    for (const route of (await routes()).filter((r) => !PUBLIC.has(r))) {
      const aim = aimOutside(route) ?? { path: route.split(' ')[1]!, body: SELF_BODIES[route] };
      const res = await t.call(route.split(' ')[0]!, aim.path, { body: aim.body });
      expect({ route, status: res.status }).toEqual({ route, status: 401 });
    }
  });

  it('answers 401 without a session before it reads the request: bad parameters and a bad body are not reported first', async () => {
    for (const route of (await routes()).filter((r) => !PUBLIC.has(r))) {
      const [method, template] = route.split(' ') as [string, string];
      const path = template.replace(/\{[^}]+\}/g, '0');
      const res = await t.call(method, `${path}?limit=-1&unitId=x`, method === 'GET' ? {} : { body: { bogus: ['not', 'valid'] } });
      expect({ route, status: res.status }).toEqual({ route, status: 401 });
    }
    // Not even a body that is not JSON.
    expect((await t.call('POST', '/api/directives', { body: '{not json' })).status).toBe(401);
  });

  it('keeps the routes without an object honest: they show nothing of any turf', async () => {
    expect([...NO_OBJECT].every((r) => !aimOutside(r))).toBe(true);
    const meta = await t.call('GET', '/api/org/meta', { cookie: outsider });
    expect(meta.status).toBe(200);
    expect(Object.keys((await meta.json()) as object).sort()).toEqual(['departments', 'levels', 'roles']);
  });

  it('lets /me push subscriptions act on the caller only: an outsider cannot remove Meerut’s', async () => {
    const meerut = await t.login(tree.people.meerutConvener.phone);
    const body = SELF_BODIES['POST /api/me/push-subscriptions'];
    expect((await t.call('POST', '/api/me/push-subscriptions', { cookie: meerut, body })).status).toBe(201);
    const res = await t.call('DELETE', '/api/me/push-subscriptions', { cookie: outsider, body: SELF_BODIES['DELETE /api/me/push-subscriptions'] });
    expect(await res.json()).toEqual({ removed: false });
    const held = await t.database.db.selectFrom('contact_points').select('person_id').where('revoked_at', 'is', null).execute();
    expect(held).toEqual([{ person_id: tree.people.meerutConvener.id }]);
  });

  it('finds nothing outside the turf when searching without `within`', async () => {
    const res = await t.call('GET', '/api/units/search?q=Meerut', { cookie: outsider });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('answers 401 with a forged or revoked session cookie', async () => {
    expect((await t.call('GET', '/api/me', { cookie: 'setu_session=forged-token' })).status).toBe(401);
  });
});
