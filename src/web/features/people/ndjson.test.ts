import { describe, expect, it } from 'vitest';
import { NdjsonReader } from './ndjson.ts';

describe('NdjsonReader', () => {
  it('returns each line once it is complete, whatever the pieces', () => {
    const r = new NdjsonReader();
    expect(r.push('{"type":"progress","ro')).toEqual([]);
    expect(r.push('ws":10}\n{"type":"progress","rows":20}\n{"type":"do')).toEqual([
      { type: 'progress', rows: 10 },
      { type: 'progress', rows: 20 },
    ]);
    expect(r.push('ne","rows":25}')).toEqual([]);
    // The answer ended without a newline after the last line.
    expect(r.end()).toEqual([{ type: 'done', rows: 25 }]);
    expect(r.end()).toEqual([]);
  });

  it('reads the whole text so far (responseText) without repeating lines it has read', () => {
    const r = new NdjsonReader();
    let text = '{"n":1}\n{"n"';
    expect(r.pushTotal(text)).toEqual([{ n: 1 }]);
    text += ':2}\n';
    expect(r.pushTotal(text)).toEqual([{ n: 2 }]);
    expect(r.pushTotal(text)).toEqual([]);
    text += '{"n":3}\r\n\n';
    expect(r.pushTotal(text)).toEqual([{ n: 3 }]);
  });

  it('keeps Hindi text whole across pieces and skips lines that are not JSON, counting them', () => {
    const r = new NdjsonReader();
    const line = JSON.stringify({ reason: 'नाम खाली है' });
    expect(r.push(`not json\n${line.slice(0, 12)}`)).toEqual([]);
    expect(r.invalid).toBe(1);
    expect(r.push(`${line.slice(12)}\n`)).toEqual([{ reason: 'नाम खाली है' }]);
    expect(r.invalid).toBe(1);
  });
});
