-- Partner quotas: records accepted per WIB day, and API calls per minute. The rows are the source of truth for every
-- replica; they are changed only by single conditional statements.

create table quota_usage (
    partner_id bigint      not null references partner (id),
    -- 'registrations' or 'contributions'
    quota      varchar(16) not null,
    -- the WIB calendar day
    day        date        not null,
    used       bigint      not null,
    primary key (partner_id, quota, day)
);

create table request_usage (
    partner_id   bigint      not null references partner (id),
    -- start of the one-minute window (UTC)
    window_start timestamptz not null,
    used         bigint      not null,
    primary key (partner_id, window_start)
);

-- which replica completed a batch (each batch is processed by exactly one lease holder at a time)
alter table registration_batch add column completed_by varchar(64);
