import { assertChromium } from './browser.ts';
import { buildWebApp } from './build.ts';

/**
 * Vitest's global setup for the e2e project: it runs once, and only when e2e files are part of the run. It checks that
 * Chromium is there (a missing browser fails the run, saying how to install it) and builds the web app into dist/web,
 * which the `setu` servers under test serve, so the tests always see the current sources.
 */
export default async function setup(): Promise<void> {
  assertChromium();
  const seconds = await buildWebApp();
  process.stdout.write(`e2e: built the web app in ${seconds.toFixed(1)} s\n`);
}
