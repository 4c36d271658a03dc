/** Org: levels, roles and departments as configuration; the unit tree; positions; turf. */
export { applyOrgConfig, defaultOrgConfig, readOrgConfig, OrgConfig, PERMISSIONS, type Permission } from './config.ts';
export { within as pathWithin, loadTurf, heldPositionsJson, inTurf, unitsInTurf, unitInTurf, PositionTurf, type HeldPosition } from './turf.ts';
export { assignPosition } from './positions.ts';
export { orgRoutes } from './org.routes.ts';
export { unitRoutes } from './units.routes.ts';
export type { OrgDeps } from './units.service.ts';
export { buildDemoTree, addDemoPeople, SCALES, type Scale, type DemoLogin, type BuildReport } from './demo/index.ts';
export { getUnit, listUnitChildren, createUnit, patchUnit, moveUnit } from './units.service.ts';
export { searchUnits } from './search.service.ts';
export { SEARCH_CANDIDATES } from './search.repo.ts';
export { unitCoverage } from './coverage.service.ts';
export { createPosition, endPosition, type PositionDeps } from './positions.service.ts';
export { findUnit } from './units.repo.ts';
export { importUnits, exportUnits, createProgress, formatCount, UnitsCsvError, type ImportResult, type ExportResult, type Reject } from './units-csv/index.ts';
export { importPositions, PositionsCsvError, type PositionsImportResult } from './positions-csv/index.ts';
