-- Events are edited after they are made (titles, description, sessions, times). Calendar feeds say which version of
-- an event they carry, so every edit stamps the row.
alter table events add column if not exists updated_at timestamptz not null default now();

-- The list of events under a unit (GET /api/units/{id}/events) reads events in time order, linked events folded into
-- the event they were held from: at the national unit every event is in scope, so the list walks this index (forwards
-- for what is coming, backwards for what is over) and stops at a page.
create index if not exists events_top_by_start on events (starts_at, id) where parent_id is null;
