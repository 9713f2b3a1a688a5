-- The participant registry, Perisai agents, registration batches and idempotency keys.
-- Personal data: the NIK is stored only as AES-256-GCM ciphertext (nik_cipher) plus an HMAC-SHA256 blind index
-- (nik_index) used for national de-duplication, and a masked form for display.

create table participant (
    id                       uuid         primary key,
    nik_index                bytea        not null,
    nik_cipher               bytea        not null,
    nik_masked               varchar(18)  not null,
    full_name                varchar(100),
    birth_date               date,
    gender                   char(1),
    phone                    varchar(16),
    email                    varchar(254),
    occupation               varchar(32),
    monthly_income           bigint,
    jht                      boolean      not null default false,
    address                  varchar(200),
    region_code              varchar(13),
    -- ACTIVE, LAPSED or VOID
    status                   varchar(8)   not null,
    -- PARTNER: registered through a batch; REGISTRY: imported by admin from another channel
    source                   varchar(8)   not null,
    -- the partner managing the participant now, and the one that registered it first (null for imports)
    partner_id               bigint       references partner (id),
    registered_by_partner_id bigint       references partner (id),
    agent_id                 bigint,
    registered_at            timestamptz  not null,
    -- first day of the WIB month of the (re)registration: coverage starts there
    registration_month       date         not null,
    -- first day of the last paid month; null before the first payment
    covered_until            date,
    -- created new by its current registration (an agent's acquisition when it has an agent)
    new_participant          boolean      not null default false,
    source_batch_id          uuid,
    source_index             integer,
    created_at               timestamptz  not null default now(),
    updated_at               timestamptz  not null default now(),
    constraint participant_nik_index_uk unique (nik_index),
    constraint participant_status_ck check (status in ('ACTIVE', 'LAPSED', 'VOID')),
    constraint participant_source_ck check (source in ('PARTNER', 'REGISTRY'))
);
create index participant_partner_idx on participant (partner_id);
create index participant_registered_by_idx on participant (registered_by_partner_id);
create index participant_agent_idx on participant (agent_id);

create table agent (
    id                  bigint       generated always as identity primary key,
    agent_code          varchar(16)  not null,
    partner_id          bigint       not null references partner (id),
    participant_id      uuid         not null references participant (id),
    nik_index           bytea        not null,
    nik_cipher          bytea        not null,
    nik_masked          varchar(18)  not null,
    full_name           varchar(100) not null,
    phone               varchar(16)  not null,
    email               varchar(254),
    bank_code           varchar(32)  not null,
    bank_account_cipher bytea        not null,
    bank_account_masked varchar(32)  not null,
    bank_account_name   varchar(100) not null,
    education           varchar(4)   not null,
    -- ACTIVE, INACTIVE (partner or inactivity job), SUSPENDED (admin)
    status              varchar(10)  not null,
    created_at          timestamptz  not null default now(),
    updated_at          timestamptz  not null default now(),
    version             bigint       not null default 0,
    constraint agent_code_uk unique (agent_code),
    constraint agent_nik_index_uk unique (nik_index),
    constraint agent_status_ck check (status in ('ACTIVE', 'INACTIVE', 'SUSPENDED'))
);
create index agent_partner_idx on agent (partner_id, agent_code);
alter table participant add constraint participant_agent_fk foreign key (agent_id) references agent (id);

create table registration_batch (
    id              uuid         primary key,
    partner_id      bigint       not null references partner (id),
    -- RECEIVED, PROCESSING, COMPLETED or FAILED
    status          varchar(12)  not null,
    dry_run         boolean      not null,
    content_type    varchar(32)  not null,
    submitted_at    timestamptz  not null,
    completed_at    timestamptz,
    received        integer      not null,
    accepted        integer      not null default 0,
    duplicate       integer      not null default 0,
    rejected        integer      not null default 0,
    -- records that passed validation and wait in registration_input
    staged          integer      not null,
    -- processing progress: every staged record with idx <= processed_until has its outcome
    processed_until integer      not null default 0,
    lease_owner     varchar(64),
    lease_until     timestamptz,
    attempts        integer      not null default 0,
    failure_reason  varchar(200),
    subject         varchar(255),
    token_id        varchar(255),
    constraint registration_batch_status_ck check (status in ('RECEIVED', 'PROCESSING', 'COMPLETED', 'FAILED'))
);
create index registration_batch_partner_idx on registration_batch (partner_id, submitted_at desc, id desc);
create index registration_batch_open_idx on registration_batch (submitted_at) where status in ('RECEIVED', 'PROCESSING');

-- Valid records of a batch waiting to be processed (deleted when the batch completes). No foreign keys: rows are
-- written in bulk by the service in the batch's own transaction, and the checks would cost a lookup per row.
create table registration_input (
    batch_id       uuid         not null,
    idx            integer      not null,
    nik_index      bytea        not null,
    nik_cipher     bytea        not null,
    nik_masked     varchar(18)  not null,
    full_name      varchar(100) not null,
    birth_date     date         not null,
    gender         char(1)      not null,
    phone          varchar(16)  not null,
    email          varchar(254),
    occupation     varchar(32)  not null,
    monthly_income bigint       not null,
    jht            boolean      not null,
    agent_id       bigint,
    external_ref   varchar(64),
    address        varchar(200),
    region_code    varchar(13),
    primary key (batch_id, idx)
);
create index registration_input_nik_idx on registration_input (batch_id, nik_index, idx);

-- Exactly one outcome per record of a batch (the primary key makes a second one impossible).
create table registration_result (
    batch_id        uuid        not null,
    idx             integer     not null,
    -- ACCEPTED, DUPLICATE or REJECTED
    status          varchar(10) not null,
    external_ref    varchar(64),
    participant_id  uuid,
    new_participant boolean,
    -- JSON array of {field, code, message}; never holds submitted values
    errors          text,
    primary key (batch_id, idx)
);

-- Idempotency-Key records, per partner and operation, kept at least 24 hours.
create table idempotency_key (
    partner_id        bigint       not null,
    operation         varchar(40)  not null,
    idem_key          varchar(255) not null,
    -- IN_FLIGHT while the first request is being accepted, DONE with its response afterwards
    state             varchar(10)  not null,
    owner             uuid,
    locked_until      timestamptz,
    request_hash      bytea,
    response_status   integer,
    response_body     text,
    response_location varchar(500),
    created_at        timestamptz  not null default now(),
    expires_at        timestamptz  not null,
    primary key (partner_id, operation, idem_key)
);
create index idempotency_key_expiry_idx on idempotency_key (expires_at);
