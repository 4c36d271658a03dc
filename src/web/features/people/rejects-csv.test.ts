import { describe, expect, it } from 'vitest';
import { csvCell, rejectsCsv } from './rejects-csv.ts';

const header = { line: 'line', code: 'code', reason: 'reason' };

describe('rejects CSV', () => {
  it('quotes cells with commas, quotes or line breaks (RFC 4180) and leaves plain ones alone', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(12)).toBe('12');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('turns would-be formulas into plain text, so a spreadsheet never runs a reason quoting a bad row', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+91 98')).toBe("'+91 98");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    // Numbers are numbers, not text that looks like a formula.
    expect(csvCell(-1)).toBe('-1');
  });

  it('writes a BOM, the header in the reader’s language, one CRLF line per reject', () => {
    const csv = rejectsCsv(
      [
        { line: 3, code: 'bad_phone', reason: 'phone is not a valid number' },
        { line: 7, code: 'missing_name', reason: 'name is empty' },
      ],
      { line: 'पंक्ति', code: 'कोड', reason: 'कारण' },
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual(['पंक्ति,कोड,कारण', '3,bad_phone,phone is not a valid number', '7,missing_name,name is empty', '']);
  });

  it('uses the reason in the reader’s language when the code is known, the server’s otherwise', () => {
    const explain = (code: string) => (code === 'bad_phone' ? 'सही मोबाइल नंबर नहीं है।' : undefined);
    const csv = rejectsCsv(
      [
        { line: 3, code: 'bad_phone', reason: 'phone is not a valid number' },
        { line: 4, code: 'new_code', reason: 'something new, with a comma' },
      ],
      header,
      explain,
    );
    expect(csv.slice(1).split('\r\n').slice(1, 3)).toEqual(['3,bad_phone,सही मोबाइल नंबर नहीं है।', '4,new_code,"something new, with a comma"']);
  });

  it('is only the header for no rejects', () => {
    expect(rejectsCsv([], header)).toBe('\uFEFFline,code,reason\r\n');
  });
});
