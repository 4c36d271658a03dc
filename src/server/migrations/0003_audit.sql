-- Append-only audit log. Each row's hash covers its content and the previous row's hash, so any edit,
-- deletion or reordering breaks the chain (`setu audit verify`). The triggers refuse UPDATE, DELETE, TRUNCATE.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  actor_id integer,
  action text not null,
  outcome text not null check (outcome in ('ok', 'denied', 'failed')),
  target_type text,
  target_id text,
  ip text,
  details jsonb not null default '{}',
  prev_hash bytea not null,
  hash bytea not null
);
create index audit_log_actor on audit_log (actor_id, at);
create index audit_log_target on audit_log (target_type, target_id);

create function audit_log_refuse() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_update before update or delete on audit_log for each row execute function audit_log_refuse();
create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_refuse();
