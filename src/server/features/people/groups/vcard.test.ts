import { describe, expect, it } from 'vitest';
import { card, escapeText, foldLine, vcards } from './vcard.ts';

const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

describe('vCard 3.0', () => {
  it('escapes backslash, comma, semicolon and newlines in text values', () => {
    expect(escapeText('a\\b,c;d\ne\r\nf')).toBe('a\\\\b\\,c\\;d\\ne\\nf');
  });

  it('folds lines longer than 75 octets, never inside a UTF-8 character, and unfolds back to the same line', () => {
    const name = 'रामप्रसाद विश्वकर्मा श्रीवास्तव '.repeat(4).trim();
    const line = `FN:${name}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const [i, part] of parts.entries()) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
      // Each piece is whole UTF-8 on its own: no character was cut in two.
      expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
      expect(part).not.toContain('\uFFFD');
    }
    expect(unfold(folded)).toBe(line);
    expect(foldLine('FN:Short')).toBe('FN:Short');
    const ascii = `FN:${'x'.repeat(72)}`;
    expect(foldLine(ascii)).toBe(ascii); // exactly 75 octets stays one line
    expect(foldLine(`${ascii}y`)).toBe(`${ascii}\r\n y`);
  });

  it('makes one card per person with FN, N and a mobile TEL, lines ended by CRLF', () => {
    expect(card({ name: 'Sunita Devi', phone: '+919000000004' })).toBe(
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sunita Devi\r\nN:;Sunita Devi;;;\r\nTEL;TYPE=CELL:+919000000004\r\nEND:VCARD\r\n',
    );
    const two = vcards([
      { name: 'A', phone: '+911' },
      { name: 'B', phone: '+912' },
    ]);
    expect(two.match(/BEGIN:VCARD/g)).toHaveLength(2);
    expect(vcards([])).toBe('');
  });
});
