import { defineConfig } from 'vite';

/**
 * The PWA: sources in src/web, built to dist/web, served by `setu serve` on the API's port. The service worker is
 * a second entry emitted at the site root as /sw.js (a worker's scope is its own folder and below).
 */
export default defineConfig({
  root: 'src/web',
  publicDir: 'public',
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // dist/web/.vite/manifest.json: which chunks the page loads first (tools/check-bundle-size.ts reads it).
    manifest: true,
    target: 'es2022',
    rollupOptions: {
      input: { index: 'src/web/index.html', sw: 'src/web/sw.ts' },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
