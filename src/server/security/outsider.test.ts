import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../testing/database.ts';
import { buildSampleTree } from '../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../testing/setu.ts';

/**
 * The unauthorized-access suite. It walks EVERY route in the OpenAPI document, so a new endpoint is covered the
 * day it is added: as an outsider (the Sambhal district convener, asking for Meerut's objects) every object
 * route answers 404 and changes nothing; without a session every non-public route answers 401.
 * A route this file does not know how to aim at an outside object fails the suite until it is taught below.
 */

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let outsider: string;
let meerutPosition: number;
let meerutGroup: number;
let meerutDirective: number;
let meerutSilence: number;
let meerutFile: number;
let meerutEvent: number;
let meerutFannedEvent: number;
let meerutFeed: string;
let meerutCampaign: number;
let meerutActivity: number;

/** Routes anyone may call. */
const PUBLIC = new Set([
  'POST /api/auth/otp',
  'POST /api/auth/verify',
  'GET /api/health',
  'GET /api/openapi.json',
  'GET /api/notices',
  // Self sign-up by a unit's link, and withdrawal of consent by proving the phone: for citizens, who have no session.
  'GET /api/signup/{token}',
  'POST /api/signup/{token}/code',
  'POST /api/signup/{token}',
  'POST /api/consent/withdraw/code',
  'POST /api/consent/withdraw',
  // A calendar app reads a private feed with its token alone (an unknown token is 404).
  'GET /api/calendar/{file}',
]);
/** Routes about the caller themself, with no object to be outside of. */
const SELF = new Set([
  'GET /api/me',
  'POST /api/auth/logout',
  'POST /api/me/push-subscriptions',
  'DELETE /api/me/push-subscriptions',
  'GET /api/me/channels',
  'PUT /api/me/channels',
  // The caller's own inbox, and an upload that only its uploader can use until it is attached.
  'GET /api/directives',
  'POST /api/files',
  // The caller's own calendar feeds, and the campaigns that concern them (in their turf or above it).
  'GET /api/calendar-feeds',
  'GET /api/campaigns',
]);
/** A valid body for the routes about the caller that take one, so that without a session they meet the 401, not a 400. */
const MEERUT_ENDPOINT = 'https://fcm.googleapis.com/fcm/send/meerut-convener-browser';
const SELF_BODIES: Record<string, unknown> = {
  'POST /api/me/push-subscriptions': { endpoint: MEERUT_ENDPOINT, keys: { p256dh: 'BOr5vQ2p1m3', auth: 'YXV0aA' } },
  'DELETE /api/me/push-subscriptions': { endpoint: MEERUT_ENDPOINT },
  'PUT /api/me/channels': { sms: true },
};
/** Routes for any signed-in person that name no object: the organisation's configuration. */
const NO_OBJECT = new Set(['GET /api/org/meta', 'GET /api/push/vapid-public-key', 'GET /api/event-kinds']);
/** Neither public nor about the caller nor about an object: every signed-in route that can answer without a turf check. */
const unscoped = (route: string) => PUBLIC.has(route) || SELF.has(route) || NO_OBJECT.has(route);

/** For each route, the request an outsider would make at an object in Meerut. */
function aimOutside(route: string): { path: string; body?: unknown } | undefined {
  const u = tree.units;
  const targets: Record<string, () => { path: string; body?: unknown }> = {
    'GET /api/units/{id}': () => ({ path: `/api/units/${u.meerut}` }),
    'GET /api/units/{id}/children': () => ({ path: `/api/units/${u.meerut}/children` }),
    'POST /api/units': () => ({ path: '/api/units', body: { parentId: u.meerutCity, level: 'mandal', nameEn: 'Intruder', nameHi: 'घुसपैठ' } }),
    'PATCH /api/units/{id}': () => ({ path: `/api/units/${u.meerutMandal}`, body: { nameEn: 'Renamed by outsider' } }),
    'POST /api/units/{id}/move': () => ({ path: `/api/units/${u.meerutMandal}/move`, body: { newParentId: u.chandausi } }),
    'POST /api/people/{id}/disable': () => ({ path: `/api/people/${tree.people.meerutConvener.id}/disable` }),
    'GET /api/units/search': () => ({ path: `/api/units/search?q=Meerut&within=${u.meerut}` }),
    'GET /api/units/{id}/coverage': () => ({ path: `/api/units/${u.meerut}/coverage` }),
    'POST /api/units/{id}/positions': () => ({
      path: `/api/units/${u.meerutMandal}/positions`,
      body: { role: 'convener', department: 'it', person: { name: 'Intruder', phone: '98765 43210' } },
    }),
    'DELETE /api/positions/{id}': () => ({ path: `/api/positions/${meerutPosition}` }),
    // WhatsApp groups and sign-up links: Meerut's booth, its group and its live link.
    'GET /api/units/{id}/groups': () => ({ path: `/api/units/${u.meerutBooth}/groups?includeArchived=true` }),
    'POST /api/units/{id}/groups': () => ({ path: `/api/units/${u.meerutBooth}/groups`, body: { name: 'Intruder', purpose: 'public' } }),
    'PATCH /api/groups/{id}': () => ({ path: `/api/groups/${meerutGroup}`, body: { memberCount: 1, archived: true } }),
    'GET /api/groups/{id}/roster': () => ({ path: `/api/groups/${meerutGroup}/roster` }),
    'GET /api/groups/{id}/roster.vcf': () => ({ path: `/api/groups/${meerutGroup}/roster.vcf` }),
    'GET /api/units/{id}/group-coverage': () => ({ path: `/api/units/${u.meerut}/group-coverage` }),
    'GET /api/units/{id}/signup-link': () => ({ path: `/api/units/${u.meerutBooth}/signup-link` }),
    'POST /api/units/{id}/signup-link': () => ({ path: `/api/units/${u.meerutMandal}/signup-link` }),
    'DELETE /api/units/{id}/signup-link': () => ({ path: `/api/units/${u.meerutBooth}/signup-link` }),
    'GET /api/units/{id}/signup-link/qr.svg': () => ({ path: `/api/units/${u.meerutBooth}/signup-link/qr.svg` }),
    // People registry and consent: Meerut's convener as the person, Meerut's units as the place.
    'GET /api/units/{id}/people': () => ({ path: `/api/units/${u.meerut}/people` }),
    'POST /api/units/{id}/people': () => ({ path: `/api/units/${u.meerutBooth}/people`, body: { name: 'Intruder', phone: '98765 43210' } }),
    'GET /api/units/{id}/duplicates': () => ({ path: `/api/units/${u.meerut}/duplicates` }),
    'POST /api/people/not-duplicates': () => ({
      path: '/api/people/not-duplicates',
      body: { a: tree.people.meerutConvener.id, b: tree.people.boothMember.id },
    }),
    // Bulk import and export of people: Meerut's district as the unit; the file names a Meerut booth.
    'POST /api/units/{id}/people/import': () => ({
      path: `/api/units/${u.meerut}/people/import`,
      body: 'name,phone,unit_code\nIntruder,9876543210,UP-AC-048-PS-001\n',
    }),
    'GET /api/units/{id}/people/export': () => ({ path: `/api/units/${u.meerut}/people/export` }),
    'GET /api/people/{id}': () => ({ path: `/api/people/${tree.people.meerutConvener.id}` }),
    'PATCH /api/people/{id}': () => ({ path: `/api/people/${tree.people.meerutConvener.id}`, body: { name: 'Renamed by outsider' } }),
    'POST /api/people/{id}/reveal': () => ({ path: `/api/people/${tree.people.meerutConvener.id}/reveal` }),
    'GET /api/people/{id}/export': () => ({ path: `/api/people/${tree.people.meerutConvener.id}/export` }),
    'POST /api/people/{id}/erase': () => ({ path: `/api/people/${tree.people.meerutConvener.id}/erase`, body: { reason: 'outsider' } }),
    'POST /api/people/{id}/merge': () => ({ path: `/api/people/${tree.people.meerutConvener.id}/merge`, body: { intoId: tree.people.boothMember.id } }),
    'POST /api/people/{id}/consents': () => ({
      path: `/api/people/${tree.people.meerutConvener.id}/consents`,
      body: { purpose: 'org_updates', noticeVersion: 1 },
    }),
    // Directives: one Meerut's convener issued to Meerut's booths, its file, and a silence period at Meerut City.
    'POST /api/directives/preview': () => ({ path: '/api/directives/preview', body: { unitId: u.meerut, audience: { levels: ['booth'] } } }),
    'POST /api/directives': () => ({
      path: '/api/directives',
      body: { clientKey: 'outsider-directive-1', unitId: u.meerut, titleEn: 'Intruder', ask: 'ack', audience: { levels: ['booth'] } },
    }),
    'GET /api/directives/{id}': () => ({ path: `/api/directives/${meerutDirective}` }),
    'POST /api/directives/{directiveId}/units/{unitId}/ack': () => ({ path: `/api/directives/${meerutDirective}/units/${u.meerutBooth}/ack`, body: {} }),
    'POST /api/directives/{directiveId}/units/{unitId}/done': () => ({
      path: `/api/directives/${meerutDirective}/units/${u.meerutBooth}/done`,
      body: { text: 'done by an outsider' },
    }),
    'GET /api/directives/{id}/coverage': () => ({ path: `/api/directives/${meerutDirective}/coverage` }),
    'GET /api/directives/{id}/coverage/stream': () => ({ path: `/api/directives/${meerutDirective}/coverage/stream` }),
    'GET /api/directives/{id}/laggards': () => ({ path: `/api/directives/${meerutDirective}/laggards` }),
    'GET /api/directives/{id}/delivery': () => ({ path: `/api/directives/${meerutDirective}/delivery` }),
    'GET /api/directives/{id}/reports': () => ({ path: `/api/directives/${meerutDirective}/reports` }),
    'POST /api/directives/{id}/cancel': () => ({ path: `/api/directives/${meerutDirective}/cancel` }),
    'GET /api/files/{id}': () => ({ path: `/api/files/${meerutFile}` }),
    'GET /api/units/{id}/silence-periods': () => ({ path: `/api/units/${u.meerutCity}/silence-periods` }),
    'POST /api/units/{id}/silence-periods': () => ({
      path: `/api/units/${u.meerutCity}/silence-periods`,
      body: { startsAt: '2027-02-01T00:00:00Z', endsAt: '2027-02-03T00:00:00Z', reason: 'outsider' },
    }),
    'POST /api/silence-periods/{id}/cancel': () => ({ path: `/api/silence-periods/${meerutSilence}/cancel` }),
    'POST /api/events': () => ({
      path: '/api/events',
      body: {
        clientKey: 'outsider-event-1',
        unitId: u.meerut,
        kind: 'meeting',
        titleHi: 'घुसपैठ',
        startsAt: '2027-01-01T10:00:00Z',
        endsAt: '2027-01-01T12:00:00Z',
        audience: { levels: ['booth'] },
      },
    }),
    'GET /api/events': () => ({ path: `/api/events?view=unit&unitId=${u.meerut}` }),
    'GET /api/events/{id}': () => ({ path: `/api/events/${meerutEvent}` }),
    'PATCH /api/events/{id}': () => ({ path: `/api/events/${meerutEvent}`, body: { venue: 'Elsewhere' } }),
    'POST /api/events/{id}/cancel': () => ({ path: `/api/events/${meerutEvent}/cancel` }),
    'PUT /api/events/{id}/rsvp': () => ({ path: `/api/events/${meerutEvent}/rsvp`, body: { answer: 'yes' } }),
    'GET /api/events/{id}/checkin-code': () => ({ path: `/api/events/${meerutEvent}/checkin-code` }),
    'POST /api/events/{id}/checkin': () => ({ path: `/api/events/${meerutEvent}/checkin`, body: { token: 'zzzzzz.AAAAAAAAAAAAAAAAAAAAAA' } }),
    'GET /api/events/{id}/roll': () => ({ path: `/api/events/${meerutEvent}/roll` }),
    'POST /api/events/{id}/attendance': () => ({
      path: `/api/events/${meerutEvent}/attendance`,
      body: { marks: [{ personId: tree.people.meerutConvener.id }] },
    }),
    'POST /api/events/{id}/walk-ins': () => ({ path: `/api/events/${meerutEvent}/walk-ins`, body: { phone: '9876500000', name: 'Walk In' } }),
    'PUT /api/events/{id}/record': () => ({ path: `/api/events/${meerutEvent}/record`, body: { held: true, minutes: 'outsider' } }),
    'GET /api/people/{id}/events': () => ({ path: `/api/people/${tree.people.meerutConvener.id}/events` }),
    'GET /api/events/{id}/rollup': () => ({ path: `/api/events/${meerutFannedEvent}/rollup` }),
    'POST /api/calendar-feeds': () => ({ path: '/api/calendar-feeds', body: { unitId: u.meerut } }),
    'DELETE /api/calendar-feeds/{id}': () => ({ path: `/api/calendar-feeds/${meerutFeed}` }),
    'POST /api/campaigns': () => ({
      path: '/api/campaigns',
      body: {
        clientKey: 'outsider-campaign-1',
        unitId: u.meerut,
        titleEn: 'Intruder',
        phases: [
          {
            titleEn: 'One',
            startsOn: '2027-01-01',
            endsOn: '2027-01-02',
            activities: [{ titleEn: 'x', measure: 'reported', targetLevel: 'booth', perUnit: 1 }],
          },
        ],
      },
    }),
    'GET /api/campaigns/{id}': () => ({ path: `/api/campaigns/${meerutCampaign}` }),
    'GET /api/campaigns/{id}/progress': () => ({ path: `/api/campaigns/${meerutCampaign}/progress` }),
    'PUT /api/campaigns/{id}/activities/{activityId}/targets': () => ({
      path: `/api/campaigns/${meerutCampaign}/activities/${meerutActivity}/targets`,
      body: { targets: [{ unitId: u.meerutBooth, target: 99 }] },
    }),
    'POST /api/campaigns/{id}/activities/{activityId}/reports': () => ({
      path: `/api/campaigns/${meerutCampaign}/activities/${meerutActivity}/reports`,
      body: { unitId: u.meerutBooth, value: 99 },
    }),
    'POST /api/people/{id}/consents/{purpose}/withdraw': () => ({
      path: `/api/people/${tree.people.meerutConvener.id}/consents/org_updates/withdraw`,
      body: {},
    }),
  };
  return targets[route]?.();
}

async function routes(): Promise<string[]> {
  const doc = (await (await t.call('GET', '/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
}

/** Everything but the logs that denials are supposed to write. */
async function snapshot(): Promise<string> {
  const tables = ['units', 'unit_stats', 'unit_coverage', 'people', 'positions', 'levels', 'roles', 'departments'];
  tables.push('consents', 'people_not_duplicates', 'whatsapp_group_admins', 'otp_challenges', 'rate_limits');
  tables.push('whatsapp_groups', 'unit_group_stats', 'signup_links', 'contact_points');
  tables.push('directives', 'directive_units', 'directive_reports', 'directive_progress', 'directive_files', 'silence_periods', 'files');
  tables.push('events', 'event_sessions', 'event_rsvps', 'event_attendance', 'event_photos', 'calendar_feeds');
  // Not campaign_progress or campaign_refreshes: the refresher rewrites them in the background.
  tables.push('campaigns', 'campaign_phases', 'campaign_activities', 'campaign_targets', 'campaign_reports');
  const parts = await Promise.all(
    tables.map((tb) =>
      sql<{ d: string }>`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as d from ${sql.table(tb)} t`.execute(t.database.db),
    ),
  );
  const live = await sql<{ n: number }>`select count(*)::int as n from sessions where revoked_at is null`.execute(t.database.db);
  return parts.map((p) => p.rows[0]!.d).join(',') + `;sessions=${live.rows[0]!.n}`;
}

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  outsider = await t.login(tree.people.sambhalConvener.phone);
  const held = await t.database.db.selectFrom('positions').select('id').where('person_id', '=', tree.people.meerutConvener.id).executeTakeFirstOrThrow();
  meerutPosition = held.id;
  // A Meerut group with its admin, and a live sign-up link at Meerut's booth, for the outsider to aim at.
  const group = await t.database.db
    .insertInto('whatsapp_groups')
    .values({ unit_id: tree.units.meerutBooth, name: 'Lalkurti booth', purpose: 'public' })
    .returning('id')
    .executeTakeFirstOrThrow();
  meerutGroup = group.id;
  await t.database.db.insertInto('whatsapp_group_admins').values({ group_id: meerutGroup, person_id: tree.people.meerutConvener.id }).execute();
  await t.database.db.insertInto('signup_links').values({ token: 'meerut-booth-link-token', unit_id: tree.units.meerutBooth }).execute();
  // A directive issued by Meerut's convener to Meerut's booths, with a file, and a silence period at Meerut City.
  const meerut = await t.login(tree.people.meerutConvener.phone);
  const upload = await t.call('POST', '/api/files?name=plan.pdf', { cookie: meerut, body: '%PDF-1.4 plan', headers: { 'content-type': 'application/pdf' } });
  meerutFile = ((await upload.json()) as { id: number }).id;
  const issued = await t.call('POST', '/api/directives', {
    cookie: meerut,
    body: {
      clientKey: 'meerut-directive-1',
      unitId: tree.units.meerut,
      titleHi: 'बूथ बैठक',
      ask: 'report',
      fileIds: [meerutFile],
      audience: { levels: ['booth'] },
    },
  });
  expect([upload.status, issued.status]).toEqual([201, 201]);
  meerutDirective = ((await issued.json()) as { id: number }).id;
  const silence = await t.call('POST', `/api/units/${tree.units.meerutCity}/silence-periods`, {
    cookie: meerut,
    body: { startsAt: '2027-02-01T00:00:00Z', endsAt: '2027-02-03T00:00:00Z', reason: 'Poll on 3 Feb' },
  });
  expect(silence.status).toBe(201);
  meerutSilence = ((await silence.json()) as { id: number }).id;
  // A Meerut event, one held at every Meerut shakti kendra, and a calendar feed of Meerut's convener.
  const event = (clientKey: string, extra: Record<string, unknown>) =>
    t.call('POST', '/api/events', {
      cookie: meerut,
      body: {
        clientKey,
        unitId: tree.units.meerut,
        kind: 'meeting',
        titleHi: 'बैठक',
        startsAt: '2027-01-05T10:00:00Z',
        endsAt: '2027-01-05T12:00:00Z',
        ...extra,
      },
    });
  const single = await event('meerut-event-1', { audience: { levels: ['booth'] } });
  const fanned = await event('meerut-event-2', { holdAt: 'shakti_kendra', audience: { levels: ['shakti_kendra'] } });
  const feed = await t.call('POST', '/api/calendar-feeds', { cookie: meerut, body: { unitId: tree.units.meerut } });
  expect([single.status, fanned.status, feed.status]).toEqual([201, 201, 201]);
  meerutEvent = ((await single.json()) as { id: number }).id;
  meerutFannedEvent = ((await fanned.json()) as { id: number }).id;
  meerutFeed = ((await feed.json()) as { id: string }).id;
  // A Meerut campaign with a reported activity at its booths.
  const campaign = await t.call('POST', '/api/campaigns', {
    cookie: meerut,
    body: {
      clientKey: 'meerut-campaign-1',
      unitId: tree.units.meerut,
      titleEn: 'Meerut drive',
      phases: [
        {
          titleEn: 'One',
          startsOn: '2027-01-01',
          endsOn: '2027-01-09',
          activities: [{ titleEn: 'Visits', measure: 'reported', targetLevel: 'booth', perUnit: 5 }],
        },
      ],
    },
  });
  expect(campaign.status).toBe(201);
  const planned = (await campaign.json()) as { id: number; phases: Array<{ activities: Array<{ id: number }> }> };
  meerutCampaign = planned.id;
  meerutActivity = planned.phases[0]!.activities[0]!.id;
  // A live consent in Meerut, so that an outsider's withdrawal would have something to change.
  const notice = await t.database.db.selectFrom('notices').select('id').where('purpose', '=', 'org_updates').executeTakeFirstOrThrow();
  await t.database.db
    .insertInto('consents')
    .values({ person_id: tree.people.meerutConvener.id, purpose: 'org_updates', notice_id: notice.id, method: 'in_person' })
    .execute();
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
      const before = await snapshot();
      const aim = aimOutside(route)!;
      const res = await t.call(route.split(' ')[0]!, aim.path, { cookie: outsider, body: aim.body });
      expect({ route, status: res.status }).toEqual({ route, status: 404 });
      expect(await res.json()).toMatchObject({ code: 'not_found' });
      expect(await snapshot(), `${route} changed data`).toBe(before);
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
