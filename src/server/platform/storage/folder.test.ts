import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { folderStorage } from './folder.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('folder storage', () => {
  it('keeps bytes under their SHA-256 and gives them back; the same bytes twice are one file', async () => {
    const root = await mkdtemp(join(tmpdir(), 'setu-storage-'));
    dirs.push(root);
    const storage = folderStorage(root);
    const bytes = new TextEncoder().encode('बूथ 142: मतदाता सूची');
    const sha = await storage.put(bytes);
    expect(Buffer.from(sha).toString('hex')).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(new TextDecoder().decode(await storage.get(sha))).toBe('बूथ 142: मतदाता सूची');
    await storage.put(bytes);
    const [sub] = await readdir(root);
    expect(await readdir(join(root, sub!))).toHaveLength(1);
    await expect(storage.get(new Uint8Array(32))).rejects.toThrow();
  });
});
