-- gateway-service: API clients (consumers, seed 000) and the tokens they authenticate with
-- (Alumio-style API tokens, seed 003). Schema only for now: the API for both arrives with
-- authentication. Secrets are never stored in clear: authorization_configuration holds
-- SecretCipher ciphertext for its secret members, and a token is kept only as its SHA-256 hash.

create table consumers (
    id                          uuid primary key,
    name                        varchar(255) not null,
    description                 text,
    domains                     jsonb not null default '[]'::jsonb,
    ips                         jsonb not null default '[]'::jsonb,
    authorization_type          varchar(16) not null default 'none'
        check (authorization_type in ('none', 'basic', 'bearer', 'apiKey', 'oauth2', 'jwt')),
    authorization_configuration jsonb not null default '{}'::jsonb,
    user_id                     varchar(255),
    created                     timestamptz not null default now(),
    updated                     timestamptz not null default now()
);

create unique index consumers_name_uq on consumers (lower(name));

create table api_tokens (
    id           uuid primary key,
    consumer_id  uuid references consumers (id) on delete cascade,
    name         varchar(45) not null,
    description  text,
    -- hex SHA-256 of the token; the clear token is shown once, at creation
    token_hash   char(64) not null unique,
    -- first characters of the token, so a user can tell tokens apart without the secret
    token_prefix varchar(12) not null,
    scopes       jsonb not null default '[]'::jsonb,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    created      timestamptz not null default now(),
    updated      timestamptz not null default now()
);

create index api_tokens_consumer_idx on api_tokens (consumer_id);
