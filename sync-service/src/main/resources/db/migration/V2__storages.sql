-- Named key/value storages (Alumio-style): a synchronization target, also usable on its own.
create table storage (
    identifier  text primary key,
    name        text,
    description text,
    created     timestamptz not null,
    updated     timestamptz not null
);

create table storage_entity (
    storage  text not null references storage (identifier) on delete cascade,
    key      text not null,
    value    jsonb not null,
    created  timestamptz not null,
    updated  timestamptz not null,
    primary key (storage, key)
);
