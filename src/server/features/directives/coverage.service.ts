import { sql } from 'kysely';
import { maskPhone } from '../../../contracts/phone-format.ts';
import type { Coverage, Laggards, Progress, Reports } from '../../../contracts/directives.ts';
import type { Actor } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { followedUnitPath } from './access.ts';
import type { DirectivesDeps } from './deps.ts';
import { findDirective, reportsOf, type DirectiveRow } from './directives.repo.ts';
import { findLaggards } from './laggards.repo.ts';
import { presentReport } from './read.service.ts';

interface Counts {
  targets: number;
  acked: number;
  done: number;
}

/** Overdue: past the due time and not complete (acknowledged; done when a report is asked). */
function progressOf(d: DirectiveRow, c: Counts, now: number): Progress {
  const complete = d.ask === 'report' ? c.done : c.acked;
  const overdue = d.due_at !== null && d.due_at.getTime() < now ? c.targets - complete : 0;
  return { targets: c.targets, acked: c.acked, done: c.done, overdue };
}

/** A directive the caller follows from above (issued in their turf, or above it and reaching into it). */
async function followed(deps: DirectivesDeps, actor: Actor, id: number, unitId: number | undefined) {
  const directive = await findDirective(deps.db, id);
  if (!directive) throw notFound('directive');
  const unit = unitId === undefined ? undefined : await deps.db.selectFrom('units').select(['id', 'path']).where('id', '=', unitId).executeTakeFirst();
  if (unitId !== undefined && !unit) throw notFound('unit');
  const path = await followedUnitPath(deps.db, actor, directive, unit?.path);
  const row = await deps.db.selectFrom('units').select(['id', 'level', 'name_en', 'name_hi', 'path']).where('path', '=', path).executeTakeFirstOrThrow();
  return { directive, unit: row };
}

/**
 * Progress at a unit and per child, read from the counters (a key lookup per child): children with targets below
 * them, overdue first, then the least complete.
 */
export async function directiveCoverage(deps: DirectivesDeps, actor: Actor, id: number, unitId: number | undefined): Promise<Coverage> {
  const { directive: d, unit } = await followed(deps, actor, id, unitId);
  const now = Date.now();
  const own = await deps.db
    .selectFrom('directive_units')
    .select(['targets', 'acked', 'done'])
    .where('directive_id', '=', id)
    .where('unit_id', '=', unit.id)
    .executeTakeFirst();
  const { rows } = await sql<Counts & { id: number; level: string; name_en: string; name_hi: string; target: boolean }>`
    select u.id, u.level, u.name_en, u.name_hi, du.target, du.targets, du.acked, du.done
    from units u join directive_units du on du.directive_id = ${id} and du.unit_id = u.id
    where u.parent_id = ${unit.id}`.execute(deps.db);
  const completeShare = (p: Progress) => (p.targets === 0 ? 1 : (d.ask === 'report' ? p.done : p.acked) / p.targets);
  const children = rows
    .map((r) => ({ unit: { id: r.id, level: r.level, nameEn: r.name_en, nameHi: r.name_hi }, target: r.target, ...progressOf(d, r, now) }))
    .sort((a, b) => b.overdue - a.overdue || completeShare(a) - completeShare(b) || a.unit.nameEn.localeCompare(b.unit.nameEn));
  return {
    directiveId: id,
    unit: { id: unit.id, level: unit.level, nameEn: unit.name_en, nameHi: unit.name_hi },
    totals: progressOf(d, own ?? { targets: 0, acked: 0, done: 0 }, now),
    children,
    at: new Date(now).toISOString(),
  };
}

/**
 * Target units below a unit that are not complete, in tree order, with the holders the directive speaks to (names and
 * masked phones), so someone can call.
 */
export async function directiveLaggards(deps: DirectivesDeps, actor: Actor, id: number, unitId: number | undefined, limit: number): Promise<Laggards> {
  const { directive: d, unit } = await followed(deps, actor, id, unitId);
  const rows = await findLaggards(deps.db, id, d.ask, unit.id, limit);
  const shown = rows.slice(0, limit);
  const holders = shown.length
    ? await deps.db
        .selectFrom('positions as p')
        .innerJoin('people as pe', 'pe.id', 'p.person_id')
        .select(['p.unit_id', 'pe.id', 'pe.name', 'p.role', 'pe.phone_enc'])
        .where(
          'p.unit_id',
          'in',
          shown.map((r) => r.id),
        )
        .where('p.ended_at', 'is', null)
        .where('pe.erased_at', 'is', null)
        // Only the holders the directive speaks to: they are the ones who received it and can act on it.
        .$if(d.roles !== null, (q) => q.where('p.role', 'in', d.roles!))
        .$if(d.departments !== null, (q) => q.where('p.department', 'in', d.departments!))
        .orderBy('p.unit_id')
        .orderBy('pe.name')
        .execute()
    : [];
  return {
    items: shown.map((r) => ({
      unit: { id: r.id, level: r.level, nameEn: r.name_en, nameHi: r.name_hi },
      acked: r.acked,
      holders: holders
        .filter((h) => h.unit_id === r.id)
        .map((h) => ({ id: h.id, name: h.name, role: h.role, phone: h.phone_enc ? maskPhone(deps.cipher.decrypt(h.phone_enc)) : null })),
    })),
    truncated: rows.length > limit,
  };
}

/** What the target units below a unit reported, newest first: reports are seen up the tree. */
export async function directiveReports(deps: DirectivesDeps, actor: Actor, id: number, unitId: number | undefined, limit: number): Promise<Reports> {
  const { unit } = await followed(deps, actor, id, unitId);
  const { rows } = await sql<{ id: number; level: string; name_en: string; name_hi: string }>`
    select u.id, u.level, u.name_en, u.name_hi
    from directive_reports r join units u on u.id = r.unit_id
    where r.directive_id = ${id} and u.path <@ ${unit.path}::ltree
    order by r.reported_at desc, u.id
    limit ${limit + 1}`.execute(deps.db);
  const shown = rows.slice(0, limit);
  const reports = await reportsOf(
    deps.db,
    id,
    shown.map((r) => r.id),
  );
  return {
    items: shown.flatMap((u) => {
      const r = reports.find((x) => x.unit_id === u.id);
      return r ? [{ unit: { id: u.id, level: u.level, nameEn: u.name_en, nameHi: u.name_hi }, ...presentReport(r) }] : [];
    }),
    truncated: rows.length > limit,
  };
}
