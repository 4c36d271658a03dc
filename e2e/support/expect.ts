import type { Locator } from 'playwright-core';

/**
 * playwright-core has no auto-waiting `expect`; these two wait the way a person looks at a screen. A locator that
 * matches more than one element fails `expectVisible` (Playwright's strict mode), so "the link named X" means one link.
 */
export async function expectVisible(locator: Locator, timeout = 15_000): Promise<void> {
  try {
    await locator.waitFor({ state: 'visible', timeout });
  } catch (error) {
    throw new Error(`expected to see ${String(locator)}: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
}

/** Fails unless nothing matches `locator` (checked until `timeout`, for screens still settling). */
export async function expectGone(locator: Locator, timeout = 5_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let count = await locator.count();
  while (count > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    count = await locator.count();
  }
  if (count > 0) throw new Error(`expected not to see ${String(locator)}, but ${count} element(s) match`);
}
