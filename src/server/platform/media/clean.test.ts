import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { hostileUploads, jpegWithGps, pdf, png, solidPng } from '../../testing/media.ts';
import { cleanUpload, MAX_SIDE, nameFor } from './clean.ts';

describe('cleaning an upload', () => {
  it('refuses each hostile file with a stable code, whatever it was declared as', async () => {
    for (const h of await hostileUploads()) {
      const error = await cleanUpload(h.bytes).then(
        () => null,
        (e: unknown) => e as { code: string },
      );
      expect({ name: h.name, code: error?.code }).toEqual({ name: h.name, code: h.code });
    }
  });

  it('re-encodes a phone photo without its EXIF: no camera, no GPS', async () => {
    const photo = await jpegWithGps();
    const before = await sharp(photo).metadata();
    expect(before.exif?.includes('Galaxy A14')).toBe(true);
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true); // the GPS IFD pointer (tag 0x8825)
    const clean = await cleanUpload(photo);
    expect(clean.mime).toBe('image/jpeg');
    const after = await sharp(clean.bytes).metadata();
    expect(after.format).toBe('jpeg');
    expect([after.width, after.height]).toEqual([64, 48]);
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(Buffer.from(clean.bytes).includes('Galaxy')).toBe(false);
  });

  it('shrinks a large photo to the long side limit, and keeps a well-formed PDF as it came', async () => {
    const wide = await cleanUpload(await png(4000, 1000));
    expect([(await sharp(wide.bytes).metadata()).width, (await sharp(wide.bytes).metadata()).height]).toEqual([MAX_SIDE, 640]);
    const doc = pdf();
    expect(await cleanUpload(doc)).toEqual({ bytes: doc, mime: 'application/pdf' });
    // 40 megapixels exactly is still a photo.
    expect((await cleanUpload(solidPng(8000, 5000))).mime).toBe('image/png');
  });

  it('decodes a burst of uploads in turn, each one answered, a refused one freeing its turn', async () => {
    const burst = [png(10, 10), png(20, 20), Promise.resolve(solidPng(9000, 9000)), png(30, 30), png(40, 40)];
    const answers = await Promise.allSettled((await Promise.all(burst)).map((b) => cleanUpload(b)));
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  });

  it('names the file after what it is', () => {
    expect(nameFor('poster.png', 'image/png')).toBe('poster.png');
    expect(nameFor('IMG_1.JPEG', 'image/jpeg')).toBe('IMG_1.JPEG');
    expect(nameFor('page.html', 'image/png')).toBe('page.html.png');
    expect(nameFor('x'.repeat(200), 'application/pdf')).toHaveLength(200);
  });
});
