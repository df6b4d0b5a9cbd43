-- Shared by every service (platform-common): the transactional outbox and the processed-message
-- log of idempotent consumers. Versions 0.x are reserved for platform-common; services use 1+.
create table outbox (
    seq          bigserial primary key,
    event_id     text        not null unique,
    topic        text        not null,
    message_key  text        not null,
    payload      text        not null, -- the structured CloudEvent exactly as published
    created_at   timestamptz not null default now(),
    sent_at      timestamptz,
    attempts     int         not null default 0,
    last_error   text
);
-- The relay only ever looks for unsent rows, oldest first.
create index outbox_unsent on outbox (seq) where sent_at is null;

create table processed_message (
    consumer     text        not null,
    message_id   text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, message_id)
);
