-- Production roles for Setu on PostgreSQL (docs/ARCHITECTURE.md, "Audit"). Run as the owner role (setu_owner) after
-- every `setu migrate`; it is idempotent. The server connects as setu_app, which owns nothing: it may read and write the
-- tables it needs, and only read and append the audit log. The owner (migrations only, its password kept off the app
-- servers) could still disable the log's triggers or rewrite it; the keyed chain and the anchors outside the database
-- are what show that.
grant usage on schema public to setu_app;
grant select, insert, update, delete on all tables in schema public to setu_app;
grant usage, select on all sequences in schema public to setu_app;
revoke all on audit_log from setu_app;
grant select, insert on audit_log to setu_app;
