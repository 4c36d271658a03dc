import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../testing/database.ts';
import { buildSampleTree } from '../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../testing/setu.ts';

let t: TestSetu;
let member: string;

beforeAll(async () => {
  t = await createTestSetu();
  const tree = await buildSampleTree(t.database.db);
  member = await t.login(tree.people.boothMember.phone);
});
afterAll(() => t.stop());

describe(`organisation meta on ${engine}`, () => {
  it('gives any signed-in person the levels by depth, roles by rank and departments, with both names', async () => {
    const res = await t.call('GET', '/api/org/meta', { cookie: member });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { levels: { code: string; depth: number }[]; roles: { code: string; rank: number }[]; departments: unknown[] };
    expect(body.levels.map((l) => l.code)).toEqual(['national', 'state', 'region', 'district', 'assembly', 'mandal', 'shakti_kendra', 'booth']);
    expect(body.levels[7]).toEqual({ code: 'booth', depth: 7, nameEn: 'Booth', nameHi: 'बूथ' });
    expect(body.roles.map((r) => r.code)).toEqual(['convener', 'co_convener', 'in_charge', 'member']);
    expect(body.roles[0]).toEqual({
      code: 'convener',
      rank: 1,
      nameEn: 'Convener',
      nameHi: 'संयोजक',
      permissions: [
        'units.manage',
        'positions.manage',
        'people.manage',
        'people.reveal',
        'people.export',
        'directives.issue',
        'silence.manage',
        'events.manage',
        'campaigns.manage',
      ],
    });
    expect(body.departments).toEqual([
      { code: 'it', nameEn: 'IT department', nameHi: 'आईटी विभाग' },
      { code: 'social_media', nameEn: 'Social media department', nameHi: 'सोशल मीडिया विभाग' },
    ]);
  });

  it('answers 401 without a session', async () => {
    expect((await t.call('GET', '/api/org/meta')).status).toBe(401);
  });
});
