import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Captured } from '../../contracts/people.ts';
import { addPerson, buildSampleTree } from '../testing/factories.ts';
import { engine } from '../testing/database.ts';
import { createTestSetu, type TestSetu } from '../testing/setu.ts';

/**
 * The account takeovers the attack on Setu found, each replayed: power over a person follows rank, not the person's
 * home unit or who captured them, and a phone that signs someone in changes only with a code sent to the new number.
 */
describe(`power over people on ${engine}`, () => {
  let setu: TestSetu;
  let tree: Awaited<ReturnType<typeof buildSampleTree>>;
  const cookies: Record<string, string> = {};
  const phoneOf = async (id: number) =>
    (await setu.database.db.selectFrom('people').select('phone_hash').where('id', '=', id).executeTakeFirstOrThrow()).phone_hash;
  const sameBytes = (a: Uint8Array | null, b: Uint8Array | null) => a !== null && b !== null && Buffer.from(a).equals(Buffer.from(b));

  beforeAll(async () => {
    setu = await createTestSetu();
    tree = await buildSampleTree(setu.database.db);
    for (const [who, p] of Object.entries(tree.people)) cookies[who] = await setu.login(p.phone);
  });
  afterAll(() => setu?.stop());

  it('a booth member who captured someone loses every power over them once the district appoints them above her', async () => {
    // She captures a neighbour at her booth: while he is a supporter, she may fix his record.
    const captured = await setu.call('POST', `/api/units/${tree.units.booth1}/people`, {
      cookie: cookies.boothMember,
      body: { name: 'Vijay Kumar', phone: '9123450001' },
    });
    expect(captured.status).toBe(201);
    const vijay = ((await captured.json()) as Captured).person.id;
    expect((await setu.call('PATCH', `/api/people/${vijay}`, { cookie: cookies.boothMember, body: { tags: ['neighbour'] } })).status).toBe(200);

    // The district makes him assembly co-convener.
    const appointed = await setu.call('POST', `/api/units/${tree.units.chandausi}/positions`, {
      cookie: cookies.sambhalConvener,
      body: { role: 'co_convener', department: 'it', person: { id: vijay } },
    });
    expect(appointed.status).toBe(201);

    // The attack: change his phone to hers and sign in as him. Every step is refused and nothing changes.
    const before = await phoneOf(vijay);
    for (const body of [{ phone: '9123450099' }, { name: 'Vijay K' }]) {
      const patched = await setu.call('PATCH', `/api/people/${vijay}`, { cookie: cookies.boothMember, body });
      expect(patched.status).toBe(403);
    }
    expect((await setu.call('POST', `/api/people/${vijay}/phone-change`, { cookie: cookies.boothMember, body: { phone: '9123450099' } })).status).toBe(403);
    expect(setu.codes.has('+919123450099')).toBe(false);
    expect(sameBytes(await phoneOf(vijay), before)).toBe(true);
    await expect(setu.login('9123450099')).rejects.toThrow(/no code was sent/);

    // Her page no longer offers what she may not do.
    const page = (await (await setu.call('GET', `/api/people/${vijay}`, { cookie: cookies.boothMember })).json()) as { can: Record<string, boolean> };
    expect(page.can).toMatchObject({ edit: false, reveal: false, erase: false });
  });

  it('a peer at the same unit cannot change, reveal, export, disable or erase the convener; the higher role can act on the lower', async () => {
    const coConvener = await addPerson(setu.database.db, {
      name: 'Meena Gupta',
      phone: '+919123450002',
      unitId: tree.units.sambhal,
      role: 'co_convener',
      department: 'it',
    });
    const peer = await setu.login('9123450002');
    const convener = tree.people.sambhalConvener.id;
    const before = await phoneOf(convener);
    const attempts: [string, string, unknown?][] = [
      ['PATCH', `/api/people/${convener}`, { phone: '9123450098' }],
      ['PATCH', `/api/people/${convener}`, { name: 'Someone Else' }],
      ['POST', `/api/people/${convener}/phone-change`, { phone: '9123450098' }],
      ['POST', `/api/people/${convener}/reveal`],
      ['GET', `/api/people/${convener}/export`],
      ['POST', `/api/people/${convener}/disable`],
      ['POST', `/api/people/${convener}/erase`, { reason: 'takeover' }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await setu.call(method, path, { cookie: peer, body });
      expect(`${method} ${path} ${res.status}`).toBe(`${method} ${path} 403`);
    }
    expect(sameBytes(await phoneOf(convener), before)).toBe(true);
    expect(setu.codes.has('+919123450098')).toBe(false);
    // Her export of the district leaves out the convener and herself, and keeps the workers below them.
    const exported = await setu.call('GET', `/api/units/${tree.units.sambhal}/people/export`, { cookie: peer });
    expect(exported.status).toBe(200);
    const csv = await exported.text();
    expect(csv).toContain('+919000000004');
    expect(csv).not.toContain('+919000000002');
    expect(csv).not.toContain('+919123450002');
    // The convener outranks her co-convener at their own unit.
    expect((await setu.call('POST', `/api/people/${coConvener}/reveal`, { cookie: cookies.sambhalConvener })).status).toBe(200);
  });

  it('a booth convener cannot erase or disable an assembly co-convener whose home is his booth', async () => {
    const res = await setu.call('POST', `/api/units/${tree.units.booth1}/people`, {
      cookie: cookies.boothConvener,
      body: { name: 'Kiran Lal', phone: '9123450003' },
    });
    const kiran = ((await res.json()) as Captured).person.id;
    expect(
      (
        await setu.call('POST', `/api/units/${tree.units.chandausi}/positions`, {
          cookie: cookies.sambhalConvener,
          body: { role: 'co_convener', person: { id: kiran } },
        })
      ).status,
    ).toBe(201);
    expect((await setu.call('POST', `/api/people/${kiran}/erase`, { cookie: cookies.boothConvener, body: { reason: 'attack' } })).status).toBe(403);
    expect((await setu.call('POST', `/api/people/${kiran}/disable`, { cookie: cookies.boothConvener })).status).toBe(403);
    const row = await setu.database.db.selectFrom('people').select(['erased_at', 'disabled_at']).where('id', '=', kiran).executeTakeFirstOrThrow();
    expect(row).toEqual({ erased_at: null, disabled_at: null });
    // Nor appoint him anywhere: an appointment is power over a person too.
    expect(
      (await setu.call('POST', `/api/units/${tree.units.booth1}/positions`, { cookie: cookies.boothConvener, body: { role: 'member', person: { id: kiran } } }))
        .status,
    ).toBe(403);
  });

  it('changes a worker’s phone only with the code sent to the new number, tells the old number and ends the old sessions', async () => {
    const booth = tree.people.boothConvener;
    const session = await setu.login(booth.phone);
    const before = await phoneOf(booth.id);

    // A plain edit of a login number is refused, and changes nothing.
    const plain = await setu.call('PATCH', `/api/people/${booth.id}`, { cookie: cookies.sambhalConvener, body: { phone: '9123450010', tags: ['x'] } });
    expect(plain.status).toBe(409);
    expect(((await plain.json()) as { code: string }).code).toBe('phone_change_needs_code');
    expect(sameBytes(await phoneOf(booth.id), before)).toBe(true);

    const started = await setu.call('POST', `/api/people/${booth.id}/phone-change`, { cookie: cookies.sambhalConvener, body: { phone: '9123450010' } });
    expect(started.status).toBe(202);
    const { attemptId, sentTo } = (await started.json()) as { attemptId: string; sentTo: string };
    expect(sentTo).not.toContain('9123450010');
    await new Promise((r) => setImmediate(r));
    const code = setu.codes.get('+919123450010')!;
    expect(code).toMatch(/^\d{6}$/);
    expect(sameBytes(await phoneOf(booth.id), before)).toBe(true);

    // Only the editor who asked can finish it; a wrong code is counted and changes nothing.
    const other = await setu.call('POST', `/api/people/${booth.id}/phone-change/confirm`, { cookie: cookies.stateConvener, body: { attemptId, code } });
    expect(other.status).toBe(400);
    const wrong = await setu.call('POST', `/api/people/${booth.id}/phone-change/confirm`, {
      cookie: cookies.sambhalConvener,
      body: { attemptId, code: code === '000000' ? '111111' : '000000' },
    });
    expect(wrong.status).toBe(400);
    expect(sameBytes(await phoneOf(booth.id), before)).toBe(true);

    const done = await setu.call('POST', `/api/people/${booth.id}/phone-change/confirm`, { cookie: cookies.sambhalConvener, body: { attemptId, code } });
    expect(done.status).toBe(200);
    expect(sameBytes(await phoneOf(booth.id), before)).toBe(false);
    await new Promise((r) => setImmediate(r));
    const told = setu.notices.get('+919000000005') ?? [];
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('लॉग इन नंबर');
    expect(told[0]).not.toContain('9123450010');
    // His devices sign in again, with the new number; the old one no longer signs anyone in.
    expect((await setu.call('GET', '/api/me', { cookie: session })).status).toBe(401);
    await expect(setu.login('9123450010')).resolves.toMatch(/^setu_session=/);
    setu.codes.delete('+919000000005');
    await expect(setu.login(booth.phone)).rejects.toThrow(/no code was sent/);
    // The code is spent.
    expect(
      (await setu.call('POST', `/api/people/${booth.id}/phone-change/confirm`, { cookie: cookies.sambhalConvener, body: { attemptId, code } })).status,
    ).toBe(400);

    const audit = await setu.database.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'details'])
      .where('target_id', '=', String(booth.id))
      .where('action', 'like', 'person.phone_change%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual([
      'person.phone_change.request:ok',
      'person.phone_change:failed',
      'person.phone_change:failed',
      'person.phone_change:ok',
      'person.phone_change:failed',
    ]);
    expect(JSON.stringify(audit)).not.toContain('9123450010');
  });

  it('a supporter’s phone is still changed by a plain edit', async () => {
    const res = await setu.call('POST', `/api/units/${tree.units.booth2}/people`, {
      cookie: cookies.sambhalConvener,
      body: { name: 'Asha Rani', phone: '9123450020' },
    });
    const asha = ((await res.json()) as Captured).person.id;
    const before = await phoneOf(asha);
    expect((await setu.call('PATCH', `/api/people/${asha}`, { cookie: cookies.sambhalConvener, body: { phone: '9123450021' } })).status).toBe(200);
    expect(sameBytes(await phoneOf(asha), before)).toBe(false);
  });
});
