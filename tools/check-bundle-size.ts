/**
 * `npm run size`: the JavaScript a phone must download before the first screen works, gzipped, against the budget in
 * DESIGN.md (≤ 150 KB). Run after `vite build`; exits 1 above the budget.
 *
 * "First load" is the module scripts dist/web/index.html loads or preloads, plus every chunk they import statically
 * (Vite's manifest, `build.manifest`); chunks behind a dynamic `import()` and the service worker (fetched after load)
 * are listed but not counted. KB here is 1,000 bytes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_KB = 150;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface Sized {
  file: string;
  bytes: number;
  gzipped: number;
}

export interface FirstLoad {
  /** Counted: what the page needs before it can run. */
  js: Sized[];
  /** Not counted: loaded later (dynamic imports, the service worker), for information. */
  later: Sized[];
  /** Stylesheets the page links, for information. */
  css: Sized[];
  totalGzipped: number;
}

const size = (dir: string, file: string): Sized => {
  const body = readFileSync(join(dir, file));
  return { file, bytes: body.length, gzipped: gzipSync(body, { level: 9 }).length };
};

/** Measures the first-load JavaScript of the build in `dir` (dist/web). */
export function measureFirstLoad(dir: string): FirstLoad {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const manifestPath = join(dir, '.vite/manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: the build needs \`build.manifest: true\` (vite.config.ts)`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const byFile = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));

  const attr = (tag: string, name: string) => tag.match(new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`))?.[1];
  const local = (url: string) => url.replace(/^\.?\//, '');
  const roots: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) {
    const src = attr(tag, 'src');
    if (src && attr(tag, 'type') === 'module') roots.push(local(src));
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const href = attr(tag, 'href');
    if (href && attr(tag, 'rel') === 'modulepreload') roots.push(local(href));
  }
  if (roots.length === 0) throw new Error('index.html loads no module script: is this a Vite build?');

  // The roots and everything they import statically, transitively.
  const needed = new Set<string>();
  const visit = (file: string) => {
    if (needed.has(file)) return;
    needed.add(file);
    const key = byFile.get(file);
    for (const imported of (key && manifest[key]?.imports) || []) {
      const chunk = manifest[imported];
      if (!chunk) throw new Error(`the manifest names an import it does not describe: ${imported}`);
      visit(chunk.file);
    }
  };
  roots.forEach(visit);

  const js = [...needed].map((f) => size(dir, f));
  const later = [...new Set(Object.values(manifest).map((c) => c.file))].filter((f) => f.endsWith('.js') && !needed.has(f)).map((f) => size(dir, f));
  const css: Sized[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const href = attr(tag, 'href');
    if (href && attr(tag, 'rel') === 'stylesheet' && existsSync(join(dir, local(href)))) css.push(size(dir, local(href)));
  }
  return { js, later, css, totalGzipped: js.reduce((n, s) => n + s.gzipped, 0) };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

/** Prints the report; returns the process exit code (1 above the budget). */
export function report(dir: string, budgetKb = BUDGET_KB, out: (line: string) => void = console.log): number {
  const m = measureFirstLoad(dir);
  for (const s of m.js) out(`  ${s.file}  ${kb(s.bytes)} → ${kb(s.gzipped)} gzipped`);
  for (const s of m.css) out(`  ${s.file}  ${kb(s.bytes)} → ${kb(s.gzipped)} gzipped (stylesheet, not counted)`);
  for (const s of m.later) out(`  ${s.file}  ${kb(s.bytes)} → ${kb(s.gzipped)} gzipped (loaded later, not counted)`);
  const over = m.totalGzipped > budgetKb * 1000;
  out(`first-load JS: ${kb(m.totalGzipped)} gzipped (budget ${budgetKb} KB)${over ? ` — OVER BUDGET by ${kb(m.totalGzipped - budgetKb * 1000)}` : ''}`);
  return over ? 1 : 0;
}

if (import.meta.main) {
  const dir = process.argv[2] ?? fileURLToPath(new URL('../dist/web/', import.meta.url));
  if (!existsSync(join(dir, 'index.html'))) {
    console.error(`no build in ${dir}: run \`npm run build\` first`);
    process.exit(2);
  }
  process.exit(report(dir));
}
