import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tools/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file opens its own database (a PGlite instance or a fresh PostgreSQL database): files run in parallel.
    pool: 'forks',
  },
});
