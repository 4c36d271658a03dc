import { sql } from 'kysely';
import { expect } from 'vitest';
import type { buildSampleTree } from './factories.ts';
import { pdf } from './media.ts';
import type { TestSetu } from './setu.ts';
import { indianDay } from '../features/campaigns/index.ts';

/**
 * What the access suites share: the objects Meerut's district convener owns in the sample tree, how to aim each route
 * of the OpenAPI document at one of them, and a snapshot of every table to show that a refused request changed
 * nothing. security/outsider.test.ts attacks them from Sambhal; security/insiders.test.ts from inside Meerut, without the rights.
 */

export type SampleTree = Awaited<ReturnType<typeof buildSampleTree>>;
export interface Aim {
  path: string;
  body?: unknown;
}
/** The ids of Meerut's objects. */
export interface MeerutObjects {
  position: number;
  group: number;
  directive: number;
  silence: number;
  file: number;
  event: number;
  fannedEvent: number;
  feed: string;
  campaign: number;
  activity: number;
}

/** Routes anyone may call. */
export const PUBLIC = new Set([
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
  // The proof of work those two code requests ask for (a signed challenge; nothing about anyone).
  'GET /api/pow',
  // A calendar app reads a private feed with its token alone (an unknown token is 404).
  'GET /api/calendar/{file}',
]);
/** Routes about the caller themself, with no object to be outside of. */
export const SELF = new Set([
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
/** Routes for any signed-in person that name no object: the organisation's configuration. */
export const NO_OBJECT = new Set(['GET /api/org/meta', 'GET /api/push/vapid-public-key', 'GET /api/event-kinds']);
/** Neither public nor about the caller nor about an object: every signed-in route that can answer without a turf check. */
export const unscoped = (route: string) => PUBLIC.has(route) || SELF.has(route) || NO_OBJECT.has(route);

/**
 * For each route, the request someone would make at an object in Meerut (the district and what its convener
 * issued); undefined for a route not taught yet.
 */
export function aimAtMeerut(route: string, tree: SampleTree, m: MeerutObjects): Aim | undefined {
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
    'DELETE /api/positions/{id}': () => ({ path: `/api/positions/${m.position}` }),
    // Office-bearers by CSV: Meerut's district as the unit; the file appoints at a Meerut booth.
    'POST /api/units/{id}/positions/import': () => ({
      path: `/api/units/${u.meerut}/positions/import`,
      body: 'unit_code,role,department,name,phone\nUP-AC-048-PS-001,convener,it,Intruder,9876543210\n',
    }),
    // WhatsApp groups and sign-up links: Meerut's booth, its group and its live link.
    'GET /api/units/{id}/groups': () => ({ path: `/api/units/${u.meerutBooth}/groups?includeArchived=true` }),
    'POST /api/units/{id}/groups': () => ({ path: `/api/units/${u.meerutBooth}/groups`, body: { name: 'Intruder', purpose: 'public' } }),
    'PATCH /api/groups/{id}': () => ({ path: `/api/groups/${m.group}`, body: { memberCount: 1, archived: true } }),
    'GET /api/groups/{id}/roster': () => ({ path: `/api/groups/${m.group}/roster` }),
    'GET /api/groups/{id}/roster.vcf': () => ({ path: `/api/groups/${m.group}/roster.vcf` }),
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
    'POST /api/people/{id}/phone-change': () => ({ path: `/api/people/${tree.people.meerutConvener.id}/phone-change`, body: { phone: '9123400001' } }),
    'POST /api/people/{id}/phone-change/confirm': () => ({
      path: `/api/people/${tree.people.meerutConvener.id}/phone-change/confirm`,
      body: { attemptId: '00000000-0000-4000-8000-000000000000', code: '123456' },
    }),
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
    'GET /api/directives/{id}': () => ({ path: `/api/directives/${m.directive}` }),
    'POST /api/directives/{directiveId}/units/{unitId}/ack': () => ({ path: `/api/directives/${m.directive}/units/${u.meerutBooth}/ack`, body: {} }),
    'POST /api/directives/{directiveId}/units/{unitId}/done': () => ({
      path: `/api/directives/${m.directive}/units/${u.meerutBooth}/done`,
      body: { text: 'done by an outsider' },
    }),
    'GET /api/directives/{id}/coverage': () => ({ path: `/api/directives/${m.directive}/coverage` }),
    'GET /api/directives/{id}/coverage/stream': () => ({ path: `/api/directives/${m.directive}/coverage/stream` }),
    'GET /api/directives/{id}/laggards': () => ({ path: `/api/directives/${m.directive}/laggards` }),
    'GET /api/directives/{id}/delivery': () => ({ path: `/api/directives/${m.directive}/delivery` }),
    'GET /api/directives/{id}/reports': () => ({ path: `/api/directives/${m.directive}/reports` }),
    'POST /api/directives/{id}/cancel': () => ({ path: `/api/directives/${m.directive}/cancel` }),
    'GET /api/files/{id}': () => ({ path: `/api/files/${m.file}` }),
    'GET /api/units/{id}/silence-periods': () => ({ path: `/api/units/${u.meerutCity}/silence-periods` }),
    'POST /api/units/{id}/silence-periods': () => ({
      path: `/api/units/${u.meerutCity}/silence-periods`,
      body: { startsAt: '2027-02-01T00:00:00Z', endsAt: '2027-02-03T00:00:00Z', reason: 'outsider' },
    }),
    'POST /api/silence-periods/{id}/cancel': () => ({ path: `/api/silence-periods/${m.silence}/cancel` }),
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
    'GET /api/units/{id}/events': () => ({ path: `/api/units/${u.meerut}/events?period=past` }),
    'GET /api/events/{id}': () => ({ path: `/api/events/${m.event}` }),
    'PATCH /api/events/{id}': () => ({ path: `/api/events/${m.event}`, body: { venue: 'Elsewhere' } }),
    'POST /api/events/{id}/cancel': () => ({ path: `/api/events/${m.event}/cancel` }),
    'PUT /api/events/{id}/rsvp': () => ({ path: `/api/events/${m.event}/rsvp`, body: { answer: 'yes' } }),
    'GET /api/events/{id}/checkin-code': () => ({ path: `/api/events/${m.event}/checkin-code` }),
    'POST /api/events/{id}/checkin': () => ({ path: `/api/events/${m.event}/checkin`, body: { token: 'zzzzzz.AAAAAAAAAAAAAAAAAAAAAA' } }),
    'GET /api/events/{id}/roll': () => ({ path: `/api/events/${m.event}/roll` }),
    'POST /api/events/{id}/attendance': () => ({
      path: `/api/events/${m.event}/attendance`,
      body: { marks: [{ personId: tree.people.meerutConvener.id }] },
    }),
    'POST /api/events/{id}/walk-ins': () => ({ path: `/api/events/${m.event}/walk-ins`, body: { phone: '9876500000', name: 'Walk In' } }),
    'POST /api/events/{id}/walk-ins/names': () => ({ path: `/api/events/${m.event}/walk-ins/names`, body: { names: ['Walk In', 'वॉक इन'] } }),
    'PUT /api/events/{id}/record': () => ({ path: `/api/events/${m.event}/record`, body: { held: true, minutes: 'outsider' } }),
    'GET /api/people/{id}/events': () => ({ path: `/api/people/${tree.people.meerutConvener.id}/events` }),
    'GET /api/events/{id}/rollup': () => ({ path: `/api/events/${m.fannedEvent}/rollup` }),
    'POST /api/calendar-feeds': () => ({ path: '/api/calendar-feeds', body: { unitId: u.meerut } }),
    'DELETE /api/calendar-feeds/{id}': () => ({ path: `/api/calendar-feeds/${m.feed}` }),
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
    'GET /api/campaigns/{id}': () => ({ path: `/api/campaigns/${m.campaign}` }),
    'GET /api/campaigns/{id}/progress': () => ({ path: `/api/campaigns/${m.campaign}/progress` }),
    'PUT /api/campaigns/{id}/activities/{activityId}/targets': () => ({
      path: `/api/campaigns/${m.campaign}/activities/${m.activity}/targets`,
      body: { targets: [{ unitId: u.meerutBooth, target: 99 }] },
    }),
    'POST /api/campaigns/{id}/activities/{activityId}/reports': () => ({
      path: `/api/campaigns/${m.campaign}/activities/${m.activity}/reports`,
      body: { unitId: u.meerutBooth, value: 99 },
    }),
    'POST /api/people/{id}/consents/{purpose}/withdraw': () => ({
      path: `/api/people/${tree.people.meerutConvener.id}/consents/org_updates/withdraw`,
      body: {},
    }),
  };
  return targets[route]?.();
}

/** Every route of the OpenAPI document, as `METHOD /path`. */
export async function allRoutes(t: TestSetu): Promise<string[]> {
  const doc = (await (await t.call('GET', '/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
}

/** Everything but the logs that denials are supposed to write. */
export async function snapshot(t: TestSetu): Promise<string> {
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

/**
 * Meerut's objects, made by Meerut's district convener: a group with its admin, a live sign-up link, a directive with
 * a file, a silence period, an event and one held at every shakti kendra, a calendar feed, a campaign, a consent.
 */
export async function buildMeerutObjects(t: TestSetu, tree: SampleTree): Promise<MeerutObjects> {
  const held = await t.database.db.selectFrom('positions').select('id').where('person_id', '=', tree.people.meerutConvener.id).executeTakeFirstOrThrow();
  const meerutPosition = held.id;
  // A Meerut group with its admin, and a live sign-up link at Meerut's booth, for the outsider to aim at.
  const group = await t.database.db
    .insertInto('whatsapp_groups')
    .values({ unit_id: tree.units.meerutBooth, name: 'Lalkurti booth', purpose: 'public' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const meerutGroup = group.id;
  await t.database.db.insertInto('whatsapp_group_admins').values({ group_id: meerutGroup, person_id: tree.people.meerutConvener.id }).execute();
  await t.database.db.insertInto('signup_links').values({ token: 'meerut-booth-link-token', unit_id: tree.units.meerutBooth }).execute();
  // A directive issued by Meerut's convener to Meerut's booths, with a file, and a silence period at Meerut City.
  const meerut = await t.login(tree.people.meerutConvener.phone);
  const upload = await t.call('POST', '/api/files?name=plan.pdf', { cookie: meerut, body: pdf(), headers: { 'content-type': 'application/pdf' } });
  const meerutFile = ((await upload.json()) as { id: number }).id;
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
  const meerutDirective = ((await issued.json()) as { id: number }).id;
  const silence = await t.call('POST', `/api/units/${tree.units.meerutCity}/silence-periods`, {
    cookie: meerut,
    body: { startsAt: '2027-02-01T00:00:00Z', endsAt: '2027-02-03T00:00:00Z', reason: 'Poll on 3 Feb' },
  });
  expect(silence.status).toBe(201);
  const meerutSilence = ((await silence.json()) as { id: number }).id;
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
  const meerutEvent = ((await single.json()) as { id: number }).id;
  const meerutFannedEvent = ((await fanned.json()) as { id: number }).id;
  const meerutFeed = ((await feed.json()) as { id: string }).id;
  // A Meerut campaign with a reported activity at its booths.
  const campaign = await t.call('POST', '/api/campaigns', {
    cookie: meerut,
    body: {
      clientKey: 'meerut-campaign-1',
      unitId: tree.units.meerut,
      titleEn: 'Meerut drive',
      phases: [
        {
          // Running today: a unit reports a figure only once its phase has started.
          titleEn: 'One',
          startsOn: indianDay(0),
          endsOn: indianDay(8),
          activities: [{ titleEn: 'Visits', measure: 'reported', targetLevel: 'booth', perUnit: 5 }],
        },
      ],
    },
  });
  expect(campaign.status).toBe(201);
  const planned = (await campaign.json()) as { id: number; phases: Array<{ activities: Array<{ id: number }> }> };
  const meerutCampaign = planned.id;
  const meerutActivity = planned.phases[0]!.activities[0]!.id;
  // A live consent in Meerut, so that an outsider's withdrawal would have something to change.
  const notice = await t.database.db.selectFrom('notices').select('id').where('purpose', '=', 'org_updates').executeTakeFirstOrThrow();
  await t.database.db
    .insertInto('consents')
    .values({ person_id: tree.people.meerutConvener.id, purpose: 'org_updates', notice_id: notice.id, method: 'in_person' })
    .execute();
  return {
    position: meerutPosition,
    group: meerutGroup,
    directive: meerutDirective,
    silence: meerutSilence,
    file: meerutFile,
    event: meerutEvent,
    fannedEvent: meerutFannedEvent,
    feed: meerutFeed,
    campaign: meerutCampaign,
    activity: meerutActivity,
  };
}
