import { sql } from 'kysely';
import type { DirectiveSummary, Inbox } from '../../../contracts/directives.ts';
import type { Actor } from '../../platform/http/context.ts';
import { inTurf } from '../org/index.ts';
import { unitIdOfPath } from './access.ts';
import type { DirectivesDeps } from './deps.ts';
import { holderMatches } from './directives.repo.ts';

interface Row {
  id: number;
  unit_id: number;
  level: string;
  name_en: string;
  name_hi: string;
  title_hi: string | null;
  title_en: string | null;
  priority: 'normal' | 'high' | 'urgent';
  ask: 'read' | 'ack' | 'report';
  due_at: Date | null;
  created_at: Date;
  my_units: number;
  my_open: number;
  reminded: boolean;
  escalated: number;
  targets: number;
  acked: number;
  done: number;
}

const INBOX_LIMIT = 100;

/** Directives that reach the caller's positions (an ancestor issued them for the position's level, role and department). */
const received = (personId: number) => sql`
  select d.id, count(distinct du.unit_id)::int as my_units,
    count(distinct du.unit_id) filter (where (case when d.ask = 'report' then du.done_at else du.acked_at end) is null)::int as my_open,
    bool_or(d.reminded_at is not null and du.acked_at is null) as reminded
  from positions p
  join units pu on pu.id = p.unit_id and pu.archived_at is null and nlevel(pu.path) > 1
  join directives d on d.unit_id = any(string_to_array(ltree2text(subpath(pu.path, 0, nlevel(pu.path) - 1)), '.')::int[])
    and d.cancelled_at is null and pu.level = any(d.levels) and ${holderMatches}
  join directive_units du on du.directive_id = d.id and du.unit_id = p.unit_id and du.target
  where p.person_id = ${personId} and p.ended_at is null
  group by d.id`;

/** Directives whose overdue children were escalated to a unit the caller holds. */
const escalated = (personId: number) => sql`
  select e.directive_id as id, sum(e.overdue)::int as escalated
  from positions p join directive_escalations e on e.unit_id = p.unit_id
  where p.person_id = ${personId} and p.ended_at is null
  group by e.directive_id`;

function present(r: Row): DirectiveSummary {
  const complete = r.ask === 'report' ? r.done : r.acked;
  return {
    id: r.id,
    unit: { id: r.unit_id, level: r.level, nameEn: r.name_en, nameHi: r.name_hi },
    titleHi: r.title_hi,
    titleEn: r.title_en,
    priority: r.priority,
    ask: r.ask,
    dueAt: r.due_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    myUnits: r.my_units,
    myOpen: r.my_open,
    overdue: r.due_at !== null && r.due_at.getTime() < Date.now() && r.my_open > 0,
    reminded: r.reminded,
    escalated: r.escalated,
    targets: r.targets,
    complete,
  };
}

/**
 * The caller's inbox (what reaches their units, and escalations about units below them) or, for leaders, the
 * directives they follow: issued in their turf or above it. Newest first, with the whole directive's progress.
 */
export async function listDirectives(deps: DirectivesDeps, actor: Actor, view: 'inbox' | 'sent'): Promise<Inbox> {
  const me = actor.personId;
  const rootIds = actor.turf.roots.map(unitIdOfPath);
  const picked =
    view === 'inbox'
      ? sql`select coalesce(r.id, e.id) as id, coalesce(r.my_units, 0) as my_units, coalesce(r.my_open, 0) as my_open,
              coalesce(r.reminded, false) as reminded, coalesce(e.escalated, 0) as escalated
            from (${received(me)}) r full join (${escalated(me)}) e on e.id = r.id`
      : sql`select d.id, 0 as my_units, 0 as my_open, false as reminded, 0 as escalated
            from directives d join units u on u.id = d.unit_id
            where ${inTurf(actor.turf, sql.ref('u.path'))}
              or exists (select 1 from directive_units r where r.directive_id = d.id and r.unit_id = any(${rootIds}::int[]) and r.targets > r.target::int)`;
  const { rows } = await sql<Row>`
    select d.id, d.unit_id, u.level, u.name_en, u.name_hi, d.title_hi, d.title_en, d.priority, d.ask, d.due_at, d.created_at,
      x.my_units, x.my_open, x.reminded, x.escalated, coalesce(top.targets, 0) as targets, coalesce(top.acked, 0) as acked, coalesce(top.done, 0) as done
    from (${picked}) x
    join directives d on d.id = x.id and d.cancelled_at is null
    join units u on u.id = d.unit_id
    left join directive_units top on top.directive_id = d.id and top.unit_id = d.unit_id
    order by d.created_at desc, d.id desc
    limit ${INBOX_LIMIT}`.execute(deps.db);
  const items = rows.map(present);
  return { items, badge: items.filter((i) => i.myOpen > 0 || i.escalated > 0).length };
}
