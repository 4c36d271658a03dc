import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where uploaded files live. One implementation today, a folder; an object store would implement the same three calls. */
export interface Storage {
  /** Stores the bytes and returns their SHA-256, which is also their address. Storing the same bytes twice keeps one copy. */
  put(bytes: Uint8Array): Promise<Uint8Array>;
  get(sha256: Uint8Array): Promise<Uint8Array>;
  /**
   * Removes the bytes at this address (erasure). Since equal bytes are one copy, the caller first makes sure no other
   * file row still points at them. Removing what is not there is no error.
   */
  remove(sha256: Uint8Array): Promise<void>;
}

/**
 * Files in a folder, named by their SHA-256 (`ab/cdef…`), written to a temporary name first and renamed, so a crash
 * never leaves half a file under a real name.
 */
export function folderStorage(root: string): Storage {
  const where = (sha: Uint8Array) => {
    const hex = Buffer.from(sha).toString('hex');
    return { dir: join(root, hex.slice(0, 2)), file: join(root, hex.slice(0, 2), hex.slice(2)) };
  };
  return {
    async put(bytes) {
      const sha = createHash('sha256').update(bytes).digest();
      const { dir, file } = where(sha);
      await mkdir(dir, { recursive: true });
      const temp = `${file}.${randomBytes(6).toString('hex')}.part`;
      await writeFile(temp, bytes, { flush: true });
      await rename(temp, file);
      return sha;
    },
    get: (sha) => readFile(where(sha).file),
    remove: (sha) => rm(where(sha).file, { force: true }),
  };
}
