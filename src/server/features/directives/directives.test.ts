import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../testing/database.ts';

import { png } from '../../testing/media.ts';
import { createTestSetu, type TestSetu } from '../../testing/setu.ts';
import { clientKey, countersOf, issuer, read, type Json, sampleSignedIn, type SampleTree } from '../../testing/directives-kit.ts';
import { foldProgress } from './rollup.ts';

let t: TestSetu;
let tree: SampleTree;
let state: string, sambhal: string, meerut: string, member: string, boothConvener: string;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestSetu();
  ({ tree, state, sambhal, meerut, member, boothConvener } = await sampleSignedIn(t));
});
afterAll(() => t.stop());

const issue = issuer(() => t);
const counters = countersOf(() => t);

describe(`directives on ${engine}`, () => {
  it('previews the reach before sending: units, people, and the units with nobody to receive it', async () => {
    const res = await read(
      await t.call('POST', '/api/directives/preview', { cookie: state, body: { unitId: tree.units.up, audience: { levels: ['booth'] } } }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ units: 3, people: 2, emptyUnits: 2, silencedUnits: 0, silences: [] });
    expect(res.body.emptySample.map((u: Json) => u.id).sort()).toEqual([tree.units.booth2, tree.units.meerutBooth].sort());
    const conveners = await read(
      await t.call('POST', '/api/directives/preview', { cookie: state, body: { unitId: tree.units.up, audience: { levels: ['booth'], roles: ['convener'] } } }),
    );
    expect(conveners.body).toMatchObject({ units: 3, people: 1, emptyUnits: 2 });
  });

  it('previews the reach per level, so a second level ticked by mistake shows on its own line', async () => {
    const preview = async (levels: string[]) =>
      read(await t.call('POST', '/api/directives/preview', { cookie: state, body: { unitId: tree.units.up, audience: { levels } } }));
    const both = await preview(['booth', 'mandal']);
    expect(both.status).toBe(200);
    expect(both.body).toMatchObject({
      units: 5,
      byLevel: [
        { level: 'mandal', units: 2 },
        { level: 'booth', units: 3 },
      ],
    });
    expect((await preview(['region'])).body).toMatchObject({ units: 1, byLevel: [{ level: 'region', units: 1 }] });
  });

  it('fans out to every target and counts targets on every unit up to the issuing one, once per client key', async () => {
    const key = clientKey();
    const body = {
      clientKey: key,
      unitId: tree.units.up,
      titleHi: 'बूथ बैठक करें',
      titleEn: 'Hold a booth meeting',
      ask: 'report',
      audience: { levels: ['booth'] },
    };
    const first = await read(await t.call('POST', '/api/directives', { cookie: state, body }));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ targets: 3, silenced: 0, ask: 'report', canFollow: true, mine: [] });
    const again = await read(await t.call('POST', '/api/directives', { cookie: state, body }));
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await db().selectFrom('directives').select('id').where('client_key', '=', key).execute()).toHaveLength(1);
    const outbox = await db().selectFrom('outbox').select(['topic', 'payload']).where('dedupe_key', '=', `directive.issued:${first.body.id}`).execute();
    expect(outbox).toHaveLength(1);

    const u = tree.units;
    const c = await counters(first.body.id);
    expect(c[u.up]).toEqual({ target: false, targets: 3, acked: 0, done: 0 });
    expect(c[u.sambhal]?.targets).toBe(2);
    expect(c[u.sk]?.targets).toBe(2);
    expect(c[u.meerutSk]?.targets).toBe(1);
    expect(c[u.booth1]).toEqual({ target: true, targets: 1, acked: 0, done: 0 });
    expect(c[u.india]).toBeUndefined(); // above the issuing unit
    expect(Object.keys(c)).toHaveLength(13);
  });

  it('counts an audience of several levels the same way (shakti kendras and booths)', async () => {
    const res = await read(await issue(state, { unitId: tree.units.up, titleEn: 'Kendras and booths', audience: { levels: ['shakti_kendra', 'booth'] } }));
    expect(res.body.targets).toBe(5);
    const c = await counters(res.body.id);
    expect(c[tree.units.sk]).toEqual({ target: true, targets: 3, acked: 0, done: 0 });
    expect(c[tree.units.up]?.targets).toBe(5);
  });

  it('refuses what the caller may not do: outside the turf 404, without the permission 403, levels not below 422', async () => {
    expect((await issue(meerut, { unitId: tree.units.sambhal, titleEn: 'x', audience: { levels: ['booth'] } })).status).toBe(404);
    expect((await issue(member, { unitId: tree.units.booth1, titleEn: 'x', audience: { levels: ['booth'] } })).status).toBe(403);
    const up = await read(await issue(sambhal, { unitId: tree.units.sambhal, titleEn: 'x', audience: { levels: ['state'] } }));
    expect([up.status, up.body.code]).toEqual([422, 'level_order']);
    const role = await read(await issue(sambhal, { unitId: tree.units.sambhal, titleEn: 'x', audience: { levels: ['booth'], roles: ['king'] } }));
    expect([role.status, role.body.code]).toEqual([422, 'unknown_role']);
    const bad = await read(
      await t.call('POST', '/api/directives', {
        cookie: sambhal,
        body: { clientKey: clientKey(), unitId: tree.units.sambhal, ask: 'ack', audience: { levels: ['booth'] } },
      }),
    );
    expect([bad.status, bad.body.code]).toEqual([400, 'validation']);

    // The reminder and escalation times are checked here, not only by the web form, and a refused send creates nothing.
    const count = async () => Number((await db().selectFrom('directives').select(db().fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
    const audience = { levels: ['booth'] };
    for (const [times, path] of [
      [{ dueAt: at(4), remindAt: at(5) }, 'remindAt'], // a reminder after the due time
      [{ dueAt: at(4), remindAt: at(-1) }, 'remindAt'], // a reminder already past
      [{ dueAt: at(4), escalateAt: at(3) }, 'escalateAt'], // "overdue" before the due time
    ] as const) {
      const refused = await read(await issue(sambhal, { unitId: tree.units.sambhal, titleEn: 'x', audience, ...times }));
      expect([refused.status, refused.body.code, refused.body.issues[0].path]).toEqual([400, 'validation', path]);
    }
    expect(await count()).toBe(before);
    const own = await read(await issue(sambhal, { unitId: tree.units.sambhal, titleEn: 'x', audience, dueAt: at(4), remindAt: at(1), escalateAt: at(6) }));
    expect(own.status).toBe(201);
    expect([own.body.remindAt, own.body.escalateAt].map((t: string) => Math.round((Date.parse(t) - Date.now()) / 3_600_000))).toEqual([1, 6]);
  });

  it('reaches the holders in their inbox; anyone of them acknowledges for the unit, once; counters roll up', async () => {
    const sent = await read(
      await issue(sambhal, {
        unitId: tree.units.sambhal,
        titleHi: 'मतदाता सूची जाँचें',
        dueAt: new Date(Date.now() + 3_600_000).toISOString(),
        audience: { levels: ['booth'] },
      }),
    );
    const id = sent.body.id as number;
    const inbox = await read(await t.call('GET', '/api/directives', { cookie: member }));
    const item = inbox.body.items.find((i: Json) => i.id === id);
    expect(item).toMatchObject({ myUnits: 1, myOpen: 1, overdue: false, titleHi: 'मतदाता सूची जाँचें', targets: 2, complete: 0 });
    expect(inbox.body.badge).toBeGreaterThanOrEqual(1);
    // Meerut's convener neither receives nor follows a Sambhal directive.
    expect((await t.call('GET', `/api/directives/${id}`, { cookie: meerut })).status).toBe(404);
    expect((await read(await t.call('GET', '/api/directives?view=sent', { cookie: meerut }))).body.items.some((i: Json) => i.id === id)).toBe(false);

    const acked = await read(await t.call('POST', `/api/directives/${id}/units/${tree.units.booth1}/ack`, { cookie: member, body: {} }));
    expect(acked.status).toBe(200);
    expect(acked.body.ackedBy).toEqual({ id: tree.people.boothMember.id, name: 'Sunita Devi' });
    // The booth's convener acknowledging too changes nothing: it is one unit.
    const again = await read(await t.call('POST', `/api/directives/${id}/units/${tree.units.booth1}/ack`, { cookie: boothConvener, body: {} }));
    expect(again.body.ackedAt).toBe(acked.body.ackedAt);
    expect(again.body.ackedBy.id).toBe(tree.people.boothMember.id);
    // Nobody holds booth 2: nobody can acknowledge for it.
    expect((await t.call('POST', `/api/directives/${id}/units/${tree.units.booth2}/ack`, { cookie: member, body: {} })).status).toBe(404);

    await foldProgress(db());
    const coverage = await read(await t.call('GET', `/api/directives/${id}/coverage`, { cookie: sambhal }));
    expect(coverage.body.totals).toEqual({ targets: 2, acked: 1, done: 0, overdue: 0 });
    expect(coverage.body.unit.id).toBe(tree.units.sambhal);
    expect(coverage.body.children).toEqual([expect.objectContaining({ unit: expect.objectContaining({ id: tree.units.chandausi }), targets: 2, acked: 1 })]);
    const sk = await read(await t.call('GET', `/api/directives/${id}/coverage?unitId=${tree.units.sk}`, { cookie: sambhal }));
    // The booth that has not acknowledged first.
    expect(sk.body.children.map((c: Json) => [c.unit.id, c.acked])).toEqual([
      [tree.units.booth2, 0],
      [tree.units.booth1, 1],
    ]);
    const laggards = await read(await t.call('GET', `/api/directives/${id}/laggards`, { cookie: sambhal }));
    expect(laggards.body).toEqual({ items: [{ unit: expect.objectContaining({ id: tree.units.booth2 }), acked: false, holders: [] }], truncated: false });
  });

  it('lists laggards in tree order across branches, walking only where something is open, and says when there are more', async () => {
    const sent = await read(await issue(state, { unitId: tree.units.up, titleEn: 'Laggards', audience: { levels: ['booth'] } }));
    const id = sent.body.id as number;
    const all = await read(await t.call('GET', `/api/directives/${id}/laggards`, { cookie: state }));
    expect(all.body.items.map((i: Json) => i.unit.id)).toEqual([tree.units.booth1, tree.units.booth2, tree.units.meerutBooth]);
    expect(all.body.items[0].holders.map((h: Json) => [h.name, h.phone])).toEqual([
      ['Ramesh Pal', '+91 90•••••005'],
      ['Sunita Devi', '+91 90•••••004'],
    ]);
    const two = await read(await t.call('GET', `/api/directives/${id}/laggards?limit=2`, { cookie: state }));
    expect([two.body.items.length, two.body.truncated]).toEqual([2, true]);
    await t.call('POST', `/api/directives/${id}/units/${tree.units.booth1}/ack`, { cookie: member, body: {} });
    // Before the rollup the counters still say booth 1's kendra is open: the walk looks, and finds only booth 2 there.
    const before = await read(await t.call('GET', `/api/directives/${id}/laggards`, { cookie: state }));
    expect(before.body.items.map((i: Json) => i.unit.id)).toEqual([tree.units.booth2, tree.units.meerutBooth]);
    await foldProgress(db());
    const meerutOnly = await read(await t.call('GET', `/api/directives/${id}/laggards?unitId=${tree.units.meerut}`, { cookie: state }));
    expect(meerutOnly.body.items.map((i: Json) => i.unit.id)).toEqual([tree.units.meerutBooth]);
  });

  it('names as holders of a laggard only those the directive speaks to (conveners only: not the booth member)', async () => {
    const sent = await read(await issue(state, { unitId: tree.units.up, titleEn: 'Conveners only', audience: { levels: ['booth'], roles: ['convener'] } }));
    const laggards = await read(await t.call('GET', `/api/directives/${sent.body.id}/laggards`, { cookie: state }));
    const booth1 = laggards.body.items.find((i: Json) => i.unit.id === tree.units.booth1);
    expect(booth1.holders.map((h: Json) => [h.name, h.role])).toEqual([['Ramesh Pal', 'convener']]);
  });

  it('takes the time an offline acknowledgement was made, if believable, and a report when done; reports are seen up the tree', async () => {
    const sent = await read(await issue(state, { unitId: tree.units.up, titleEn: 'Share the video', ask: 'report', audience: { levels: ['booth'] } }));
    const id = sent.body.id as number;
    // Made offline after it arrived, synced later.
    const offlineAt = new Date(Date.parse(sent.body.createdAt) + 5).toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const acked = await read(await t.call('POST', `/api/directives/${id}/units/${tree.units.booth1}/ack`, { cookie: member, body: { at: offlineAt } }));
    expect(acked.body.ackedAt).toBe(offlineAt);
    const future = await read(
      await t.call('POST', `/api/directives/${id}/units/${tree.units.booth1}/ack`, { cookie: member, body: { at: '2099-01-01T00:00:00Z' } }),
    );
    expect(future.body.ackedAt).toBe(offlineAt);
    const empty = await read(await t.call('POST', `/api/directives/${id}/units/${tree.units.booth1}/done`, { cookie: member, body: {} }));
    expect([empty.status, empty.body.code]).toEqual([400, 'validation']);
    const done = await read(
      await t.call('POST', `/api/directives/${id}/units/${tree.units.booth1}/done`, {
        cookie: member,
        body: { text: 'वीडियो 40 लोगों को भेजा', link: 'https://example.org/post/1' },
      }),
    );
    expect(done.body.report).toMatchObject({
      text: 'वीडियो 40 लोगों को भेजा',
      link: 'https://example.org/post/1',
      reportedBy: { id: tree.people.boothMember.id },
    });
    await foldProgress(db());
    const c = await counters(id);
    expect(c[tree.units.up]).toMatchObject({ acked: 1, done: 1 });
    const detail = await read(await t.call('GET', `/api/directives/${id}`, { cookie: boothConvener }));
    expect(detail.body.mine[0].report.text).toBe('वीडियो 40 लोगों को भेजा');
    const upTheTree = await read(await t.call('GET', `/api/directives/${id}/reports`, { cookie: sambhal }));
    expect(upTheTree.body.items).toEqual([
      expect.objectContaining({ unit: expect.objectContaining({ id: tree.units.booth1 }), text: 'वीडियो 40 लोगों को भेजा' }),
    ]);
    expect((await read(await t.call('GET', `/api/directives/${id}/reports`, { cookie: meerut }))).body.items).toEqual([]);
  });

  it('withdraws a directive sent by mistake: gone from the inbox, no more acknowledgements, the record kept', async () => {
    const sent = await read(await issue(sambhal, { unitId: tree.units.sambhal, titleEn: 'Sent by mistake', audience: { levels: ['booth'] } }));
    const id = sent.body.id as number;
    // The directive's page offers the withdrawal to those the server lets do it, and to nobody else.
    expect(sent.body.canWithdraw).toBe(true);
    expect((await read(await t.call('GET', `/api/directives/${id}`, { cookie: state }))).body.canWithdraw).toBe(true);
    expect((await read(await t.call('GET', `/api/directives/${id}`, { cookie: member }))).body.canWithdraw).toBe(false);
    expect((await read(await t.call('GET', `/api/directives/${id}`, { cookie: boothConvener }))).body.canWithdraw).toBe(false);
    expect((await t.call('POST', `/api/directives/${id}/cancel`, { cookie: member })).status).toBe(404);
    expect((await t.call('POST', `/api/directives/${id}/cancel`, { cookie: meerut })).status).toBe(404);
    const cancelled = await read(await t.call('POST', `/api/directives/${id}/cancel`, { cookie: sambhal }));
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancelledAt).not.toBeNull();
    expect(cancelled.body.canWithdraw).toBe(false);
    const inbox = await read(await t.call('GET', '/api/directives', { cookie: member }));
    expect(inbox.body.items.some((i: Json) => i.id === id)).toBe(false);
    expect((await t.call('POST', `/api/directives/${id}/units/${tree.units.booth1}/ack`, { cookie: member, body: {} })).status).toBe(404);
    expect(
      await db().selectFrom('audit_log').select('action').where('action', '=', 'directive.cancel').where('target_id', '=', String(id)).execute(),
    ).toHaveLength(1);
  });

  it('names roles: a directive for conveners does not reach a member', async () => {
    const sent = await read(await issue(state, { unitId: tree.units.up, titleEn: 'Conveners only', audience: { levels: ['booth'], roles: ['convener'] } }));
    const id = sent.body.id as number;
    expect((await t.call('GET', `/api/directives/${id}`, { cookie: member })).status).toBe(404);
    expect((await t.call('POST', `/api/directives/${id}/units/${tree.units.booth1}/ack`, { cookie: member, body: {} })).status).toBe(404);
    expect((await read(await t.call('GET', `/api/directives/${id}`, { cookie: boothConvener }))).body.mine).toHaveLength(1);
  });

  it('follows a national directive from a district: coverage starts at the district and stops there', async () => {
    const sent = await read(await issue(state, { unitId: tree.units.up, titleEn: 'State-wide', audience: { levels: ['booth'] } }));
    const id = sent.body.id as number;
    const res = await read(await t.call('GET', `/api/directives/${id}/coverage`, { cookie: meerut }));
    expect(res.body.unit.id).toBe(tree.units.meerut);
    expect(res.body.totals.targets).toBe(1);
    expect((await t.call('GET', `/api/directives/${id}/coverage?unitId=${tree.units.up}`, { cookie: meerut })).status).toBe(404);
    expect((await t.call('GET', `/api/directives/${id}/coverage?unitId=${tree.units.sambhal}`, { cookie: meerut })).status).toBe(404);
    expect((await read(await t.call('GET', '/api/directives?view=sent', { cookie: meerut }))).body.items.some((i: Json) => i.id === id)).toBe(true);
  });

  /** Opens a directive's coverage stream on an app and reads its coverage events one by one. */
  async function coverageStream(app: TestSetu['app'], id: number, cookie: string) {
    const controller = new AbortController();
    const res = await app.request(`/api/directives/${id}/coverage/stream`, { headers: { cookie }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let buffer = '';
    const readEvent = async (): Promise<Json> => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (block.includes('event: coverage') && data) return JSON.parse(data.slice(6)) as Json;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += new TextDecoder().decode(value);
      }
    };
    return {
      /** The next coverage event; none within 3 s fails. */
      next: () =>
        Promise.race([readEvent(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no coverage event within 3 s')), 3000).unref())]),
      async close() {
        controller.abort();
        await reader.cancel().catch(() => {});
      },
    };
  }

  it('streams coverage: an acknowledgement reaches an open stream within two seconds', async () => {
    const sent = await read(await issue(sambhal, { unitId: tree.units.sambhal, titleEn: 'Live', audience: { levels: ['booth'] } }));
    const stream = await coverageStream(t.app, sent.body.id, sambhal);
    expect((await stream.next()).totals.acked).toBe(0);
    const t0 = Date.now();
    await t.call('POST', `/api/directives/${sent.body.id}/units/${tree.units.booth1}/ack`, { cookie: member, body: {} });
    expect((await stream.next()).totals.acked).toBe(1);
    expect(Date.now() - t0).toBeLessThan(2000);
    await stream.close();
  });

  it.skipIf(engine !== 'postgres')('streams coverage from another process: the rollup here reaches a stream open on a process that runs none', async () => {
    const other = await t.twin();
    const sent = await read(await issue(sambhal, { unitId: tree.units.sambhal, titleEn: 'Live elsewhere', audience: { levels: ['booth'] } }));
    const stream = await coverageStream(other.app, sent.body.id, sambhal);
    expect((await stream.next()).totals.acked).toBe(0);
    const t0 = Date.now();
    // Acknowledged on the twin too: only this process folds it into the counters, and the news must cross over.
    const ack = await other.app.request(`/api/directives/${sent.body.id}/units/${tree.units.booth1}/ack`, {
      method: 'POST',
      headers: { cookie: member, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(ack.status).toBe(200);
    expect((await stream.next()).totals.acked).toBe(1);
    expect(Date.now() - t0).toBeLessThan(2000);
    await stream.close();
  });

  it('carries files: attached by the issuer, opened by receivers and followers, not by others', async () => {
    const up = await read(await t.call('POST', '/api/files?name=poster.png', { cookie: sambhal, body: await png(), headers: { 'content-type': 'image/png' } }));
    expect(up.status).toBe(201);
    const exe = await t.call('POST', '/api/files?name=x.exe', { cookie: sambhal, body: 'MZ', headers: { 'content-type': 'application/x-msdownload' } });
    expect([exe.status, (await exe.json()).code]).toEqual([415, 'file_type_refused']);
    // Someone else's upload cannot be attached.
    const stolen = await issue(state, { unitId: tree.units.up, titleEn: 'x', fileIds: [up.body.id], audience: { levels: ['booth'] } });
    expect(stolen.status).toBe(404);
    const sent = await read(
      await issue(sambhal, { unitId: tree.units.sambhal, titleEn: 'With a poster', fileIds: [up.body.id], audience: { levels: ['booth'] } }),
    );
    expect(sent.body.files).toEqual([{ id: up.body.id, name: 'poster.png', mime: 'image/png', size: up.body.size }]);
    const got = await t.call('GET', `/api/files/${up.body.id}`, { cookie: member });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect((await t.call('GET', `/api/files/${up.body.id}`, { cookie: state })).status).toBe(200);
    expect((await t.call('GET', `/api/files/${up.body.id}`, { cookie: meerut })).status).toBe(404);
  });
});
