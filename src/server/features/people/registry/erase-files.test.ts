import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { read, sampleSignedIn, type SampleTree } from '../../../testing/directives-kit.ts';
import { jpegWithGps, pdf, png } from '../../../testing/media.ts';
import { findPlainText } from '../../../testing/pii-scan.ts';
import { createTestSetu, type TestSetu } from '../../../testing/setu.ts';

let t: TestSetu;
let tree: SampleTree;
let sambhal: string;
let member: string;
let ramesh: string; // booth 1's convener, who asks to be erased

beforeAll(async () => {
  t = await createTestSetu();
  ({ tree, sambhal, member, boothConvener: ramesh } = await sampleSignedIn(t));
});
afterAll(() => t?.stop());

const TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' };
const upload = async (cookie: string, name: string, bytes: Uint8Array) => {
  const type = TYPES[name.split('.').pop()!]!;
  const res = await read(await t.call('POST', `/api/files?name=${name}`, { cookie, body: bytes, headers: { 'content-type': type } }));
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.id as number;
};
const stored = async () =>
  new Set((await Promise.all((await readdir(t.filesDir)).map(async (d) => (await readdir(`${t.filesDir}/${d}`)).map((f) => d + f)))).flat());
const hexOf = async (id: number) =>
  Buffer.from((await t.database.db.selectFrom('files').select('sha256').where('id', '=', id).executeTakeFirstOrThrow()).sha256).toString('hex');

describe('erasing a person erases what they uploaded and wrote', () => {
  it('removes their files’ bytes and names, blanks their report text and their name on events; counts stay, shared bytes stay', async () => {
    const db = t.database.db;
    const photo = await jpegWithGps();
    const reportPhoto = await upload(ramesh, 'ramesh-ghar.jpg', photo);
    const eventPhoto = await upload(ramesh, 'baithak-ramesh.png', await png(12, 12));
    const poster = await upload(ramesh, 'poster-ramesh.pdf', pdf());
    // Sunita sent the same photo: after cleaning, the same bytes, stored once.
    const sunitas = await upload(member, 'same-photo.jpg', photo);
    expect(await hexOf(sunitas)).toBe(await hexOf(reportPhoto));
    const gone = [await hexOf(eventPhoto), await hexOf(poster)];

    const sent = await read(
      await t.call('POST', '/api/directives', {
        cookie: sambhal,
        body: { clientKey: 'erase-files-1', ask: 'report', unitId: tree.units.sambhal, titleEn: 'Booth meeting', audience: { levels: ['booth'] } },
      }),
    );
    const done = await t.call('POST', `/api/directives/${sent.body.id}/units/${tree.units.booth1}/done`, {
      cookie: ramesh,
      body: { text: 'Ramesh Pal ke ghar par baithak hui', link: 'https://facebook.com/ramesh.pal.bahjoi', photoFileId: reportPhoto },
    });
    expect(done.status).toBe(200);
    await db.insertInto('directive_files').values({ directive_id: sent.body.id, file_id: poster }).execute();
    await db.insertInto('event_kinds').values({ code: 'erase_test', name_en: 'Meeting', name_hi: 'बैठक' }).execute();
    const event = await db
      .insertInto('events')
      .values({
        unit_id: tree.units.booth1,
        kind: 'erase_test',
        title_en: 'Booth meeting',
        starts_at: '2026-11-01T10:00:00Z',
        ends_at: '2026-11-01T11:00:00Z',
        levels: ['booth'],
        created_by: tree.people.sambhalConvener.id,
        chair: 'Ramesh Pal',
        chief_guest: 'Anil Sharma',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('event_sessions').values({ event_id: event.id, position: 1, title: 'Welcome', speaker: ' ramesh pal' }).execute();
    await db.insertInto('event_photos').values({ event_id: event.id, file_id: eventPhoto, added_by: tree.people.boothConvener.id }).execute();
    expect(await findPlainText(db, ['ramesh-ghar', 'baithak-ramesh', 'poster-ramesh', 'ghar par baithak', 'ramesh.pal.bahjoi'])).toHaveLength(5);

    const erased = await t.call('POST', `/api/people/${tree.people.boothConvener.id}/erase`, { cookie: sambhal, body: { reason: 'asked' } });
    expect(erased.status).toBe(200);

    // No file row, no name, no bytes of theirs; Sunita's copy of the same photo is whole.
    expect(await db.selectFrom('files').select('id').where('uploaded_by', '=', tree.people.boothConvener.id).execute()).toEqual([]);
    const left = await stored();
    for (const hex of gone) expect(left.has(hex)).toBe(false);
    expect(left.has(await hexOf(sunitas))).toBe(true);
    expect((await t.call('GET', `/api/files/${sunitas}`, { cookie: member })).status).toBe(200);
    for (const id of [reportPhoto, eventPhoto, poster]) expect((await t.call('GET', `/api/files/${id}`, { cookie: sambhal })).status).toBe(404);
    expect(await findPlainText(db, ['ramesh-ghar', 'baithak-ramesh', 'poster-ramesh', 'ghar par baithak', 'ramesh.pal.bahjoi', 'Ramesh Pal'])).toEqual([]);

    // The report stays (booth 1 is still done), without its words and photo; the event keeps its other guest.
    const report = await db.selectFrom('directive_reports').selectAll().where('directive_id', '=', sent.body.id).executeTakeFirstOrThrow();
    expect(report).toMatchObject({ text: null, link: null, photo_file_id: null, reported_by: tree.people.boothConvener.id });
    const unit = await db
      .selectFrom('directive_units')
      .select('done')
      .where('directive_id', '=', sent.body.id)
      .where('unit_id', '=', tree.units.booth1)
      .executeTakeFirstOrThrow();
    expect(unit.done).toBe(1);
    expect(await db.selectFrom('events').select(['chair', 'chief_guest']).where('id', '=', event.id).executeTakeFirstOrThrow()).toEqual({
      chair: null,
      chief_guest: 'Anil Sharma',
    });
    expect(await db.selectFrom('event_photos').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('directive_files').selectAll().execute()).toEqual([]);

    const audit = await db.selectFrom('audit_log').select('details').where('action', '=', 'person.erase').executeTakeFirstOrThrow();
    const details = typeof audit.details === 'string' ? (JSON.parse(audit.details) as Record<string, unknown>) : audit.details;
    expect(details).toMatchObject({ filesErased: 3, reportsBlanked: 1, eventNamesBlanked: 2 });
  });
});
