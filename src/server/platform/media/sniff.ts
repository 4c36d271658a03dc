/**
 * What an upload is, read from its bytes and never from its name or declared type: the kinds Setu keeps (a photo or a
 * PDF), markup a browser would run, and a PDF's shape and active content. Pure checks, no decoding (decode.ts does that).
 */

/** The kinds of file Setu keeps, as the Content-Type it serves them with. */
export type MediaType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

/** The file name ending each kind is saved under, so a download never opens as something else. */
export const EXTENSION: Record<MediaType, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp', 'application/pdf': '.pdf' };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** An IEND chunk: length 0, type, CRC. A PNG ends with it; anything after it is a second file riding along. */
const PNG_END = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

const at = (bytes: Uint8Array, offset: number, signature: readonly number[]) => signature.every((b, i) => bytes[offset + i] === b);
const ascii = (bytes: Uint8Array, offset: number, length: number) => Buffer.from(bytes.subarray(offset, offset + length)).toString('latin1');

/** The kind the bytes start as (magic numbers), or null for anything else: HTML, SVG, text, zeros, executables. */
export function sniffType(bytes: Uint8Array): MediaType | null {
  if (at(bytes, 0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (at(bytes, 0, PNG_SIGNATURE)) return 'image/png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

// Long tags only: three-letter ones (`<a `) turn up by chance in compressed data every few megabytes.
const MARKUP = /<(?:!doctype|html|head|body|script|svg|iframe|object|embed|meta|style|form|xml-stylesheet)[\s/>]|javascript:/i;
const EDGE = 1024;

/**
 * Whether the first or last kilobyte holds web-page markup: where browsers sniff for HTML, and where polyglots (a
 * photo that is also a page) put their page. Only the edges: a whole 10 MB scan finds tags by chance in compressed data.
 */
export function hasMarkup(bytes: Uint8Array): boolean {
  const head = ascii(bytes, 0, EDGE);
  const tail = ascii(bytes, Math.max(EDGE, bytes.length - EDGE), EDGE);
  return MARKUP.test(head) || MARKUP.test(tail);
}

/** Whether the container ends where its own structure says it does: nothing carried after a PNG's IEND or a WebP's RIFF. */
export function endsCleanly(bytes: Uint8Array, type: MediaType): boolean {
  if (type === 'image/png') return bytes.length >= 20 && at(bytes, bytes.length - PNG_END.length, PNG_END);
  if (type === 'image/webp') {
    const declared = Buffer.from(bytes).readUInt32LE(4) + 8;
    return declared === bytes.length || (declared % 2 === 1 && declared + 1 === bytes.length);
  }
  // JPEG: phones append their own trailers after the end marker; re-encoding drops them. PDF: see pdfProblem.
  return true;
}

/** PDF names that run code, open other programs or carry other files. */
const ACTIVE = new Set(['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'XFA']);

/**
 * Why a PDF is refused, or null: it must end with `startxref` and `%%EOF` (not a header glued to zeros or to a page),
 * and no dictionary outside a stream may name JavaScript, a launch action, an embedded file, rich media or an XFA form
 * (`#xx` escapes in names are read too). Limit, by choice: dictionaries packed inside compressed object streams
 * (PDF 1.5) are not inflated, so active content there is not seen; PDFs are therefore only ever served as downloads
 * (`attachment`, `nosniff`), never shown in the page.
 */
export function pdfProblem(bytes: Uint8Array): string | null {
  const tail = ascii(bytes, Math.max(0, bytes.length - EDGE), EDGE);
  if (!/startxref\s+\d+\s+%%EOF\s*$/.test(tail)) return 'a PDF must end with its cross-reference offset and %%EOF';
  const outsideStreams = Buffer.from(bytes)
    .toString('latin1')
    .replace(/stream\r?\n[\s\S]*?endstream/g, ' ');
  for (const [, name] of outsideStreams.matchAll(/\/([^\s/<>[\]()%{}]+)/g)) {
    const plain = name!.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (ACTIVE.has(plain)) return `PDFs with /${plain} are not accepted`;
  }
  return null;
}
