-- Event definitions (what to deliver), their webhook subscriptions (where to, signed with which
-- secret) and one event_message per (subscription, CloudEvent) with its delivery attempts.
create table event (
    id                uuid primary key,
    name              text        not null,
    description       text,
    event_type        text        not null,
    payload           jsonb,
    priority          int         not null default 5,
    timeout_seconds   int,
    is_async          boolean     not null default true,
    allow_duplicates  boolean     not null default true,
    is_enabled        boolean     not null default true,
    one_time          boolean     not null default false,
    schedule_after    text,
    user_id           text,
    event_group_id    text,
    retention_period  int,
    error_retention   int,
    last_triggered    timestamptz,
    next_trigger      timestamptz,
    created           timestamptz not null default now(),
    updated           timestamptz not null default now()
);
create index event_enabled_type on event (event_type) where is_enabled;

create table subscription (
    id                      uuid primary key,
    event_id                uuid        not null references event (id) on delete cascade,
    callback_url            text        not null,
    description             text,
    filters                 jsonb,
    -- SecretCipher ciphertext of the whsec_ secret; previous_secret signs too until it expires
    secret                  text        not null,
    previous_secret         text,
    previous_secret_expires timestamptz,
    secret_rotated          timestamptz,
    is_enabled              boolean     not null default true,
    disabled_reason         text,
    failing_since           timestamptz,
    created                 timestamptz not null default now(),
    updated                 timestamptz not null default now()
);
create index subscription_event on subscription (event_id);

create table event_message (
    id              uuid primary key,
    event_id        uuid        not null,
    subscription_id uuid        not null references subscription (id) on delete cascade,
    cloud_event_id  text        not null,
    event_type      text        not null,
    payload         jsonb       not null,
    content_hash    text,
    priority        int         not null default 5,
    status          text        not null,
    attempts        int         not null default 0,
    next_attempt    timestamptz,
    last_attempt    timestamptz,
    last_status_code int,
    last_error      text,
    -- lease of the replica that is sending it right now; expires if that replica dies
    locked_until    timestamptz,
    created         timestamptz not null default now(),
    updated         timestamptz not null default now(),
    -- a redelivered Kafka record must never produce a second delivery
    constraint event_message_once unique (subscription_id, cloud_event_id)
);
create index event_message_due on event_message (priority desc, next_attempt) where status in ('pending', 'retrying');
create index event_message_inflight on event_message (subscription_id) where locked_until is not null;
create index event_message_event on event_message (event_id, created desc);
create index event_message_subscription on event_message (subscription_id, created desc);
create index event_message_hash on event_message (subscription_id, content_hash) where content_hash is not null;

create table event_message_attempt (
    id           bigserial primary key,
    message_id   uuid        not null references event_message (id) on delete cascade,
    attempted_at timestamptz not null,
    status_code  int,
    duration_ms  bigint      not null,
    response     text,
    error        text
);
create index event_message_attempt_message on event_message_attempt (message_id, id);
