import { createRouter } from '../../platform/http/app.ts';
import { metaRoutes } from './meta.routes.ts';
import { positionRoutes } from './positions.routes.ts';
import type { PositionDeps } from './positions.service.ts';
import { unitRoutes } from './units.routes.ts';

/** Every route of the org feature: units (with search and coverage), positions, and the organisation's configuration. */
export function orgRoutes(deps: PositionDeps) {
  const r = createRouter();
  r.route('/', metaRoutes(deps));
  r.route('/', unitRoutes(deps));
  r.route('/', positionRoutes(deps));
  return r;
}
