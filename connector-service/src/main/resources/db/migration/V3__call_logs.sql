-- One row per outbound call (OpenConnector's CallLog, seed 000). Written in batches from the
-- connector.call-logs topic; headers, bodies and URLs are redacted and truncated before they get here.
create table call_log (
    id               uuid        primary key,
    source_id        uuid        not null,
    endpoint         text,
    url              text,
    method           text        not null,
    status_code      int,
    request_headers  jsonb,
    request_body     jsonb,
    response_headers jsonb,
    response_body    jsonb,
    duration         bigint      not null,
    error            text,
    created          timestamptz not null
);
create index call_log_source_created on call_log (source_id, created desc);
create index call_log_created on call_log (created);
