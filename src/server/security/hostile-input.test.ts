import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPeople } from '../features/people/index.ts';
import { createPiiCipher } from '../platform/crypto.ts';
import { createApp } from '../platform/http/app.ts';
import { engine, testDatabase } from '../testing/database.ts';
import { buildSampleTree } from '../testing/factories.ts';
import { captureLogs } from '../testing/pii-scan.ts';
import { TEST_SECRET, createTestSetu, type TestSetu } from '../testing/setu.ts';

/**
 * Input an attacker shapes to break the server rather than to be stored: a NUL in a text field (PostgreSQL cannot
 * store one, so the statement failed as a 500 and the log printed the statement's parameters), a URL whose
 * percent-encoding does not decode, and names carrying controls, invisible or text-direction characters.
 */

let t: TestSetu;
let tree: Awaited<ReturnType<typeof buildSampleTree>>;
let state: string;

const TABLES = ['people', 'units', 'positions', 'audit_log', 'whatsapp_groups', 'directives', 'events', 'campaigns', 'silence_periods', 'consents'];
const counts = async () => {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.database.db);
    out[table] = rows[0]!.n;
  }
  return out;
};

beforeAll(async () => {
  t = await createTestSetu();
  tree = await buildSampleTree(t.database.db);
  state = await t.login(tree.people.stateConvener.phone);
});
afterAll(() => t?.stop());

describe(`hostile input on ${engine}`, () => {
  it('a NUL in a text field of any route is refused with 400 validation naming the field, and nothing changes', async () => {
    const u = tree.units;
    const person = tree.people.boothMember.id;
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
    // [method, path, body, the field holding the NUL]
    const routes: Array<[string, string, Record<string, unknown>, string]> = [
      ['POST', `/api/units/${u.booth1}/people`, { name: 'Ram\u0000esh' }, 'name'],
      ['POST', `/api/units/${u.booth1}/people`, { name: 'Ramesh', tags: ['ok', 'x\u0000'] }, 'tags.1'],
      ['PATCH', `/api/people/${person}`, { notes: 'call\u0000 after 6' }, 'notes'],
      ['POST', `/api/people/${person}/erase`, { reason: 'asked\u0000' }, 'reason'],
      ['POST', '/api/units', { parentId: u.sk, level: 'booth', nameEn: 'Booth\u0000 9', nameHi: 'बूथ 9' }, 'nameEn'],
      ['PATCH', `/api/units/${u.booth2}`, { nameHi: 'पंचायत\u0000' }, 'nameHi'],
      ['POST', `/api/units/${u.booth1}/groups`, { name: 'Booth\u0000 group', purpose: 'workers' }, 'name'],
      ['POST', `/api/units/${u.booth1}/positions`, { role: 'member', person: { name: 'New\u0000 Worker', phone: '9876500099' } }, 'person.name'],
      ['POST', `/api/units/${u.chandausi}/silence-periods`, { startsAt: soon, endsAt: later, reason: 'poll\u0000' }, 'reason'],
      ['POST', '/api/directives', { clientKey: 'key\u0000-0001', unitId: u.up, titleEn: 'Share', ask: 'ack', audience: { levels: ['booth'] } }, 'clientKey'],
      [
        'POST',
        '/api/events',
        {
          clientKey: 'key-0002',
          unitId: u.sambhal,
          kind: 'workshop',
          titleEn: 'Work\u0000shop',
          startsAt: soon,
          endsAt: later,
          audience: { levels: ['booth'] },
        },
        'titleEn',
      ],
      [
        'POST',
        '/api/campaigns',
        {
          clientKey: 'key\u0000-0003',
          unitId: u.up,
          titleEn: 'Drive',
          phases: [
            {
              titleEn: 'One',
              startsOn: '2030-01-01',
              endsOn: '2030-01-05',
              activities: [{ titleEn: 'A', measure: 'reported', targetLevel: 'booth', perUnit: 1 }],
            },
          ],
        },
        'clientKey',
      ],
      [
        'POST',
        '/api/signup/not-a-real-token-0000000',
        {
          phone: '9876500098',
          attemptId: 'a',
          code: '123456',
          name: 'Citizen\u0000',
          ageBand: '26_35',
          language: 'hi',
          consents: [{ purpose: 'org_updates', noticeVersion: 1 }],
        },
        'name',
      ],
    ];
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const before = await counts();
    for (const [method, path, body, field] of routes) {
      const res = await t.call(method, path, { body, cookie: state });
      const answer = (await res.json()) as { code: string; issues?: Array<{ path: string; message: string }> };
      expect({ route: `${method} ${path}`, status: res.status, code: answer.code }).toEqual({ route: `${method} ${path}`, status: 400, code: 'validation' });
      expect(
        answer.issues?.map((i) => i.path),
        `${method} ${path}`,
      ).toContain(field);
    }
    // A NUL in a query string is the URL's: refused the same way before any route reads it.
    const query = await t.call('GET', `/api/units/${u.up}/people?q=Ram%00esh`, { cookie: state });
    expect(query.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('a URL whose percent-encoding does not decode answers 400 JSON, with no stack trace', async () => {
    for (const path of ['/%', '/%zz', '/api/%zz', '/people/%E0%A4', '/%00', '/api/units/1%00']) {
      const res = await t.call('GET', path, { cookie: state });
      const text = await res.text();
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(JSON.parse(text)).toMatchObject({ code: 'bad_url' });
      expect(text).not.toMatch(/\bat \S+ \(|node:internal|\.ts:\d+/);
    }
  });

  it('a failing SQL statement is logged by its class and SQLSTATE, never with its parameters or message', async () => {
    const capture = captureLogs();
    const database = await testDatabase();
    try {
      const app = createApp({ log: capture.log, trustProxy: false });
      app.get('/api/boom/int', async () => {
        await sql`select ${'Kamla Secretname'}::int`.execute(database.db);
        return new Response('unreachable');
      });
      app.get('/api/boom/nul', async () => {
        await sql`select ${'Ramesh Hiddenname\u0000'}::text, ${'+919812345678'}::text`.execute(database.db);
        return new Response('unreachable');
      });
      for (const path of ['/api/boom/int', '/api/boom/nul']) {
        const res = await app.request(path);
        expect(res.status).toBe(500);
        expect(await res.text()).not.toMatch(/Secretname|Hiddenname|at /);
      }
      const text = capture.text();
      expect(capture.lines.length).toBeGreaterThanOrEqual(2);
      expect(text).toContain('"sqlState":"22P02"');
      expect(text).not.toMatch(/Secretname|Hiddenname|9812345678|invalid input syntax/);
    } finally {
      await database.close();
    }
  });

  describe('one rule for names: the API, door-to-door capture and the CSV import refuse the same characters', () => {
    const forbidden: Array<[string, string]> = [
      ['line feed', 'Ram\nesh'],
      ['carriage return', 'Ram\resh'],
      ['tab', 'Ram\tesh'],
      ['C0 control', 'Ram\u0007esh'],
      ['C1 control', 'Ram\u0085esh'],
      ['bidi override', 'Ram\u202Eesh'],
      ['bidi isolate', 'Ram\u2066esh\u2069'],
      ['bidi mark', 'Ram\u200Fesh'],
      ['zero-width space', 'Ram\u200Besh'],
      ['ZWJ outside Devanagari', 'Ram\u200Desh'],
      ['ZWNJ at the edge of a Devanagari word', 'राम\u200C'],
      ['byte-order mark', '\uFEFFRamesh'],
      ['soft hyphen', 'Ram\u00ADesh'],
      ['Hangul filler', 'Ram\u3164esh'],
    ];
    // A conjunct drawn with ZWJ (क्‍ष, the half form) and one held apart with ZWNJ (क्‌ष): both are how Hindi is written.
    const hindi = ['लक्‍ष्मी देवी', 'सक्‌षम कुमार'];

    it('capture (POST /units/{id}/people) and edit (PATCH /people/{id}) refuse each class with 400; Hindi conjuncts are kept', async () => {
      const booth = tree.units.booth1;
      for (const [what, name] of forbidden) {
        const captured = await t.call('POST', `/api/units/${booth}/people`, { body: { name }, cookie: state });
        expect({ what, status: captured.status }).toEqual({ what, status: 400 });
        const edited = await t.call('PATCH', `/api/people/${tree.people.boothMember.id}`, { body: { name }, cookie: state });
        expect({ what, status: edited.status }).toEqual({ what, status: 400 });
        const unit = await t.call('PATCH', `/api/units/${tree.units.booth2}`, { body: { nameEn: name }, cookie: state });
        expect({ what, status: unit.status }).toEqual({ what, status: 400 });
      }
      for (const name of hindi) {
        const res = await t.call('POST', `/api/units/${booth}/people`, { body: { name }, cookie: state });
        expect(res.status).toBe(201);
        expect(((await res.json()) as { person: { name: string } }).person.name).toBe(name);
      }
      // Stored as one form (NFC), spaces of any width one space.
      const res = await t.call('POST', `/api/units/${booth}/people`, { body: { name: '  Jose\u0301\u00A0\u2003Kumar ' }, cookie: state });
      expect(((await res.json()) as { person: { name: string } }).person.name).toBe('José Kumar');
    });

    it('the people CSV import refuses the same names as bad_name and takes the Hindi conjuncts', async () => {
      const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
      const lines = ['name,phone,unit_code', ...forbidden.map(([, name]) => `${quote(name)},,UP-AC-031-PS-002`), ...hindi.map((n) => `${n},,UP-AC-031-PS-002`)];
      const r = await importPeople(t.database.db, createPiiCipher(TEST_SECRET), Readable.from([lines.join('\n') + '\n']));
      expect(r.rejects.map((x) => x.code)).toEqual(forbidden.map(() => 'bad_name'));
      expect(r.rejected).toBe(forbidden.length);
      const stored = await t.database.db.selectFrom('people').select('name').where('name', 'in', hindi).execute();
      expect(stored.length).toBeGreaterThanOrEqual(hindi.length);
    });
  });
});
