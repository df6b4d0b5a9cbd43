-- sync-service: synchronizations, their per-object contracts and one log per run.

create table synchronization (
    id                    uuid primary key,
    name                  text not null,
    description           text,
    version               text not null,
    conditions            jsonb,
    source_id             text not null,
    source_type           text not null,
    source_hash_mapping   text,
    source_target_mapping text,
    source_config         jsonb not null,
    target_id             text not null,
    target_type           text not null,
    target_source_mapping text,
    target_config         jsonb not null,
    actions               jsonb not null,
    source_last_changed   timestamptz,
    source_last_checked   timestamptz,
    source_last_synced    timestamptz,
    target_last_changed   timestamptz,
    target_last_checked   timestamptz,
    target_last_synced    timestamptz,
    -- the run lease: one run per synchronization; a lease left by a killed process expires
    run_id                uuid,
    run_lease_until       timestamptz,
    created               timestamptz not null,
    updated               timestamptz not null
);

create table contract (
    id                  uuid primary key,
    synchronization_id  uuid not null references synchronization (id) on delete cascade,
    origin_id           text not null,
    target_id           text,
    source_hash         text,
    target_hash         text,
    target_last_action  text,
    source_last_changed timestamptz,
    source_last_checked timestamptz,
    source_last_synced  timestamptz,
    target_last_synced  timestamptz,
    created             timestamptz not null,
    updated             timestamptz not null,
    unique (synchronization_id, origin_id)
);
create index contract_sync_target on contract (synchronization_id, target_id);

create table sync_log (
    id                 uuid primary key,
    synchronization_id uuid not null references synchronization (id) on delete cascade,
    status             text not null,
    trigger            text not null,
    job_run_id         text,
    test               boolean not null,
    force              boolean not null,
    counts             jsonb not null,
    stages             jsonb not null,
    error              text,
    started            timestamptz not null,
    finished           timestamptz
);
create index sync_log_sync on sync_log (synchronization_id, started desc);
