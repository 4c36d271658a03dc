import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import { importPath, ImportStopped, summaryOf, uploadPeopleCsv, type UploadEvent } from './upload.ts';

const done = { type: 'done', rows: 3, inserted: 2, existing: 0, rejected: 1, rejects: [{ line: 3, code: 'bad_phone', reason: 'bad' }], seconds: 0.1 };

/**
 * A stand-in for XMLHttpRequest that plays a server: upload progress, then the answer's text in the given pieces
 * (each piece an `onprogress`), then `onload`.
 */
class FakeXhr {
  static script: { status: number; pieces: string[]; fail?: boolean };
  static last: FakeXhr;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  statusText = '';
  responseText = '';
  withCredentials = false;
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onprogress: (() => void) | null = null;
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
    FakeXhr.last = this;
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k] = v;
  }
  abort() {
    this.onabort?.();
  }
  send(body: unknown) {
    this.body = body;
    const { status, pieces, fail } = FakeXhr.script;
    queueMicrotask(() => {
      if (fail) return this.onerror?.();
      this.upload.onprogress?.({ loaded: 50, total: 100, lengthComputable: true });
      this.upload.onprogress?.({ loaded: 100, total: 100, lengthComputable: true });
      this.status = status;
      for (const p of pieces) {
        this.responseText += p;
        this.onprogress?.();
      }
      this.onload?.();
    });
  }
}

afterEach(() => vi.unstubAllGlobals());

async function run(status: number, pieces: string[], fail = false) {
  FakeXhr.script = { status, pieces, fail };
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  const events: UploadEvent[] = [];
  const file = new Blob(['name,phone,unit_code\n']);
  const result = uploadPeopleCsv('/api/units/4/people/import', file, (e) => events.push(e));
  return { result, events };
}

describe('people CSV upload', () => {
  it('puts the evidence in the query, and nothing when there is none', () => {
    expect(importPath(4, '  forms at the Chandausi office  ')).toBe('/api/units/4/people/import?evidence=forms+at+the+Chandausi+office');
    expect(importPath('4', ' ')).toBe('/api/units/4/people/import');
  });

  it('sends the file as text/csv and reports bytes sent, rows read as they stream, then the summary', async () => {
    const { result, events } = await run(200, ['{"type":"progress","rows":1}\n{"type":"pro', 'gress","rows":2}\n', `${JSON.stringify(done)}`]);
    expect(await result).toEqual(done);
    expect(FakeXhr.last.method).toBe('POST');
    expect(FakeXhr.last.headers['content-type']).toBe('text/csv');
    expect(FakeXhr.last.body).toBeInstanceOf(Blob);
    expect(events).toEqual([
      { type: 'sent', loaded: 50, total: 100 },
      { type: 'sent', loaded: 100, total: 100 },
      { type: 'progress', rows: 1 },
      { type: 'progress', rows: 2 },
    ]);
  });

  it('rejects with the server’s code when it refuses the upload', async () => {
    const { result } = await run(403, ['{"code":"forbidden","message":"no"}']);
    await expect(result).rejects.toMatchObject({ code: 'forbidden', status: 403 });
  });

  it('rejects with the error line’s code, and the rows read, when the import stopped part way', async () => {
    const { result } = await run(200, ['{"type":"progress","rows":1000}\n{"type":"error","code":"csv_invalid","message":"bad","rows":1000}\n']);
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportStopped);
    expect(error).toMatchObject({ code: 'csv_invalid', rows: 1000 });
  });

  it('says the import was interrupted when the answer ends without a summary, and offline when it never connects', async () => {
    await expect((await run(200, ['{"type":"progress","rows":1}\n'])).result).rejects.toMatchObject({ code: 'import_interrupted' });
    await expect((await run(0, [], true)).result).rejects.toMatchObject({ code: 'offline' });
  });

  it('finds the summary among the lines', () => {
    expect(summaryOf([{ type: 'progress', rows: 1 }, done])).toEqual(done);
    expect(() => summaryOf([])).toThrow(ApiError);
  });
});
