import { readdir } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { read, sampleSignedIn, type SampleTree } from '../../testing/directives-kit.ts';
import { hostileUploads, jpegWithGps, pdf } from '../../testing/media.ts';
import { createTestSetu, type TestSetu } from '../../testing/setu.ts';

let t: TestSetu;
let tree: SampleTree;
let sambhal: string;
let member: string;

beforeAll(async () => {
  t = await createTestSetu();
  ({ tree, sambhal, member } = await sampleSignedIn(t));
});
afterAll(() => t?.stop());

const upload = (cookie: string, name: string, bytes: Uint8Array, type: string) =>
  t.call('POST', `/api/files?name=${encodeURIComponent(name)}`, { cookie, body: bytes, headers: { 'content-type': type } });
const storedFiles = async () => (await Promise.all((await readdir(t.filesDir)).map((d) => readdir(`${t.filesDir}/${d}`)))).flat();

describe('uploads are read for what they are', () => {
  it('refuses HTML, SVG, a PNG/HTML polyglot, zeros, a PDF with JavaScript and a 20,000 × 20,000 PNG, and stores nothing', async () => {
    for (const h of await hostileUploads()) {
      const res = await read(await upload(sambhal, `${h.name}.png`, h.bytes, h.declared));
      expect({ name: h.name, status: res.status, code: res.body.code }).toEqual({
        name: h.name,
        status: h.code === 'file_type_refused' ? 415 : 422,
        code: h.code,
      });
    }
    expect(await t.database.db.selectFrom('files').select('id').execute()).toEqual([]);
    expect(await storedFiles()).toEqual([]);
  });

  it('gives others a phone photo without its camera and GPS', async () => {
    const photo = await jpegWithGps();
    expect((await sharp(photo).metadata()).exif?.includes('Galaxy A14')).toBe(true);
    const up = await read(await upload(member, 'ghar.jpg', photo, 'image/jpeg'));
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ name: 'ghar.jpg', mime: 'image/jpeg' });
    const sent = await read(
      await t.call('POST', '/api/directives', {
        cookie: sambhal,
        body: { clientKey: 'uploads-report', ask: 'report', unitId: tree.units.sambhal, titleEn: 'Wall painting', audience: { levels: ['booth'] } },
      }),
    );
    expect(sent.status).toBe(201);
    const done = await t.call('POST', `/api/directives/${sent.body.id}/units/${tree.units.booth1}/done`, {
      cookie: member,
      body: { text: 'painted', photoFileId: up.body.id },
    });
    expect(done.status).toBe(200);
    // The district convener above opens the report's photo: the bytes carry no EXIF at all.
    const got = await t.call('GET', `/api/files/${up.body.id}`, { cookie: sambhal });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await got.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 64, 48, undefined]);
    expect(bytes.includes('Galaxy') || bytes.includes('Samsung')).toBe(false);
    // Nothing but the cleaned copy is kept.
    expect(await storedFiles()).toHaveLength(1);
  });

  it('serves a PDF only as a download, with the type read from its bytes, not the one declared', async () => {
    const up = await read(await upload(sambhal, 'plan', pdf(), 'image/png'));
    expect([up.status, up.body.mime, up.body.name]).toEqual([201, 'application/pdf', 'plan.pdf']);
    const got = await t.call('GET', `/api/files/${up.body.id}`, { cookie: sambhal });
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(got.headers.get('content-security-policy')).toContain('sandbox');
  });
});
