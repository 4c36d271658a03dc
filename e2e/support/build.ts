import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `vite build` into dist/web (what `setu serve` serves), in a child process; resolves with the seconds it took. */
export async function buildWebApp(): Promise<number> {
  const t0 = performance.now();
  try {
    await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: ROOT,
      // Vitest sets NODE_ENV=test, which would make Vite ship React's development build: test what people get.
      env: { ...process.env, NODE_ENV: 'production' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`vite build failed:\n${e.stderr || e.stdout || e.message}`, { cause: error });
  }
  return (performance.now() - t0) / 1000;
}
