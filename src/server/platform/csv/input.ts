import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/**
 * An import's input as a stream, and its size when it is a file (for progress). A file that cannot be opened is
 * refused with the import's own error (`fail`) before anything is read.
 */
export async function openCsvInput(input: string | Readable, fail: (message: string) => Error): Promise<{ stream: Readable; totalBytes: number | null }> {
  if (typeof input !== 'string') return { stream: input, totalBytes: null };
  const totalBytes = await stat(input).then(
    (s) => s.size,
    (error: NodeJS.ErrnoException) => {
      throw fail(error.code === 'ENOENT' ? `${input}: no such file` : `${input}: ${error.message}`);
    },
  );
  return { stream: createReadStream(input, { highWaterMark: 1 << 18 }), totalBytes };
}
