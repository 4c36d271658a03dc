-- Duplicate suggestions kept as they are written, so reading them at an assembly or a state is a lookup, not a
-- comparison of every name with every other (which took 170 s for an assembly). Each write that can make or unmake
-- a pair (a new record, a changed name, phone or home unit) puts the person in person_duplicates_due, a cheap
-- insert that keeps imports at their speed; a background turn (and the read itself, for its own subtree) compares
-- each due person with the live records on the same phone and at the same home unit only, through indexes, and
-- keeps the pairs in person_duplicates.

create extension if not exists btree_gin;

-- The name index gains the home unit as its first key: "similar names at this unit" becomes one index probe, and
-- name searches over any subtree use it as they used the old one (a GIN index serves any subset of its columns).
create index people_unit_search on people using gin (home_unit_id, search_key gin_trgm_ops);
drop index people_search;

-- A pair with both people's home units as they were when compared (a move of either person unpairs and compares
-- again, below), so a read filters pairs by the units in its subtree without touching the people table; the erased
-- and the merged are unpaired by the same trigger, so every pair here is between two live records.
create table person_duplicates (
  a integer not null references people (id) on delete cascade,
  b integer not null references people (id) on delete cascade,
  unit_a integer not null references units (id) on delete cascade,
  unit_b integer not null references units (id) on delete cascade,
  reason text not null check (reason in ('same_phone_similar_name', 'similar_name_same_booth')),
  score real not null check (score between 0 and 1),
  found_at timestamptz not null default now(),
  primary key (a, b),
  check (a < b)
);
create index person_duplicates_b on person_duplicates (b);
-- A booth's read starts from its units; a state's walks the best pairs first and stops at a page.
create index person_duplicates_unit on person_duplicates (unit_a);
create index person_duplicates_best on person_duplicates (score desc, a, b);

-- No foreign key: its check would cost each imported row more than the insert itself (people are never deleted,
-- only erased, and a due id without a live person is simply skipped).
create table person_duplicates_due (
  person_id integer primary key
);

-- New records, in bulk: one insert per statement from the transition table, not one per row.
create function people_duplicates_due_new() returns trigger language plpgsql as $$
begin
  insert into person_duplicates_due (person_id)
    select id from inserted where erased_at is null and merged_into is null and search_key is not null
    on conflict do nothing;
  return null;
end;
$$;
create trigger people_duplicates_due_new after insert on people
  referencing new table as inserted for each statement execute function people_duplicates_due_new();

-- A record whose name, phone or home unit changed loses its pairs and is compared again; an erased or merged one
-- only loses them.
create function people_duplicates_due_changed() returns trigger language plpgsql as $$
begin
  delete from person_duplicates where a = new.id or b = new.id;
  if new.erased_at is null and new.merged_into is null and new.search_key is not null then
    insert into person_duplicates_due (person_id) values (new.id) on conflict do nothing;
  else
    delete from person_duplicates_due where person_id = new.id;
  end if;
  return null;
end;
$$;
-- No column list: `update of name` would not fire it, though people_search_key then changes search_key.
create trigger people_duplicates_due_changed after update on people
  for each row
  when (old.search_key is distinct from new.search_key or old.phone_hash is distinct from new.phone_hash
        or old.home_unit_id is distinct from new.home_unit_id or old.erased_at is distinct from new.erased_at
        or old.merged_into is distinct from new.merged_into)
  execute function people_duplicates_due_changed();

-- Everyone already here is compared once, by the first background turns after the upgrade.
insert into person_duplicates_due (person_id)
  select id from people where erased_at is null and merged_into is null and search_key is not null;
