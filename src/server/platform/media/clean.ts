import sharp from 'sharp';
import { AppError } from '../http/errors.ts';
import { EXTENSION, endsCleanly, hasMarkup, pdfProblem, sniffType, type MediaType } from './sniff.ts';

// One upload at a time decodes on a shared two-core machine; libvips' operation cache would only keep pixels alive.
sharp.cache(false);

/** Photos larger than this (40 megapixels, a big phone camera's) are refused before a pixel is decoded. */
export const MAX_INPUT_PIXELS = 40_000_000;
/** What others download is at most this long on its long side: enough for a screen, a poster preview, a report. */
export const MAX_SIDE = 2560;
const SECONDS = 30;

/** An upload as Setu keeps it: the bytes others will download and the type they were read as. */
export interface CleanFile {
  bytes: Uint8Array;
  mime: MediaType;
}

const FORMAT = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' } as const;

const refused = (why: string) =>
  new AppError('file_type_refused', `only JPEG, PNG or WebP photos and PDFs are accepted: ${why}`, [{ path: 'body', message: why }]);

/**
 * Reads an upload for what it is and returns what may be kept. The declared type and name play no part. A photo
 * must decode fully as the kind its first bytes claim; it is turned upright (EXIF orientation), shrunk to
 * MAX_SIDE and re-encoded, which drops all its metadata (GPS, camera, time, comments) and anything riding inside or
 * after it. A PDF is kept as it came once pdfProblem passes it. HTML, SVG, polyglots, zeros and anything
 * undecodable answer `file_type_refused`; too many pixels `file_too_large_pixels`.
 */
export async function cleanUpload(bytes: Uint8Array): Promise<CleanFile> {
  const mime = sniffType(bytes);
  if (!mime) throw refused('the content is none of these');
  if (hasMarkup(bytes)) throw refused('the file carries web-page markup');
  if (!endsCleanly(bytes, mime)) throw refused('something is attached after the end of the image');
  if (mime === 'application/pdf') {
    const problem = pdfProblem(bytes);
    if (problem) throw refused(problem);
    return { bytes, mime };
  }
  return { bytes: await inTurn(() => reencode(bytes, FORMAT[mime])), mime };
}

// Two photos decode at once (a 40 MP one holds a few hundred MB while it is shrunk); the others wait their turn, so a
// burst of uploads queues instead of exhausting memory.
const AT_ONCE = 2;
let decoding = 0;
const waiting: (() => void)[] = [];
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (decoding < AT_ONCE) decoding++;
  else await new Promise<void>((go) => waiting.push(go)); // the finishing one hands its slot over
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else decoding--;
  }
}

async function reencode(bytes: Uint8Array, format: (typeof FORMAT)[keyof typeof FORMAT]): Promise<Uint8Array> {
  // The header alone first: a 20,000 × 20,000 PNG of one colour is a few hundred kilobytes and 1.6 GB decoded.
  const meta = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!meta || meta.format !== format || !meta.width || !meta.height) throw refused(`it does not read as ${format.toUpperCase()}`);
  if (meta.width * meta.height > MAX_INPUT_PIXELS)
    throw new AppError('file_too_large_pixels', `photos are at most ${MAX_INPUT_PIXELS / 1e6} megapixels; this one is ${meta.width} × ${meta.height}`);
  // failOn 'error': a truncated or corrupt image is refused; libjpeg's warnings (common in phone photos) are not.
  const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', sequentialRead: true })
    .timeout({ seconds: SECONDS })
    .rotate()
    .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
  const encoded = format === 'jpeg' ? image.jpeg({ quality: 82, mozjpeg: true }) : format === 'png' ? image.png() : image.webp({ quality: 80 });
  try {
    return new Uint8Array(await encoded.toBuffer());
  } catch {
    throw refused(`it does not decode as ${format.toUpperCase()}`);
  }
}

/** A file name that ends as its content reads (`photo.html` holding a PNG is saved as `photo.html.png`). */
export function nameFor(name: string, mime: MediaType): string {
  const ending = EXTENSION[mime];
  const fits = name.toLowerCase().endsWith(ending) || (mime === 'image/jpeg' && name.toLowerCase().endsWith('.jpeg'));
  return fits ? name : `${name.slice(0, 200 - ending.length)}${ending}`;
}
