-- Mappings (OpenConnector's Mapping, seed 000): the definition parts are jsonb so sync-service can
-- read them back exactly as written; they were compiled (validated) by the engine before storing.
create table mapping (
    id            uuid        primary key,
    name          text        not null,
    description   text,
    reference     text,
    version       text        not null,
    mapping       jsonb       not null,
    unset         jsonb       not null default '[]',
    "cast"        jsonb       not null default '{}',
    pass_through  boolean     not null default false,
    date_created  timestamptz not null,
    date_modified timestamptz not null
);
create index mapping_date_created on mapping (date_created desc, id);
create index mapping_name on mapping (name);

-- Rules (seed 000): endpoint/synchronization plug-in steps with JSON Logic conditions.
create table rule (
    id            uuid        primary key,
    name          text        not null,
    description   text,
    action        text        not null,
    timing        text        not null,
    conditions    jsonb       not null default '[]',
    type          text        not null,
    configuration jsonb       not null default '{}',
    rule_order    int         not null default 0,
    created       timestamptz not null,
    updated       timestamptz not null
);
create index rule_created on rule (created desc, id);
create index rule_type on rule (type);
