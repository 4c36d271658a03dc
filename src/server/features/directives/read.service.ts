import type { Directive, FileRef, Report } from '../../../contracts/directives.ts';
import type { Actor } from '../../platform/http/context.ts';
import { visibleDirective } from './access.ts';
import type { DirectivesDeps } from './deps.ts';
import { directiveFiles, reportsOf } from './directives.repo.ts';

type ReportRow = Awaited<ReturnType<typeof reportsOf>>[number];

export function presentReport(r: ReportRow): Report {
  const photo: FileRef | null = r.file_id === null ? null : { id: r.file_id, name: r.file_name!, mime: r.mime!, size: r.size! };
  return { text: r.text, link: r.link, photo, reportedBy: { id: r.reported_by, name: r.reporter }, reportedAt: r.reported_at.toISOString() };
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A directive as its receiver or a leader following it sees it, with the caller's own units and their reports. */
export async function getDirective(deps: DirectivesDeps, actor: Actor, id: number): Promise<Directive> {
  const { directive: d, mine, canFollow } = await visibleDirective(deps.db, actor, id);
  const [files, reports] = await Promise.all([
    directiveFiles(deps.db, id),
    reportsOf(
      deps.db,
      id,
      mine.map((m) => m.unit_id),
    ),
  ]);
  return {
    id: d.id,
    unit: { id: d.unit_id, level: d.unit_level, nameEn: d.unit_name_en, nameHi: d.unit_name_hi },
    issuedBy: { id: d.issued_by, name: d.issuer_name },
    titleHi: d.title_hi,
    titleEn: d.title_en,
    bodyHi: d.body_hi,
    bodyEn: d.body_en,
    links: d.links,
    files,
    priority: d.priority,
    ask: d.ask,
    audience: { levels: d.levels, roles: d.roles, departments: d.departments },
    dueAt: iso(d.due_at),
    remindAt: iso(d.remind_at),
    escalateAt: iso(d.escalate_at),
    createdAt: d.created_at.toISOString(),
    cancelledAt: iso(d.cancelled_at),
    targets: d.targets,
    silenced: d.silenced,
    mine: mine.map((m) => {
      const report = reports.find((r) => r.unit_id === m.unit_id);
      return {
        unit: { id: m.unit_id, level: m.level, nameEn: m.name_en, nameHi: m.name_hi },
        ackedAt: iso(m.acked_at),
        ackedBy: m.acked_by === null ? null : { id: m.acked_by, name: m.acked_by_name ?? '' },
        doneAt: iso(m.done_at),
        report: report ? presentReport(report) : null,
      };
    }),
    canFollow,
    // The same rule as withdrawing (managedDirective): inside the turf, its issuer or who may issue at its unit.
    canWithdraw:
      d.cancelled_at === null && actor.turf.covers(d.unit_path) && (d.issued_by === actor.personId || actor.turf.can('directives.issue', d.unit_path)),
  };
}
