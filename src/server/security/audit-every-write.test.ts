import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../testing/database.ts';
import { acknowledgeMany } from '../features/directives/act.service.ts';
import { indianDay } from '../features/campaigns/index.ts';
import { addPerson, buildSampleTree } from '../testing/factories.ts';
import { pdf } from '../testing/media.ts';
import { phoneSpellings } from '../testing/pii-scan.ts';
import { createTestSetu, tokenOf, type TestSetu } from '../testing/setu.ts';

/**
 * "Every write is audited, in the same transaction, whatever the feature": this suite performs EVERY state-changing
 * route of the OpenAPI document successfully, as a leader or worker would, and checks that each left an `ok` audit
 * row of its kind, with no name, phone number or free text in it. A new write route fails the suite until it is
 * taught below; a route that only asks for a code or only reads is named in NOT_WRITES with the reason.
 */

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let state: string; // the state convener: manages everything in the sample tree
let booth: string; // the booth convener at booth 1

/** Routes that take a state-changing method but record nothing of their own, and why. */
const NOT_WRITES: Record<string, string> = {
  'POST /api/auth/otp': 'asks for a login code; using it is audited (auth.login, ok or failed)',
  'POST /api/signup/{token}/code': 'asks for a sign-up code; using it is audited (signup.join)',
  'POST /api/consent/withdraw/code': 'asks for a withdrawal code; using it is audited (consent.withdraw)',
  'POST /api/directives/preview': 'counts an audience; changes nothing',
};

/** Every free text this suite sends carries this word, so that finding it in an audit row is finding free text. */
const FREE = 'Freetext';
const PHONES = ['+919876543210', '+919876511111', '+919876522222', '+919811199901', '+919876500000', '+919876533333', '+919876544444'];

type Json = Record<string, any>;
const json = async (res: Response) => (await res.json()) as Json;
const tick = () => new Promise((r) => setImmediate(r));
const ids: Record<string, any> = {};

interface Write {
  route: string;
  action: string;
  run(): Promise<Response>;
  /** What the answer gives later writes. */
  keep?(body: Json): void;
}

const call = (method: string, path: string, cookie: string | undefined, body?: unknown, headers?: Record<string, string>) =>
  t.call(method, path, { cookie, body, headers });

/** The writes, in an order where each finds what it needs. */
function writes(): Write[] {
  const u = tree.units;
  const p = tree.people;
  return [
    {
      route: 'POST /api/units',
      action: 'unit.create',
      // A unit's name is the organisation's own, shown to all its members: not free text about anyone.
      run: () => call('POST', '/api/units', state, { parentId: u.chandausi, level: 'mandal', nameEn: 'Audit Mandal', nameHi: 'मंडल' }),
      keep: (b) => (ids.unit = b.id),
    },
    { route: 'PATCH /api/units/{id}', action: 'unit.update', run: () => call('PATCH', `/api/units/${ids.unit}`, state, { nameEn: 'Audit Mandal 2' }) },
    { route: 'POST /api/units/{id}/move', action: 'unit.move', run: () => call('POST', `/api/units/${ids.unit}/move`, state, { newParentId: u.meerutCity }) },
    {
      route: 'POST /api/units/{id}/positions',
      action: 'position.create',
      run: () =>
        call('POST', `/api/units/${u.bahjoi}/positions`, state, {
          role: 'co_convener',
          department: 'it',
          person: { name: `Zoya ${FREE}`, phone: '98765 43210' },
        }),
      keep: (b) => (ids.position = b.positionId),
    },
    { route: 'DELETE /api/positions/{id}', action: 'position.end', run: () => call('DELETE', `/api/positions/${ids.position}`, state) },
    {
      route: 'POST /api/units/{id}/people',
      action: 'person.capture',
      run: () => call('POST', `/api/units/${u.booth1}/people`, state, { name: `Kavita ${FREE}`, phone: '98765 11111' }),
      keep: (b) => (ids.personA = b.person.id),
    },
    {
      route: 'POST /api/people/not-duplicates',
      action: 'person.not_duplicates',
      run: async () => {
        const second = await call('POST', `/api/units/${u.booth2}/people`, state, { name: `Kavita K ${FREE}`, phone: '98765 22222' });
        ids.personB = (await json(second)).person.id;
        return call('POST', '/api/people/not-duplicates', state, { a: ids.personA, b: ids.personB });
      },
    },
    { route: 'PATCH /api/people/{id}', action: 'person.update', run: () => call('PATCH', `/api/people/${ids.personA}`, state, { name: `Kavita ${FREE} 2` }) },
    {
      route: 'POST /api/people/{id}/phone-change',
      action: 'person.phone_change.request',
      run: () => call('POST', `/api/people/${ids.personA}/phone-change`, state, { phone: '98765 44444' }),
      keep: (b) => (ids.phoneChange = b.attemptId),
    },
    {
      route: 'POST /api/people/{id}/phone-change/confirm',
      action: 'person.phone_change',
      run: async () => {
        await new Promise((r) => setImmediate(r)); // the code is sent after the answer
        return call('POST', `/api/people/${ids.personA}/phone-change/confirm`, state, { attemptId: ids.phoneChange, code: t.codes.get('+919876544444') });
      },
    },
    { route: 'POST /api/people/{id}/reveal', action: 'person.reveal', run: () => call('POST', `/api/people/${ids.personA}/reveal`, state) },
    {
      route: 'POST /api/people/{id}/consents',
      action: 'consent.give',
      run: () => call('POST', `/api/people/${ids.personA}/consents`, state, { purpose: 'org_updates', noticeVersion: 1 }),
    },
    {
      route: 'POST /api/people/{id}/consents/{purpose}/withdraw',
      action: 'consent.withdraw',
      run: () => call('POST', `/api/people/${ids.personA}/consents/org_updates/withdraw`, state, {}),
    },
    {
      route: 'POST /api/people/{id}/merge',
      action: 'person.merge',
      run: () => call('POST', `/api/people/${ids.personB}/merge`, state, { intoId: ids.personA }),
    },
    { route: 'POST /api/people/{id}/disable', action: 'person.disable', run: () => call('POST', `/api/people/${ids.personA}/disable`, state) },
    {
      route: 'POST /api/people/{id}/erase',
      action: 'person.erase',
      run: () => call('POST', `/api/people/${ids.personA}/erase`, state, { reason: `${FREE} asked` }),
    },
    {
      route: 'POST /api/units/{id}/groups',
      action: 'group.create',
      run: () => call('POST', `/api/units/${u.booth1}/groups`, state, { name: `${FREE} group`, purpose: 'public' }),
      keep: (b) => (ids.group = b.id),
    },
    { route: 'PATCH /api/groups/{id}', action: 'group.update', run: () => call('PATCH', `/api/groups/${ids.group}`, state, { memberCount: 5 }) },
    {
      route: 'POST /api/units/{id}/signup-link',
      action: 'signup_link.create',
      run: () => call('POST', `/api/units/${u.booth2}/signup-link`, state),
      keep: (b) => (ids.link = b.token),
    },
    {
      route: 'POST /api/signup/{token}',
      action: 'signup.join',
      run: async () => {
        const started = await json(await call('POST', `/api/signup/${ids.link}/code`, undefined, { phone: '+919811199901' }));
        await tick();
        const code = t.codes.get('+919811199901');
        const consents = [{ purpose: 'org_updates', noticeVersion: 1 }];
        return call('POST', `/api/signup/${ids.link}`, undefined, {
          phone: '98111 99901',
          attemptId: started.attemptId,
          code,
          name: `Meena ${FREE}`,
          ageBand: '26_35',
          language: 'hi',
          consents,
        });
      },
    },
    { route: 'DELETE /api/units/{id}/signup-link', action: 'signup_link.revoke', run: () => call('DELETE', `/api/units/${u.booth2}/signup-link`, state) },
    {
      route: 'POST /api/consent/withdraw',
      action: 'consent.withdraw',
      run: async () => {
        const started = await json(await call('POST', '/api/consent/withdraw/code', undefined, { phone: '+919811199901' }));
        await tick();
        return call('POST', '/api/consent/withdraw', undefined, { phone: '+919811199901', attemptId: started.attemptId, code: t.codes.get('+919811199901') });
      },
    },
    {
      route: 'POST /api/units/{id}/positions/import',
      action: 'positions.import',
      run: () =>
        call(
          'POST',
          `/api/units/${u.sambhal}/positions/import`,
          state,
          `unit_code,role,department,name,phone\nUP-AC-031-PS-002,member,it,Zoya ${FREE},9876533344\n`,
          {
            'content-type': 'text/csv',
          },
        ),
    },
    {
      route: 'POST /api/units/{id}/people/import',
      action: 'people.import',
      run: () =>
        call('POST', `/api/units/${u.sambhal}/people/import`, state, `name,phone,unit_code\nImran ${FREE},9876533333,UP-AC-031-PS-001\n`, {
          'content-type': 'text/csv',
        }),
    },
    {
      route: 'POST /api/me/push-subscriptions',
      action: 'contact.add',
      run: () =>
        call('POST', '/api/me/push-subscriptions', booth, {
          endpoint: 'https://fcm.googleapis.com/fcm/send/audit-suite',
          keys: { p256dh: 'BOr5vQ2p1m3', auth: 'YXV0aA' },
        }),
    },
    {
      route: 'DELETE /api/me/push-subscriptions',
      action: 'contact.revoke',
      run: () => call('DELETE', '/api/me/push-subscriptions', booth, { endpoint: 'https://fcm.googleapis.com/fcm/send/audit-suite' }),
    },
    { route: 'PUT /api/me/channels', action: 'contact.set', run: () => call('PUT', '/api/me/channels', booth, { sms: true }) },
    {
      route: 'POST /api/files',
      action: 'file.upload',
      run: () => call('POST', `/api/files?name=${FREE}.pdf`, state, pdf(), { 'content-type': 'application/pdf' }),
      keep: (b) => (ids.file = b.id),
    },
    {
      route: 'POST /api/directives',
      action: 'directive.issue',
      run: () =>
        call('POST', '/api/directives', state, {
          clientKey: 'audit-suite-1',
          unitId: u.sambhal,
          titleHi: `${FREE} निर्देश`,
          ask: 'report',
          fileIds: [ids.file],
          audience: { levels: ['booth'] },
        }),
      keep: (b) => (ids.directive = b.id),
    },
    {
      route: 'POST /api/directives/{directiveId}/units/{unitId}/ack',
      action: 'directive.acknowledge',
      run: () => call('POST', `/api/directives/${ids.directive}/units/${u.booth1}/ack`, booth, {}),
    },
    {
      route: 'POST /api/directives/{directiveId}/units/{unitId}/done',
      action: 'directive.done',
      run: () => call('POST', `/api/directives/${ids.directive}/units/${u.booth1}/done`, booth, { text: `${FREE} done`, link: 'https://example.org/x' }),
    },
    { route: 'POST /api/directives/{id}/cancel', action: 'directive.cancel', run: () => call('POST', `/api/directives/${ids.directive}/cancel`, state) },
    {
      route: 'POST /api/units/{id}/silence-periods',
      action: 'silence.declare',
      run: () =>
        call('POST', `/api/units/${u.chandausi}/silence-periods`, state, {
          startsAt: '2027-02-01T00:00:00Z',
          endsAt: '2027-02-03T00:00:00Z',
          reason: `${FREE} poll`,
        }),
      keep: (b) => (ids.silence = b.id),
    },
    { route: 'POST /api/silence-periods/{id}/cancel', action: 'silence.cancel', run: () => call('POST', `/api/silence-periods/${ids.silence}/cancel`, state) },
    {
      route: 'POST /api/events',
      action: 'event.create',
      run: () =>
        call('POST', '/api/events', state, {
          clientKey: 'audit-suite-event',
          unitId: u.sambhal,
          kind: 'meeting',
          titleHi: `${FREE} बैठक`,
          venue: `${FREE} hall`,
          startsAt: new Date(Date.now() - 3_600_000).toISOString(),
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
          audience: { levels: ['booth'] },
        }),
      keep: (b) => (ids.event = b.id),
    },
    { route: 'PATCH /api/events/{id}', action: 'event.update', run: () => call('PATCH', `/api/events/${ids.event}`, state, { venue: `${FREE} other hall` }) },
    { route: 'PUT /api/events/{id}/rsvp', action: 'event.rsvp', run: () => call('PUT', `/api/events/${ids.event}/rsvp`, booth, { answer: 'yes' }) },
    {
      route: 'POST /api/events/{id}/checkin',
      action: 'event.checkin',
      run: async () => {
        const { token } = await json(await call('GET', `/api/events/${ids.event}/checkin-code`, state));
        return call('POST', `/api/events/${ids.event}/checkin`, booth, { token });
      },
    },
    {
      route: 'POST /api/events/{id}/attendance',
      action: 'event.attendance',
      run: () => call('POST', `/api/events/${ids.event}/attendance`, state, { marks: [{ personId: p.boothMember.id }] }),
    },
    {
      route: 'POST /api/events/{id}/walk-ins',
      action: 'event.walk_in',
      run: () => call('POST', `/api/events/${ids.event}/walk-ins`, state, { phone: '9876500000', name: `Walk ${FREE}` }),
    },
    {
      route: 'POST /api/events/{id}/walk-ins/names',
      action: 'event.walk_in_names',
      run: () => call('POST', `/api/events/${ids.event}/walk-ins/names`, state, { names: [`Walk ${FREE}`, `Paste ${FREE}`] }),
    },
    {
      route: 'PUT /api/events/{id}/record',
      action: 'event.record',
      run: () => call('PUT', `/api/events/${ids.event}/record`, state, { held: true, minutes: `${FREE} minutes` }),
    },
    { route: 'POST /api/events/{id}/cancel', action: 'event.cancel', run: () => call('POST', `/api/events/${ids.event}/cancel`, state) },
    {
      route: 'POST /api/calendar-feeds',
      action: 'calendar_feed.create',
      run: () => call('POST', '/api/calendar-feeds', state, { unitId: u.sambhal }),
      keep: (b) => (ids.feed = b.id),
    },
    { route: 'DELETE /api/calendar-feeds/{id}', action: 'calendar_feed.revoke', run: () => call('DELETE', `/api/calendar-feeds/${ids.feed}`, state) },
    {
      route: 'POST /api/campaigns',
      action: 'campaign.create',
      run: () =>
        call('POST', '/api/campaigns', state, {
          clientKey: 'audit-suite-campaign',
          unitId: u.sambhal,
          titleEn: `${FREE} drive`,
          description: `${FREE} description`,
          phases: [
            {
              titleEn: `${FREE} phase`,
              // Running today: a figure is reported only once its phase has started.
              startsOn: indianDay(0),
              endsOn: indianDay(8),
              activities: [{ titleEn: `${FREE} visits`, measure: 'reported', targetLevel: 'booth', perUnit: 5 }],
            },
          ],
        }),
      keep: (b) => ((ids.campaign = b.id), (ids.activity = b.phases[0].activities[0].id)),
    },
    {
      route: 'PUT /api/campaigns/{id}/activities/{activityId}/targets',
      action: 'campaign.targets',
      run: () => call('PUT', `/api/campaigns/${ids.campaign}/activities/${ids.activity}/targets`, state, { targets: [{ unitId: u.booth1, target: 3 }] }),
    },
    {
      route: 'POST /api/campaigns/{id}/activities/{activityId}/reports',
      action: 'campaign.report',
      run: () => call('POST', `/api/campaigns/${ids.campaign}/activities/${ids.activity}/reports`, booth, { unitId: u.booth1, value: 2 }),
    },
    {
      route: 'POST /api/auth/verify',
      action: 'auth.login',
      run: async () => {
        const started = await json(await call('POST', '/api/auth/otp', undefined, { phone: p.boothMember.phone }));
        await tick();
        const res = await call('POST', '/api/auth/verify', undefined, {
          phone: p.boothMember.phone,
          code: t.codes.get('+919000000004'),
          attemptId: started.attemptId,
        });
        ids.member = res.headers.get('set-cookie')?.match(/setu_session=[^;]+/)?.[0];
        return res;
      },
    },
    { route: 'POST /api/auth/logout', action: 'auth.logout', run: () => call('POST', '/api/auth/logout', ids.member) },
  ];
}

async function stateChangingRoutes(): Promise<string[]> {
  const doc = (await (await t.call('GET', '/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    .filter((r) => !r.startsWith('GET '));
}

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  state = await t.login(tree.people.stateConvener.phone);
  booth = await t.login(tree.people.boothConvener.phone);
}, 180_000);
afterAll(() => t.stop());

describe(`every write is audited (${engine})`, () => {
  it('knows a successful request for every state-changing route', async () => {
    const known = new Set([...writes().map((w) => w.route), ...Object.keys(NOT_WRITES)]);
    expect((await stateChangingRoutes()).filter((r) => !known.has(r))).toEqual([]);
  });

  it('leaves an ok audit row of its kind for each, holding no name, phone number or free text', async () => {
    const names = (await t.database.db.selectFrom('people').select('name').execute()).map((r) => r.name);
    const needles = [FREE.toLowerCase(), ...PHONES.flatMap(phoneSpellings), ...names.map((n) => n.toLowerCase())];
    const missing: string[] = [];
    const leaks: string[] = [];
    const failed: string[] = [];
    for (const w of writes()) {
      const before = await t.database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
      const res = await w.run();
      const text = await res.text();
      const body = (() => {
        try {
          return JSON.parse(text) as Json;
        } catch {
          return { text }; // the import answers a line per row
        }
      })();
      if (!res.ok) {
        failed.push(`${w.route}: ${res.status} ${JSON.stringify(body)}`);
        continue;
      }
      w.keep?.(body);
      const rows = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'outcome', 'target_type', 'target_id', 'details'])
        .where('id', '>', Number(before.id ?? 0))
        .execute();
      if (!rows.some((r) => r.action === w.action && r.outcome === 'ok'))
        missing.push(`${w.route}: no ${w.action} among [${rows.map((r) => r.action).join(', ')}]`);
      // Names as people wrote them, too: every person's name now in the registry (after this write's).
      const allNames = (await t.database.db.selectFrom('people').select('name').execute()).map((r) => r.name.toLowerCase());
      for (const r of rows) {
        const text = JSON.stringify(r).toLowerCase();
        const found = [...needles, ...allNames].filter((n) => n.length > 3 && text.includes(n));
        if (found.length) leaks.push(`${w.route} (${r.action}): ${found.join(', ')}`);
      }
    }
    expect({ failed, missing, leaks }).toEqual({ failed: [], missing: [], leaks: [] });
  }, 180_000);

  it('audits an acknowledgement batch as one row listing what it applied, and a repeat not at all', async () => {
    const db = t.database.db;
    await addPerson(db, { name: 'Booth Two Convener', phone: '+919000000099', unitId: tree.units.booth2, role: 'convener' });
    const other = await t.login('9000000099');
    const issued = await call('POST', '/api/directives', state, {
      clientKey: 'audit-suite-2',
      unitId: tree.units.sambhal,
      titleHi: 'निर्देश',
      ask: 'ack',
      audience: { levels: ['booth'] },
    });
    expect(issued.status).toBe(201);
    const directiveId = (await json(issued)).id as number;
    const batch = [
      { token: tokenOf(booth), directiveId, unitId: tree.units.booth1, at: undefined },
      { token: tokenOf(other), directiveId, unitId: tree.units.booth2, at: undefined },
      { token: tokenOf(booth), directiveId, unitId: tree.units.booth1, at: undefined },
    ];
    const newAcks = async (after: number) =>
      db
        .selectFrom('audit_log')
        .select(['id', 'actor_id', 'target_id', 'details'])
        .where('action', '=', 'directive.acknowledge')
        .where('id', '>', after)
        .execute();
    const answers = await acknowledgeMany(db, batch);
    expect(answers.every((a) => a.unit?.ackedAt)).toBe(true);
    const rows = await newAcks(0);
    const last = rows.at(-1)!;
    expect(last).toMatchObject({ actor_id: null, target_id: String(directiveId) });
    expect((last.details.acks as Json[]).map((a) => [a.unitId, a.personId])).toEqual([
      [tree.units.booth1, tree.people.boothConvener.id],
      [tree.units.booth2, expect.any(Number)],
    ]);
    // Asking again applies nothing and records nothing.
    await acknowledgeMany(db, batch);
    expect(await newAcks(last.id)).toEqual([]);
  });
});
