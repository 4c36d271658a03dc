import { createRouter } from '../../platform/http/app.ts';
import type { PeopleDeps } from './deps.ts';
import { consentRoutes } from './consent/consent.routes.ts';
import { csvRoutes } from './csv/csv.routes.ts';
import { phoneChangeRoutes } from './registry/phone-change.routes.ts';
import { registryRoutes } from './registry/registry.routes.ts';
import { groupRoutes } from './groups/groups.routes.ts';
import { signupRoutes } from './signup/signup.routes.ts';

/** Every route of the people feature: registry, consent, sign-up, WhatsApp groups, import and export. */
export function peopleRoutes(deps: PeopleDeps) {
  const r = createRouter();
  r.route('/', registryRoutes(deps));
  r.route('/', phoneChangeRoutes(deps));
  r.route('/', consentRoutes(deps));
  r.route('/', groupRoutes(deps));
  r.route('/', signupRoutes(deps));
  r.route('/', csvRoutes(deps));
  return r;
}
