import qrcode from 'qrcode-generator';

/** Modules of white border around the code: the quiet zone a QR code needs to be found by a camera. */
const QUIET = 4;

/**
 * A QR code of `text` as a small SVG: one path of dark runs, a white background with the quiet zone, crisp edges
 * so it prints and scales cleanly. Error correction level M (15%) survives a crumpled poster at a booth.
 */
export function qrSvg(text: string, title: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  const size = n + 2 * QUIET;
  let d = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n;) {
      if (!qr.isDark(y, x)) {
        x++;
        continue;
      }
      let run = 1;
      while (x + run < n && qr.isDark(y, x + run)) run++;
      d += `M${x + QUIET} ${y + QUIET}h${run}v1h-${run}z`;
      x += run;
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size * 8}" height="${size * 8}" shape-rendering="crispEdges" role="img">` +
    `<title>${escapeXml(title)}</title><rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`
  );
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
