-- Login by phone and one-time code; sessions; fixed-window rate limits shared by every server process.
create table otp_challenges (
  id uuid primary key,
  phone_hash bytea not null,
  code_hash bytea not null,
  person_id integer references people (id),
  ip text,
  attempts smallint not null default 0,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  consumed_at timestamptz
);
create index otp_challenges_phone on otp_challenges (phone_hash, created_at desc);

create table sessions (
  id uuid primary key,
  token_hash bytea not null unique,
  person_id integer not null references people (id),
  ip text,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_person on sessions (person_id) where revoked_at is null;

create table rate_limits (
  key text not null,
  window_start timestamptz not null,
  hits integer not null,
  primary key (key, window_start)
);
