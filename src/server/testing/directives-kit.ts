import { buildSampleTree } from './factories.ts';
import type { TestSetu } from './setu.ts';

// What the directives tests share: reading answers, issuing with a fresh client key, and the counters per unit.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are JSON, read loosely by the tests
export type Json = Record<string, any>;

export const read = async (res: Response) => ({ status: res.status, body: (await res.json()) as Json });

let keys = 0;
/** A client key no other send in the run has used. */
export const clientKey = () => `test-key-${++keys}-${Date.now()}`;

/** Issues a directive (ask: ack unless the body says otherwise) as the cookie's holder, each time with a new client key. */
export const issuer = (setu: () => TestSetu) => (cookie: string, body: Json) =>
  setu().call('POST', '/api/directives', { cookie, body: { clientKey: clientKey(), ask: 'ack', ...body } });

/** A directive's rows by unit: whether a target, and its counters. */
export const countersOf = (setu: () => TestSetu) => async (directiveId: number) => {
  const rows = await setu().database.db.selectFrom('directive_units').selectAll().where('directive_id', '=', directiveId).orderBy('unit_id').execute();
  return Object.fromEntries(rows.map((r) => [r.unit_id, { target: r.target, targets: r.targets, acked: r.acked, done: r.done }]));
};

export type SampleTree = Awaited<ReturnType<typeof buildSampleTree>>;

/**
 * The sample tree on a test Setu, and the session cookies of the people the directives tests act as: UP's convener
 * (state), the district conveners of Sambhal and Meerut, and booth 1's member and convener.
 */
export async function sampleSignedIn(t: TestSetu) {
  const tree = await buildSampleTree(t.database.db);
  const [state, sambhal, meerut, member, boothConvener] = await Promise.all(
    [tree.people.stateConvener, tree.people.sambhalConvener, tree.people.meerutConvener, tree.people.boothMember, tree.people.boothConvener].map((p) =>
      t.login(p.phone),
    ),
  );
  return { tree, state: state!, sambhal: sambhal!, meerut: meerut!, member: member!, boothConvener: boothConvener! };
}
