import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file opens its own database (a PGlite instance or a fresh PostgreSQL database): files run in parallel.
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'tools/**/*.test.ts'] } },
      {
        // Real `setu start` servers driven by Debian's Chromium. The global setup (Chromium check, `vite build`) runs only
        // when e2e files are part of the run, e.g. not for `vitest run src/server`.
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/support/global-setup.ts'],
          setupFiles: ['e2e/support/csp-guard.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
