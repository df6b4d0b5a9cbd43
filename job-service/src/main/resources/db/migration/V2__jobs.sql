-- Jobs and their runs. A run row is the claim (lease) while it runs and the job log once it ends:
-- one row per planned run, so "every planned run exactly once" is a unique key, not a hope.
create table job (
    id                  uuid        primary key,
    name                text        not null,
    description         text,
    job_class           text        not null,
    arguments           jsonb       not null default '{}',
    interval_seconds    int         not null default 3600,
    cron                text,
    execution_time      int         not null default 3600,
    time_sensitive      boolean     not null default true,
    allow_parallel_runs boolean     not null default false,
    is_enabled          boolean     not null default true,
    single_run          boolean     not null default false,
    schedule_after      timestamptz,
    user_id             text,
    job_list_id         text,
    log_retention       int         not null default 3600,
    error_retention     int         not null default 86400,
    last_run            timestamptz,
    next_run            timestamptz,
    version             text        not null default '0.0.1',
    created             timestamptz not null default now(),
    updated             timestamptz not null default now()
);
-- The scheduler's only question: which enabled jobs are due, earliest first.
create index job_due on job (next_run) where is_enabled and next_run is not null;

create table job_log (
    id              uuid        primary key,
    job_id          uuid        not null references job (id) on delete cascade,
    job_class       text        not null,
    arguments       jsonb       not null default '{}',
    -- running: claimed and executing; awaiting: handed off (sync), waiting for its result
    status          text        not null check (status in ('running', 'awaiting', 'succeeded', 'failed')),
    level           text        not null default 'INFO',
    message         text,
    stack_trace     jsonb       not null default '[]',
    result          jsonb,
    planned_at      timestamptz not null,
    forced          boolean     not null default false,
    manual          boolean     not null default false,
    instance_id     text        not null,
    attempt         int         not null default 1,
    lease_until     timestamptz not null,
    deadline        timestamptz not null,
    execution_time  bigint,
    user_id         text,
    session_id      text,
    last_run        timestamptz,
    next_run        timestamptz,
    created         timestamptz not null default now(),
    finished        timestamptz,
    expires         timestamptz
);
-- Scheduled runs: at most one row per planned time of a job (manual runs are outside this).
create unique index job_log_planned on job_log (job_id, planned_at) where not manual;
create index job_log_job_created on job_log (job_id, created desc);
create index job_log_created on job_log (created desc);
create index job_log_open on job_log (lease_until) where status in ('running', 'awaiting');
create index job_log_expires on job_log (expires) where expires is not null;
