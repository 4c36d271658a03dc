import type { OfficeBearer, Unit, UnitChildren, UnitDetail } from '../../../contracts/org.ts';

export type { OfficeBearer, Unit, UnitChildren, UnitDetail };

// The shapes below are the parts of the answers these screens read. The full schemas are in src/contracts (org.ts
// SearchResult, coverage.ts Coverage); keeping to a subset lets the server add fields without touching the screens.

/** A unit as other answers name it: enough to show it and link to it. */
export interface UnitRef {
  id: number;
  level: string;
  nameEn: string;
  nameHi: string;
}

/** One answer of GET /api/units/search: a unit with its chain of ancestors inside the caller's turf, root first. */
export interface SearchHit extends UnitRef {
  booths: number;
  ancestors: UnitRef[];
}

/** One child's row in GET /api/units/:id/coverage: of its booths, how many have the counted role. */
export interface CoverageItem extends UnitRef {
  booths: number;
  covered: number;
  ratio: number;
}

/** GET /api/units/:id/coverage. */
export interface Coverage {
  unit: UnitRef & { booths?: number; covered?: number; ratio?: number };
  /** The role whose holders count a booth as covered (e.g. convener). */
  role: string;
  items: CoverageItem[];
}

/** The positions of the signed-in person, as /api/me lists them. */
export interface HeldPosition {
  role: string;
  department: string | null;
  unit: { id: number };
}
