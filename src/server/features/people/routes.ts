import { createRouter } from '../../platform/http/app.ts';
import type { PeopleDeps } from './deps.ts';

/** Every route of the people feature: registry, consent, sign-up, WhatsApp groups, import and export. */
export function peopleRoutes(deps: PeopleDeps) {
  const r = createRouter();
  // Each part registers its router here.
  void deps;
  return r;
}
