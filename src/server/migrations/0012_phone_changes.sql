-- A phone that can sign in is a login identity: changing it is proved by a code sent to the new number (an
-- otp_challenges row of purpose 'phone_change', bound to the new number's blind index), and only then applied.
alter table otp_challenges drop constraint otp_challenges_purpose_check,
  add constraint otp_challenges_purpose_check check (purpose in ('login', 'signup', 'withdraw', 'phone_change'));

-- The change waiting for its code: the new number sealed like every phone, who asked, and when it was applied.
create table phone_changes (
  attempt_id uuid primary key references otp_challenges (id) on delete cascade,
  person_id integer not null references people (id),
  phone_enc bytea,
  phone_hash bytea,
  pii_key_id smallint,
  requested_by integer not null references people (id),
  created_at timestamptz not null default now(),
  applied_at timestamptz
);
create index phone_changes_person on phone_changes (person_id);
