/**
 * Typed messages, with no React, so that Node can load every feature's messages.ts for the translation lint
 * (tools/i18n-lint.ts). Each feature defines its own with `defineMessages`: English sets the keys and Hindi must have
 * exactly the same ones (the type checker refuses a missing key; `npm run lint` also checks empties and placeholders).
 */
export function defineMessages<const E extends Record<string, string>>(messages: { en: E; hi: { [K in keyof E]: string } }) {
  return messages;
}

export type MessageSet<E extends Record<string, string> = Record<string, string>> = { en: E; hi: { [K in keyof E]: string } };

/** Fills `{name}` placeholders. */
export function interpolate(text: string, vars?: Record<string, string | number>): string {
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
}
