import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine } from '../../testing/database.ts';
import { addPerson } from '../../testing/factories.ts';
import { createTestSetu, type TestSetu } from '../../testing/setu.ts';
import { countersOf, issuer, read, type Json, sampleSignedIn, type SampleTree } from '../../testing/directives-kit.ts';
import { foldProgress } from './rollup.ts';
import { runEscalations } from './escalation.ts';

// Election silence periods (what a send skips, and what escalation leaves alone) and reminders with escalation, on
// the sample tree; the rest of directives is in directives.test.ts.
let t: TestSetu;
let tree: SampleTree;
let state: string, sambhal: string, member: string, boothConvener: string;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestSetu();
  ({ tree, state, sambhal, member, boothConvener } = await sampleSignedIn(t));
});
afterAll(() => t.stop());

const issue = issuer(() => t);
const counters = countersOf(() => t);

describe(`silence periods and escalation on ${engine}`, () => {
  it('skips units under a silence period, says so before sending, and resumes when it is cancelled', async () => {
    const now = Date.now();
    const declared = await read(
      await t.call('POST', `/api/units/${tree.units.chandausi}/silence-periods`, {
        cookie: state,
        body: { startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 48 * 3_600_000).toISOString(), reason: 'मतदान से 48 घंटे पहले' },
      }),
    );
    expect(declared.status).toBe(201);
    expect(declared.body.active).toBe(true);
    // A booth member may not declare one.
    expect(
      (
        await t.call('POST', `/api/units/${tree.units.booth1}/silence-periods`, {
          cookie: member,
          body: { startsAt: new Date(now).toISOString(), endsAt: new Date(now + 1000).toISOString(), reason: 'x' },
        })
      ).status,
    ).toBe(403);
    const preview = await read(
      await t.call('POST', '/api/directives/preview', { cookie: state, body: { unitId: tree.units.up, audience: { levels: ['booth'] } } }),
    );
    expect(preview.body).toMatchObject({ units: 1, silencedUnits: 2, silences: [expect.objectContaining({ id: declared.body.id })] });
    const sent = await read(await issue(state, { unitId: tree.units.up, titleEn: 'During the silence', audience: { levels: ['booth'] } }));
    expect(sent.body).toMatchObject({ targets: 1, silenced: 2 });
    expect((await t.call('GET', `/api/directives/${sent.body.id}`, { cookie: member })).status).toBe(404);
    const c = await counters(sent.body.id);
    expect(c[tree.units.up]?.targets).toBe(1);
    expect(c[tree.units.sambhal]).toBeUndefined();

    const listed = await read(await t.call('GET', `/api/units/${tree.units.booth1}/silence-periods`, { cookie: boothConvener }));
    expect(listed.body.items.map((s: Json) => s.id)).toContain(declared.body.id);
    expect((await t.call('POST', `/api/silence-periods/${declared.body.id}/cancel`, { cookie: state })).status).toBe(200);
    const after = await read(await issue(state, { unitId: tree.units.up, titleEn: 'After the silence', audience: { levels: ['booth'] } }));
    expect(after.body.targets).toBe(3);
  });

  it('reminds units that have not acknowledged, then tells the parents which children are overdue, once', async () => {
    const sent = await read(
      await issue(sambhal, {
        unitId: tree.units.sambhal,
        titleEn: 'Escalate me',
        dueAt: new Date(Date.now() + 3_600_000).toISOString(),
        audience: { levels: ['booth'] },
      }),
    );
    const id = sent.body.id as number;
    expect(sent.body.remindAt).not.toBeNull();
    await t.call('POST', `/api/directives/${id}/units/${tree.units.booth1}/ack`, { cookie: member, body: {} });
    await db()
      .updateTable('directives')
      .set({ remind_at: sql`now() - interval '1 minute'`, escalate_at: sql`now() - interval '1 minute'`, due_at: sql`now() - interval '1 minute'` })
      .where('id', '=', id)
      .execute();
    const first = await runEscalations({ db: db() } as never);
    expect(first.reminded).toContain(id);
    expect(first.escalated).toContain(id);
    const again = await runEscalations({ db: db() } as never);
    expect(again.reminded).not.toContain(id);
    expect(again.escalated).not.toContain(id);
    const escalations = await db().selectFrom('directive_escalations').selectAll().where('directive_id', '=', id).execute();
    expect(escalations.map((e) => [e.unit_id, e.overdue])).toEqual([[tree.units.sk, 1]]);
    const topics = await db()
      .selectFrom('outbox')
      .select('topic')
      .where('dedupe_key', 'in', [`directive.reminder:${id}`, `directive.overdue:${id}`])
      .execute();
    expect(topics.map((o) => o.topic).sort()).toEqual(['directive.overdue', 'directive.reminder']);

    // A holder at the shakti kendra sees the escalation in the inbox; the coverage counts booth 2 overdue.
    const kendra = await addPerson(db(), { name: 'Kendra Pramukh', phone: '+919000000077', unitId: tree.units.sk, role: 'convener' });
    const kendraCookie = await t.login('+919000000077');
    const inbox = await read(await t.call('GET', '/api/directives', { cookie: kendraCookie }));
    expect(inbox.body.items.find((i: Json) => i.id === id)).toMatchObject({ escalated: 1 });
    expect(kendra).toBeGreaterThan(0);
    await foldProgress(db());
    const coverage = await read(await t.call('GET', `/api/directives/${id}/coverage?unitId=${tree.units.sk}`, { cookie: sambhal }));
    expect(coverage.body.totals).toMatchObject({ targets: 2, acked: 1, overdue: 1 });
  });

  it('tells no parent inside a running silence period that its children are overdue', async () => {
    const sent = await read(
      await issue(state, {
        unitId: tree.units.up,
        titleEn: 'Before the silence',
        dueAt: new Date(Date.now() + 3_600_000).toISOString(),
        audience: { levels: ['booth'] },
      }),
    );
    const id = sent.body.id as number;
    const now = Date.now();
    const silence = await read(
      await t.call('POST', `/api/units/${tree.units.meerutCity}/silence-periods`, {
        cookie: state,
        body: { startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 48 * 3_600_000).toISOString(), reason: 'मतदान से 48 घंटे पहले' },
      }),
    );
    expect(silence.status).toBe(201);
    await db()
      .updateTable('directives')
      .set({ escalate_at: sql`now() - interval '1 minute'`, due_at: sql`now() - interval '1 minute'` })
      .where('id', '=', id)
      .execute();
    expect((await runEscalations({ db: db() } as never)).escalated).toContain(id);
    const escalations = await db().selectFrom('directive_escalations').select('unit_id').where('directive_id', '=', id).execute();
    // Sambhal's kendra is told about its two booths; Meerut's kendra, inside the silence, is not.
    expect(escalations.map((e) => e.unit_id)).toEqual([tree.units.sk]);
    expect((await t.call('POST', `/api/silence-periods/${silence.body.id}/cancel`, { cookie: state })).status).toBe(200);
  });
});
