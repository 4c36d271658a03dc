/**
 * vCard 3.0 (RFC 2426), the version every phone's contacts app imports: one card per person with FN, N and a
 * mobile TEL. Text values are escaped (backslash, comma, semicolon, newline) and lines longer than 75 octets are
 * folded (CRLF and one space), never inside a UTF-8 character, as RFC 6350 §3.2 asks: Devanagari is 3 octets a letter.
 */

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** Escapes a text value (RFC 2426 §5, RFC 6350 §3.4). */
export function escapeText(value: string): string {
  return value.replace(/[\\,;]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line into lines of at most 75 octets; continuation lines start with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space of a continuation line counts
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

export interface Card {
  name: string;
  /** E.164. */
  phone: string;
}

/** One vCard 3.0 card. The whole name is the formatted name and, unsplit, the given name. */
export function card(c: Card): string {
  const name = escapeText(c.name);
  return ['BEGIN:VCARD', 'VERSION:3.0', `FN:${name}`, `N:;${name};;;`, `TEL;TYPE=CELL:${c.phone}`, 'END:VCARD'].map((l) => foldLine(l) + CRLF).join('');
}

/** A file of cards, one per person. */
export function vcards(cards: readonly Card[]): string {
  return cards.map(card).join('');
}
