-- growth.md §3: yearly targets of new participants per branch office and per partner (replaced whole per year)
create table target (
    year            integer      not null,
    -- BRANCH_OFFICE (subject = the branch office's name) or PARTNER (subject = the partner's code)
    subject_type    varchar(16)  not null,
    subject         varchar(100) not null,
    new_participants integer     not null,
    updated_at      timestamptz  not null default now(),
    primary key (year, subject_type, subject),
    constraint target_subject_type_ck check (subject_type in ('BRANCH_OFFICE', 'PARTNER')),
    constraint target_amount_ck check (new_participants >= 1),
    constraint target_year_ck check (year between 2000 and 2100)
);

-- growth.md §4: fraud signals raised on batch completion and by the daily job. dedup_key names the rule's subject
-- and window (e.g. agent and day); the unique key makes raising idempotent across retries and replicas.
create table fraud_signal (
    id          uuid         primary key,
    type        varchar(24)  not null,
    dedup_key   varchar(200) not null,
    severity    varchar(4)   not null,
    -- OPEN, then CLEARED or CONFIRMED by agency staff
    status      varchar(9)   not null default 'OPEN',
    raised_at   timestamptz  not null,
    partner_id  bigint       references partner (id),
    agent_id    bigint       references agent (id),
    -- counts, ids, masked NIKs, hashes: never plaintext personal data
    evidence    text         not null,
    resolved_at timestamptz,
    resolved_by varchar(255),
    note        varchar(500),
    constraint fraud_signal_dedup_uk unique (type, dedup_key),
    constraint fraud_signal_type_ck check (type in ('SHARED_PHONE', 'AGENT_VELOCITY', 'SEQUENTIAL_NIKS',
        'FIRST_PAYMENT_ONLY', 'AGENT_SELF_DEALING')),
    constraint fraud_signal_severity_ck check (severity in ('LOW', 'HIGH')),
    constraint fraud_signal_status_ck check (status in ('OPEN', 'CLEARED', 'CONFIRMED'))
);
create index fraud_signal_list_idx on fraud_signal (raised_at desc, id desc);
-- the payout hold asks this for every agent line of an export
create index fraud_signal_hold_idx on fraud_signal (agent_id) where status = 'OPEN' and severity = 'HIGH';

-- the fraud rules look participants up by phone (SHARED_PHONE, AGENT_SELF_DEALING) and count an agent's registrations
-- of a day (AGENT_VELOCITY); the reports aggregate by agent and registration time
create index participant_phone_idx on participant (phone);
create index participant_agent_registered_idx on participant (agent_id, registered_at);
create index participant_partner_registered_idx on participant (partner_id, registered_at);
-- the reports count contributions accepted in a range of months
create index contribution_accepted_idx on contribution (accepted_at);
