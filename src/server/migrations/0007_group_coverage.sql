-- WhatsApp group coverage: how many booths and shakti kendras below a unit have a live workers' group and a live
-- public group, how many groups there are and their reported members. Counters kept by statement-level triggers,
-- like unit_stats (0001) and unit_coverage (0005): on the nation-scale demo the same figures by a GROUP BY over
-- the subtree take ~2.4 s for the national unit (1.25 million booths and kendras), a counter read takes milliseconds.
--
-- Everything counts the units strictly below u; a unit's own state is read, not stored (as with unit_stats). Only
-- live units count, and only live groups at live units. The shakti kendra level is the one just above the booth.
--   shakti_kendras                  live shakti kendras below (booths are unit_stats.booths)
--   booths_workers / _public / _both  live booths below with a live workers' / public / both kinds of group
--   kendras_workers / _public / _both the same for shakti kendras
--   groups, members                 live groups at live units below, and the sum of their reported member counts
-- A booth or kendra lacking either kind is a gap: gaps below u = (booths - booths_both) + (kendras - kendras_both),
-- which is what lets the gap list walk down only into subtrees that have gaps.
create table unit_group_stats (
  unit_id integer primary key references units (id) on delete cascade,
  shakti_kendras integer not null default 0,
  booths_workers integer not null default 0,
  booths_public integer not null default 0,
  booths_both integer not null default 0,
  kendras_workers integer not null default 0,
  kendras_public integer not null default 0,
  kendras_both integer not null default 0,
  groups integer not null default 0,
  members bigint not null default 0
);

create function setu_kendra_level() returns text language sql stable as
$$ select code from levels order by depth desc offset 1 limit 1 $$;

-- Every function here runs inside a statement of someone else's: `set jit = off`, because the planner cannot know how
-- many rows a transition table holds and would otherwise compile a plan for a few thousand rows (~0.7 s on a district move).

-- The contribution of units to their ancestors' counters: one row per unit path (ltree as text), its level and
-- liveness, and its live groups of each kind with their members. Rows are grouped by parent path before the
-- ancestors are walked, so a statement touching a lakh of booths walks once per shakti kendra.
create type setu_group_part as (
  path text, live boolean, level text, workers integer, public integer, members bigint, sign integer
);

create function setu_group_stats_add(parts setu_group_part[]) returns void language plpgsql set jit = off as $$
declare
  booth text := setu_booth_level();
  kendra text := setu_kendra_level();
begin
  with p as (
    select x.path, x.sign,
           (x.live and x.level = booth) as b, (x.live and x.level = kendra) as k,
           x.live and x.workers > 0 as w, x.live and x.public > 0 as pb,
           case when x.live then x.workers + x.public else 0 end as n,
           case when x.live then x.members else 0 end as m
    from unnest(parts) x
    where nlevel(x.path::ltree) > 1
  ), g as (
    select subpath(path::ltree, 0, nlevel(path::ltree) - 1)::text as ppath,
           sum(sign * k::int) as sk,
           sum(sign * (b and w)::int) as bw, sum(sign * (b and pb)::int) as bp, sum(sign * (b and w and pb)::int) as bb,
           sum(sign * (k and w)::int) as kw, sum(sign * (k and pb)::int) as kp, sum(sign * (k and w and pb)::int) as kb,
           sum(sign * n) as n, sum(sign * m) as m
    from p group by 1
  )
  insert into unit_group_stats as s (unit_id, shakti_kendras, booths_workers, booths_public, booths_both,
                                     kendras_workers, kendras_public, kendras_both, groups, members)
  select a.id, sum(g.sk)::int, sum(g.bw)::int, sum(g.bp)::int, sum(g.bb)::int, sum(g.kw)::int, sum(g.kp)::int, sum(g.kb)::int,
         sum(g.n)::int, sum(g.m)::bigint
  from g, unnest(string_to_array(g.ppath, '.')::int[]) a(id)
  group by a.id
  having sum(abs(g.sk) + abs(g.bw) + abs(g.bp) + abs(g.bb) + abs(g.kw) + abs(g.kp) + abs(g.kb) + abs(g.n) + abs(g.m)) > 0
  on conflict (unit_id) do update set
    shakti_kendras = s.shakti_kendras + excluded.shakti_kendras,
    booths_workers = s.booths_workers + excluded.booths_workers,
    booths_public = s.booths_public + excluded.booths_public,
    booths_both = s.booths_both + excluded.booths_both,
    kendras_workers = s.kendras_workers + excluded.kendras_workers,
    kendras_public = s.kendras_public + excluded.kendras_public,
    kendras_both = s.kendras_both + excluded.kendras_both,
    groups = s.groups + excluded.groups,
    members = s.members + excluded.members;
end $$;

-- A statement's net change in live groups per unit (workers, public, members). The units are locked first, in id
-- order, so that two statements adding the first group of one booth count it once (the second, having waited, sees
-- the first's group), and a move or archive of the unit waits or is waited for, so the path read here is the one
-- that commits. Each unit's state is read now; before the statement it was now less the statement's own change.
create function setu_group_stats_apply(unit_ids integer[], d_workers integer[], d_public integer[], d_members bigint[]) returns void language plpgsql set jit = off as $$
declare
  parts setu_group_part[];
begin
  perform 1 from units where id = any(unit_ids) order by id for no key update;
  with d as (
    select * from unnest(unit_ids, d_workers, d_public, d_members) x(unit_id, w, p, m)
  ), now as (
    select g.unit_id, count(*) filter (where g.purpose = 'workers')::int as w, count(*) filter (where g.purpose = 'public')::int as p
    from whatsapp_groups g where g.unit_id = any(unit_ids) and g.archived_at is null group by g.unit_id
  )
  select array_agg(x) into parts from (
    select (u.path::text, u.archived_at is null, u.level, coalesce(now.w, 0), coalesce(now.p, 0), d.m, 1)::setu_group_part as x
    from d join units u on u.id = d.unit_id left join now on now.unit_id = d.unit_id
    union all
    select (u.path::text, u.archived_at is null, u.level, coalesce(now.w, 0) - d.w, coalesce(now.p, 0) - d.p, 0::bigint, -1)::setu_group_part
    from d join units u on u.id = d.unit_id left join now on now.unit_id = d.unit_id
  ) t;
  if parts is not null then perform setu_group_stats_add(parts); end if;
end $$;

-- One trigger per event: a trigger with transition tables fires for one event only.
create function whatsapp_groups_stats_ins() returns trigger language plpgsql set jit = off as $$
declare
  u integer[]; w integer[]; p integer[]; m bigint[];
begin
  select array_agg(unit_id), array_agg(dw), array_agg(dp), array_agg(dm) into u, w, p, m
  from (select unit_id, count(*) filter (where purpose = 'workers')::int as dw, count(*) filter (where purpose = 'public')::int as dp,
               sum(coalesce(member_count, 0))::bigint as dm
        from new_rows where archived_at is null group by unit_id) g;
  if u is not null then perform setu_group_stats_apply(u, w, p, m); end if;
  return null;
end $$;

create function whatsapp_groups_stats_upd() returns trigger language plpgsql set jit = off as $$
declare
  u integer[]; w integer[]; p integer[]; m bigint[];
begin
  select array_agg(unit_id), array_agg(dw), array_agg(dp), array_agg(dm) into u, w, p, m
  from (select unit_id, sum(sign * (purpose = 'workers')::int)::int as dw, sum(sign * (purpose = 'public')::int)::int as dp,
               sum(sign * coalesce(member_count, 0))::bigint as dm
        from (select unit_id, purpose, member_count, 1 as sign from new_rows where archived_at is null
              union all
              select unit_id, purpose, member_count, -1 from old_rows where archived_at is null) r
        group by unit_id) g
  where dw <> 0 or dp <> 0 or dm <> 0;
  if u is not null then perform setu_group_stats_apply(u, w, p, m); end if;
  return null;
end $$;

create function whatsapp_groups_stats_del() returns trigger language plpgsql set jit = off as $$
declare
  u integer[]; w integer[]; p integer[]; m bigint[];
begin
  select array_agg(unit_id), array_agg(dw), array_agg(dp), array_agg(dm) into u, w, p, m
  from (select unit_id, -count(*) filter (where purpose = 'workers')::int as dw, -count(*) filter (where purpose = 'public')::int as dp,
               -sum(coalesce(member_count, 0))::bigint as dm
        from old_rows where archived_at is null group by unit_id) g;
  if u is not null then perform setu_group_stats_apply(u, w, p, m); end if;
  return null;
end $$;

create trigger whatsapp_groups_stats_ins after insert on whatsapp_groups referencing new table as new_rows
  for each statement execute function whatsapp_groups_stats_ins();
create trigger whatsapp_groups_stats_upd after update on whatsapp_groups referencing old table as old_rows new table as new_rows
  for each statement execute function whatsapp_groups_stats_upd();
create trigger whatsapp_groups_stats_del after delete on whatsapp_groups referencing old table as old_rows
  for each statement execute function whatsapp_groups_stats_del();

-- New units: a live shakti kendra counts at once (a new unit has no groups yet). The demo's lakhs of kendras are
-- one statement, grouped by mandal before the ancestors are walked.
create function units_group_stats_ins() returns trigger language plpgsql set jit = off as $$
declare
  parts setu_group_part[];
begin
  select array_agg((path::text, true, level, 0, 0, 0::bigint, 1)::setu_group_part) into parts
  from new_rows where level = setu_kendra_level() and archived_at is null;
  if parts is not null then perform setu_group_stats_add(parts); end if;
  return null;
end $$;

-- Units that move, are archived or restored carry their state along: their contribution leaves the old path and
-- joins the new one. In a moved subtree the units below the moved one are on both paths and net to zero there.
create function units_group_stats_upd() returns trigger language plpgsql set jit = off as $$
declare
  kendra text := setu_kendra_level();
  parts setu_group_part[];
begin
  with changed as (
    select n.id, o.path::text as old_path, n.path::text as new_path, o.level as old_level, n.level as new_level,
           o.archived_at is null as was_live, n.archived_at is null as is_live
    from old_rows o join new_rows n on n.id = o.id
    where o.path <> n.path or (o.archived_at is null) <> (n.archived_at is null) or o.level <> n.level
  ), own as (
    select g.unit_id, count(*) filter (where g.purpose = 'workers')::int as w, count(*) filter (where g.purpose = 'public')::int as p,
           sum(coalesce(g.member_count, 0))::bigint as m
    from whatsapp_groups g join changed c on c.id = g.unit_id where g.archived_at is null group by g.unit_id
  ), relevant as (
    select c.*, coalesce(own.w, 0) as w, coalesce(own.p, 0) as p, coalesce(own.m, 0) as m
    from changed c left join own on own.unit_id = c.id
    where own.unit_id is not null or c.old_level = kendra or c.new_level = kendra
       or c.old_level = setu_booth_level() or c.new_level = setu_booth_level()
  )
  select array_agg(x) into parts from (
    select (old_path, was_live, old_level, w, p, m, -1)::setu_group_part as x from relevant
    union all
    select (new_path, is_live, new_level, w, p, m, 1)::setu_group_part from relevant
  ) t;
  if parts is not null then perform setu_group_stats_add(parts); end if;
  return null;
end $$;

create function units_group_stats_del() returns trigger language plpgsql set jit = off as $$
declare
  parts setu_group_part[];
begin
  -- A unit with groups cannot be deleted (whatsapp_groups.unit_id), so only kendras are taken off here.
  select array_agg((path::text, true, level, 0, 0, 0::bigint, -1)::setu_group_part) into parts
  from old_rows where level = setu_kendra_level() and archived_at is null;
  if parts is not null then perform setu_group_stats_add(parts); end if;
  return null;
end $$;

create trigger units_group_stats_ins after insert on units referencing new table as new_rows
  for each statement execute function units_group_stats_ins();
create trigger units_group_stats_upd after update on units referencing old table as old_rows new table as new_rows
  for each statement execute function units_group_stats_upd();
create trigger units_group_stats_del after delete on units referencing old table as old_rows
  for each statement execute function units_group_stats_del();

-- From scratch: for checking the counters, and after a change of levels in the configuration. The same sums as
-- setu_group_stats_add, over every live booth, kendra and unit with groups at once.
create function setu_group_stats_recount() returns void language plpgsql set jit = off as $$
declare
  booth text := setu_booth_level();
  kendra text := setu_kendra_level();
begin
  delete from unit_group_stats;
  with p as (
    select u.path, u.level = booth as b, u.level = kendra as k,
           coalesce(g.w, 0) > 0 as w, coalesce(g.p, 0) > 0 as pb, coalesce(g.w + g.p, 0) as n, coalesce(g.m, 0) as m
    from units u
    left join (select unit_id, count(*) filter (where purpose = 'workers')::int as w, count(*) filter (where purpose = 'public')::int as p,
                      sum(coalesce(member_count, 0))::bigint as m
               from whatsapp_groups where archived_at is null group by unit_id) g on g.unit_id = u.id
    where u.archived_at is null and nlevel(u.path) > 1 and (g.unit_id is not null or u.level in (booth, kendra))
  ), g as (
    select subpath(path, 0, nlevel(path) - 1)::text as ppath,
           sum(k::int) as sk,
           sum((b and w)::int) as bw, sum((b and pb)::int) as bp, sum((b and w and pb)::int) as bb,
           sum((k and w)::int) as kw, sum((k and pb)::int) as kp, sum((k and w and pb)::int) as kb,
           sum(n) as n, sum(m) as m
    from p group by 1
  )
  insert into unit_group_stats (unit_id, shakti_kendras, booths_workers, booths_public, booths_both,
                                kendras_workers, kendras_public, kendras_both, groups, members)
  select a.id, sum(g.sk)::int, sum(g.bw)::int, sum(g.bp)::int, sum(g.bb)::int, sum(g.kw)::int, sum(g.kp)::int, sum(g.kb)::int,
         sum(g.n)::int, sum(g.m)::bigint
  from g, unnest(string_to_array(g.ppath, '.')::int[]) a(id)
  group by a.id;
end $$;

select setu_group_stats_recount();

-- A one-time code proves a phone for one purpose only: signing in, joining by a sign-up link, or withdrawing consent
-- on the public page. A code sent for one is refused for the others.
alter table otp_challenges drop constraint otp_challenges_purpose_check,
  add constraint otp_challenges_purpose_check check (purpose in ('login', 'signup', 'withdraw'));
