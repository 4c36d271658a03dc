-- The audit chain becomes keyed: a row's hash is an HMAC with a key derived from SETU_SECRET_KEY, which the database
-- does not hold, so someone who can write the table can no longer recompute a valid chain after changing it.
-- `mac` says how each row's hash was made: 0 for the rows written before this migration (sha256, still verified),
-- 1 for HMAC-SHA256. Adding the column fills the old rows without firing the append-only triggers. No default for new
-- rows: a process that does not know about the key (an older version) fails to write instead of writing weak rows.
alter table audit_log add column mac smallint not null default 0 check (mac in (0, 1));
alter table audit_log alter column mac drop default;
