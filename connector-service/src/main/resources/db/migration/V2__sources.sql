-- Sources: external systems we call. Field names follow OpenConnector's Source schema (seed 000).
-- Secret columns hold SecretCipher output ("enc:v1:<keyId>:..."), never plaintext; secret-looking
-- values inside authentication_config / configuration are encrypted in place inside the jsonb.
create table source (
    id                               uuid        primary key,
    name                             text        not null,
    description                      text,
    reference                        text,
    version                          text,
    location                         text,
    is_enabled                       boolean     not null default true,
    type                             text        not null,
    authorization_header             text,
    auth                             text,
    authentication_config            jsonb,
    authorization_passthrough_method text,
    locale                           text,
    accept                           text,
    jwt                              text,
    jwt_id                           text,
    secret                           text,
    username                         text,
    password                         text,
    apikey                           text,
    documentation                    text,
    logging_config                   jsonb,
    oas                              jsonb,
    paths                            jsonb,
    headers                          jsonb,
    translation_config               jsonb,
    configuration                    jsonb,
    endpoints_config                 jsonb,
    created                          timestamptz not null,
    updated                          timestamptz not null
);
-- The default list order, and the filters used most.
create index source_created on source (created desc, id);
create index source_name on source (name);
