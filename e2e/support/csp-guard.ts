import { afterEach } from 'vitest';
import { takeCspViolations } from './browser.ts';

// Every e2e flow runs under the app's Content-Security-Policy: a flow during which a page reported a violation fails,
// so a new inline script or style, or a load from elsewhere, is found by the flow that shows it.
afterEach(() => {
  const violations = takeCspViolations();
  if (violations.length) throw new Error(`Content-Security-Policy violations:\n${violations.join('\n')}`);
});
