import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { measureFirstLoad, report } from './check-bundle-size.ts';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A fake Vite build: the entry imports a vendor chunk statically and a screen dynamically. */
function fakeBuild(vendorBytes: number) {
  dir = mkdtempSync(join(tmpdir(), 'setu-size-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, '.vite'));
  writeFileSync(
    join(dir, 'index.html'),
    '<html><head><script type="module" crossorigin src="/assets/index-a.js"></script>' +
      '<link rel="modulepreload" crossorigin href="/assets/vendor-b.js"><link rel="stylesheet" href="/assets/index-c.css"></head></html>',
  );
  writeFileSync(join(dir, 'assets/index-a.js'), 'import "./vendor-b.js"; import("./screen-d.js");'.repeat(10));
  // Random bytes do not compress: the gzipped size is about the raw size.
  writeFileSync(join(dir, 'assets/vendor-b.js'), randomBytes(vendorBytes));
  writeFileSync(join(dir, 'assets/screen-d.js'), randomBytes(50_000));
  writeFileSync(join(dir, 'assets/index-c.css'), 'body{}');
  writeFileSync(join(dir, 'sw.js'), 'self.x=1');
  writeFileSync(
    join(dir, '.vite/manifest.json'),
    JSON.stringify({
      'index.html': { file: 'assets/index-a.js', isEntry: true, imports: ['_vendor.js'], dynamicImports: ['screen.tsx'], css: ['assets/index-c.css'] },
      '_vendor.js': { file: 'assets/vendor-b.js' },
      'screen.tsx': { file: 'assets/screen-d.js', isDynamicEntry: true, imports: ['_vendor.js'] },
      'sw.ts': { file: 'sw.js', isEntry: true },
    }),
  );
}

describe('check-bundle-size', () => {
  it('counts the entry and its static imports, not dynamic imports or the service worker', () => {
    fakeBuild(30_000);
    const m = measureFirstLoad(dir);
    expect(m.js.map((s) => s.file).sort()).toEqual(['assets/index-a.js', 'assets/vendor-b.js']);
    expect(m.later.map((s) => s.file).sort()).toEqual(['assets/screen-d.js', 'sw.js']);
    expect(m.totalGzipped).toBeGreaterThan(30_000);
    expect(m.totalGzipped).toBeLessThan(30_000 * 1.05);
  });

  it('prints the total and exits 1 only above the budget', () => {
    fakeBuild(30_000);
    const lines: string[] = [];
    expect(report(dir, 150, (l) => lines.push(l))).toBe(0);
    expect(lines.at(-1)).toMatch(/^first-load JS: 3\d\.\d KB gzipped \(budget 150 KB\)$/);
    expect(report(dir, 30, () => {})).toBe(1);
  });
});
