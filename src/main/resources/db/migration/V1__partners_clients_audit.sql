-- Partners (Wadah), their OAuth2 clients, and the audit trail of every write.

create table partner (
    id                    bigint generated always as identity primary key,
    code                  varchar(32)  not null,
    name                  varchar(200) not null,
    type                  varchar(16)  not null,
    branch_office         varchar(100) not null,
    status                varchar(16)  not null default 'ACTIVE',
    -- quotas (records per WIB day, batch size, requests per minute); enforced by the quota module
    registrations_per_day integer      not null,
    contributions_per_day integer      not null,
    max_batch_records     integer      not null,
    requests_per_minute   integer      not null,
    created_at            timestamptz  not null default now(),
    updated_at            timestamptz  not null default now(),
    version               bigint       not null default 0,
    constraint partner_code_uk unique (code),
    constraint partner_code_format_ck check (code ~ '^[A-Z0-9][A-Z0-9-]{2,31}$'),
    constraint partner_type_ck check (type in ('AGGREGATOR', 'UNION', 'COMMUNITY', 'OTHER')),
    constraint partner_status_ck check (status in ('ACTIVE', 'SUSPENDED')),
    constraint partner_quota_ck check (registrations_per_day >= 0 and contributions_per_day >= 0
        and max_batch_records >= 1 and requests_per_minute >= 1)
);

-- OAuth2 client-credentials clients. partner_id null = an agency-staff client (scope admin).
create table oauth_client (
    id           bigint generated always as identity primary key,
    client_id    varchar(64)  not null,
    partner_id   bigint references partner (id),
    name         varchar(100) not null,
    scopes       varchar(400) not null,
    secret_hash  varchar(100) not null,
    created_at   timestamptz  not null default now(),
    revoked_at   timestamptz,
    last_used_at timestamptz,
    constraint oauth_client_client_id_uk unique (client_id)
);
create index oauth_client_partner_idx on oauth_client (partner_id);

-- Append-only audit trail: who (partner, token subject, token id) did what to which ids, when.
-- Never holds personal data: ids and field names only.
create table audit_log (
    id             bigint generated always as identity primary key,
    occurred_at    timestamptz not null default now(),
    action         varchar(64) not null,
    actor_partner  varchar(32),
    subject        varchar(255),
    token_id       varchar(255),
    client_id      varchar(64),
    partner_code   varchar(32),
    resource_type  varchar(64) not null,
    resource_id    varchar(255),
    request_id     varchar(64),
    details        text
);
create index audit_log_partner_time_idx on audit_log (partner_code, occurred_at);
create index audit_log_resource_idx on audit_log (resource_type, resource_id);
