import type { Kysely } from 'kysely';
import type { Coverage, CoverageItem, CoverageQuery } from '../../../contracts/coverage.ts';
import type { Schema } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/http/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { coverageRows, headRole } from './coverage.repo.ts';
import { departmentByCode } from './positions.repo.ts';
import { unitInTurf } from './turf.ts';

/** A unit without booths has no gap to close: its ratio is 1 (as the web app shows it). */
const withRatio = (r: Omit<CoverageItem, 'ratio'>): CoverageItem => ({ ...r, ratio: r.booths > 0 ? r.covered / r.booths : 1 });

/**
 * Per child of a unit: its booths and how many of them have a live position of the head role (in one department,
 * or any). Counters only, so a state with 1.6 lakh booths answers as fast as a shakti kendra. Sorted by `sort`;
 * ties go to the biggest gap (booths without a head), then the English name, then the id, so the order is stable.
 */
export async function unitCoverage({ db }: { db: Kysely<Schema> }, actor: Actor, unitId: number, q: CoverageQuery): Promise<Coverage> {
  await unitInTurf(db, actor.turf, unitId);
  if (q.department && !(await departmentByCode(db, q.department))) throw new AppError('unknown_department', `no department ${q.department}`);
  const [role, rows] = await Promise.all([headRole(db), coverageRows(db, unitId, q.department ?? '*')]);
  const items = rows.filter((r) => r.id !== unitId).map(withRatio);
  const primary = {
    ratio: (a: CoverageItem, b: CoverageItem) => a.ratio - b.ratio,
    booths: (a: CoverageItem, b: CoverageItem) => a.booths - b.booths,
    name: (a: CoverageItem, b: CoverageItem) => a.nameEn.localeCompare(b.nameEn, 'en'),
  }[q.sort];
  const sign = q.order === 'asc' ? 1 : -1;
  const gap = (x: CoverageItem) => x.booths - x.covered;
  items.sort((a, b) => sign * primary(a, b) || gap(b) - gap(a) || a.nameEn.localeCompare(b.nameEn, 'en') || a.id - b.id);
  return { unit: withRatio(rows.find((r) => r.id === unitId)!), role: role ?? '', department: q.department ?? null, items };
}
