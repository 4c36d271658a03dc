-- Coverage: how many booths below a unit have someone in the head role (the role with the lowest rank, the convener
-- by default), over all departments and per department. Counters kept by triggers, so a state's coverage is a key
-- read instead of a join of 1.6 lakh booths with their positions.
--
-- unit_coverage(u, d).covered = live booths strictly below u holding a live head-role position in department d;
-- d = '*' counts a head in any department (or none). As with unit_stats, a booth's own state is read, not stored
-- (positions_unit makes it a key lookup), so a lakh of appointments writes counters only for their ancestors.
-- Department codes match ^[a-z], so '*' names no department.
create table unit_coverage (
  unit_id integer not null references units (id) on delete cascade,
  department text not null,
  covered integer not null default 0,
  primary key (unit_id, department)
);

create function setu_head_role() returns text language sql stable as
$$ select code from roles order by rank, code limit 1 $$;

-- Applies a statement's net change in live head-role positions, per (unit, department) with '*' for any: a live booth
-- whose count went from 0 to more is newly covered, from more to 0 uncovered, and the ancestors are told, grouped by
-- parent path (a lakh of booth appointments walk once per shakti kendra). The booth rows are locked first, in id
-- order: two appointments at one booth then count one after the other (the second sees the first's committed
-- position), and a move or archive of the booth waits for the appointment or is waited for, so the path read here
-- is the one that commits.
create function setu_coverage_apply(unit_ids integer[], departments text[], changes integer[]) returns void language plpgsql as $$
declare
  head text := setu_head_role();
  booth text := setu_booth_level();
begin
  perform 1 from units where id = any(unit_ids) and level = booth order by id for no key update;
  with delta as (
    select * from unnest(unit_ids, departments, changes) x(unit_id, department, n)
  ), b as (
    select id, path from units where id = any(unit_ids) and level = booth and archived_at is null and nlevel(path) > 1
  ), now as (
    select p.unit_id, x.department, count(*) as c
    from positions p join b on b.id = p.unit_id
    cross join lateral (values ('*'), (p.department)) x(department)
    where p.role = head and p.ended_at is null and x.department is not null
    group by 1, 2
  ), counted as (
    select b.path, d.department, d.n, coalesce(now.c, 0) as now
    from delta d join b on b.id = d.unit_id left join now on now.unit_id = d.unit_id and now.department = d.department
  ), change as (
    -- covered now, less covered before this statement (its own change taken back out of the count)
    select path, department, (now > 0)::int - (now - n > 0)::int as n from counted
  )
  insert into unit_coverage (unit_id, department, covered)
  select a.id, g.department, sum(g.n)::int
  from (select subpath(path, 0, nlevel(path) - 1)::text as ppath, department, sum(n) as n
        from change where n <> 0 group by 1, 2) g,
       unnest(string_to_array(g.ppath, '.')::int[]) a(id)
  group by a.id, g.department
  on conflict (unit_id, department) do update set covered = unit_coverage.covered + excluded.covered;
end $$;

-- Statement-level, like the booth counters: a bulk appointment of a lakh booth conveners is one call.
create function positions_coverage_insert() returns trigger language plpgsql as $$
declare
  head text := setu_head_role();
  u integer[]; d text[]; n integer[];
begin
  select array_agg(unit_id), array_agg(department), array_agg(c) into u, d, n
  from (select r.unit_id, x.department, count(*)::int as c
        from new_rows r cross join lateral (values ('*'), (r.department)) x(department)
        where r.role = head and r.ended_at is null and x.department is not null group by 1, 2) g;
  if u is not null then perform setu_coverage_apply(u, d, n); end if;
  return null;
end $$;

create function positions_coverage_update() returns trigger language plpgsql as $$
declare
  head text := setu_head_role();
  u integer[]; d text[]; n integer[];
begin
  select array_agg(unit_id), array_agg(department), array_agg(c) into u, d, n
  from (select r.unit_id, x.department, sum(r.sign)::int as c
        from (select unit_id, department, role, ended_at, 1 as sign from new_rows
              union all
              select unit_id, department, role, ended_at, -1 from old_rows) r
        cross join lateral (values ('*'), (r.department)) x(department)
        where r.role = head and r.ended_at is null and x.department is not null
        group by 1, 2 having sum(r.sign) <> 0) g;
  if u is not null then perform setu_coverage_apply(u, d, n); end if;
  return null;
end $$;

create function positions_coverage_delete() returns trigger language plpgsql as $$
declare
  head text := setu_head_role();
  u integer[]; d text[]; n integer[];
begin
  select array_agg(unit_id), array_agg(department), array_agg(c) into u, d, n
  from (select r.unit_id, x.department, -count(*)::int as c
        from old_rows r cross join lateral (values ('*'), (r.department)) x(department)
        where r.role = head and r.ended_at is null and x.department is not null group by 1, 2) g;
  if u is not null then perform setu_coverage_apply(u, d, n); end if;
  return null;
end $$;

create trigger positions_coverage_ins after insert on positions referencing new table as new_rows
  for each statement execute function positions_coverage_insert();
create trigger positions_coverage_upd after update on positions referencing old table as old_rows new table as new_rows
  for each statement execute function positions_coverage_update();
create trigger positions_coverage_del after delete on positions referencing old table as old_rows
  for each statement execute function positions_coverage_delete();

-- Booths that move, are archived or restored carry their state along: it leaves the old path and joins the new one
-- (or none, when archived). A booth's state is read from positions, which this statement does not change. Grouped by
-- parent path as for the booth counters, so moving a district costs one ancestor walk per shakti kendra; the units in
-- the moved subtree are on both paths, and their counts net to zero.
create function units_coverage_update() returns trigger language plpgsql as $$
declare
  head text := setu_head_role();
  booth text := setu_booth_level();
begin
  with changed as (
    select n.id, o.path as old_path, n.path as new_path,
           (o.level = booth and o.archived_at is null) as was_live, (n.level = booth and n.archived_at is null) as is_live
    from old_rows o join new_rows n on n.id = o.id
    where (o.level = booth or n.level = booth)
      and (o.path <> n.path or (o.archived_at is null) <> (n.archived_at is null) or o.level <> n.level)
  ), state as (
    select distinct ch.id, x.department
    from changed ch join positions p on p.unit_id = ch.id and p.role = head and p.ended_at is null
    cross join lateral (values ('*'), (p.department)) x(department)
    where x.department is not null
  ), moves as (
    select ch.old_path as path, s.department, -1 as n from changed ch join state s on s.id = ch.id where ch.was_live
    union all
    select ch.new_path, s.department, 1 from changed ch join state s on s.id = ch.id where ch.is_live
  )
  insert into unit_coverage (unit_id, department, covered)
  select a.id, g.department, sum(g.n)::int
  from (select subpath(path, 0, nlevel(path) - 1)::text as ppath, department, sum(n) as n
        from moves where nlevel(path) > 1 group by 1, 2) g,
       unnest(string_to_array(g.ppath, '.')::int[]) a(id)
  group by a.id, g.department having sum(g.n) <> 0
  on conflict (unit_id, department) do update set covered = unit_coverage.covered + excluded.covered;
  return null;
end $$;

create trigger units_coverage_upd after update on units referencing old table as old_rows new table as new_rows
  for each statement execute function units_coverage_update();

-- From scratch: after the head role changes in the configuration, and for checking the counters.
create function setu_coverage_recount() returns void language plpgsql as $$
declare
  head text := setu_head_role();
  booth text := setu_booth_level();
begin
  delete from unit_coverage;
  insert into unit_coverage (unit_id, department, covered)
  select a.id, g.department, sum(g.n)::int
  from (select subpath(path, 0, nlevel(path) - 1)::text as ppath, department, count(*) as n
        from (select distinct u.id, u.path, d.department
              from positions p join units u on u.id = p.unit_id
              cross join lateral (values ('*'), (p.department)) d(department)
              where p.role = head and p.ended_at is null and u.level = booth and u.archived_at is null
                and d.department is not null and nlevel(u.path) > 1) c
        group by 1, 2) g,
       unnest(string_to_array(g.ppath, '.')::int[]) a(id)
  group by a.id, g.department;
end $$;

select setu_coverage_recount();
