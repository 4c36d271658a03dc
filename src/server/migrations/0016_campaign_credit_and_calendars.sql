-- A target at a level is met per unit: what one unit did beyond its own target does not fill another unit's gap.
-- campaign_progress.achieved is from now on what is credited against the targets (each target-level unit's count up
-- to its own target); beside it, everything counted, and how many target-level units met a target above nought out
-- of how many have one. The rows are rebuilt by the refresher: mark every activity stale so the next turn recounts.
alter table campaign_progress
  add column counted integer not null default 0,
  add column units_met integer not null default 0,
  add column units integer not null default 0;
update campaign_refreshes set stale = true;

-- Calendar apps update an event in place when its SEQUENCE grows; LAST-MODIFIED says when it last changed. Bumped by
-- every change a feed shows (times, venue, link, people, cancellation).
alter table events
  add column revision integer not null default 0,
  add column updated_at timestamptz;

-- This installation's own id, made once: it makes the UIDs of calendar entries unique across installations (two
-- organisations' "event 162" are different events to a phone subscribed to both). It is no secret: a feed shows it.
create table installation (
  id uuid primary key default gen_random_uuid(),
  only_one boolean not null default true unique check (only_one)
);
insert into installation default values;
