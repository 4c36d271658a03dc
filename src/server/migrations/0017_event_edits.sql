-- Events are edited after they are made (titles, description, sessions, times). Every edit stamps the row with
-- `revision` and `updated_at`, which 0016 added for the calendar feeds (SEQUENCE, LAST-MODIFIED).

-- The list of events under a unit (GET /api/units/{id}/events) reads events in time order, linked events folded into
-- the event they were held from: at the national unit every event is in scope, so the list walks this index (forwards
-- for what is coming, backwards for what is over) and stops at a page.
create index if not exists events_top_by_start on events (starts_at, id) where parent_id is null;
