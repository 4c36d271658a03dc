import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CsvParser, readCsv, type CsvRecord } from './index.ts';

/** Feeds the text in pieces of every size from 1 up, so that chunk boundaries fall everywhere. */
function parseInPieces(text: string, size: number): CsvRecord[] {
  const p = new CsvParser();
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...p.push(text.slice(i, i + size)));
  return [...out, ...p.end()];
}

describe('CSV reader', () => {
  const text = 'a,b,c\r\n"x, y","say ""hi""",\r\n"two\nlines",हिंदी,"",\n\nlast,"q"\rlone,cr';
  const expected: CsvRecord[] = [
    { line: 1, fields: ['a', 'b', 'c'] },
    { line: 2, fields: ['x, y', 'say "hi"', ''] },
    { line: 3, fields: ['two\nlines', 'हिंदी', '', ''] },
    { line: 5, fields: [''] },
    { line: 6, fields: ['last', 'q'] },
    { line: 7, fields: ['lone', 'cr'] },
  ];

  it('reads quoted commas, doubled quotes, quoted newlines and every line ending, wherever chunks split', () => {
    for (let size = 1; size <= text.length; size++) expect(parseInPieces(text, size), `size ${size}`).toEqual(expected);
  });

  it('marks an unclosed quote and text after a closing quote', () => {
    expect(parseInPieces('a,"b\nc', 100)).toEqual([{ line: 1, fields: ['a', 'b\nc'], error: 'a quote opened on line 1 is never closed' }]);
    expect(parseInPieces('"a"b,c\n', 100)).toEqual([{ line: 1, fields: ['ab', 'c'], error: 'text after a closing quote' }]);
  });

  it('drops a BOM, decodes UTF-8 split across chunks, and refuses UTF-16', async () => {
    const bytes = Buffer.from('\uFEFFcode,name\nमेरठ,x\n', 'utf8');
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    const records: CsvRecord[] = [];
    for await (const batch of readCsv(Readable.from(chunks))) records.push(...batch);
    expect(records).toEqual([
      { line: 1, fields: ['code', 'name'] },
      { line: 2, fields: ['मेरठ', 'x'] },
    ]);
    const utf16 = Readable.from([Buffer.from('\uFEFFcode', 'utf16le')]);
    await expect(async () => {
      for await (const _ of readCsv(utf16));
    }).rejects.toThrow(/UTF-16/);
  });
});
