-- Registration and contribution batches share one queue: the batch table gains a kind.
alter table registration_batch rename to batch;
alter table batch add column kind varchar(16) not null default 'REGISTRATION';
alter table batch alter column kind drop default;
alter table batch add constraint batch_kind_ck check (kind in ('REGISTRATION', 'CONTRIBUTION'));
alter index registration_batch_partner_idx rename to batch_partner_idx;
alter index registration_batch_open_idx rename to batch_open_idx;
drop index batch_partner_idx;
create index batch_partner_idx on batch (partner_id, kind, submitted_at desc, id desc);

-- ---- Contribution rules as effective-dated data (rules.md §4) ----------------------------------------------------
-- A component's rate in force for a covered month: PERCENT of the declared monthly income, or a FLAT amount.
create table contribution_rate (
    id         integer      generated always as identity primary key,
    component  varchar(3)   not null,
    valid_from date         not null,
    valid_to   date,
    basis      varchar(8)   not null,
    -- percent of income (1.0000 = 1 %) for PERCENT, rupiah for FLAT
    value      numeric(14, 4) not null,
    regulation varchar(100) not null,
    constraint contribution_rate_component_ck check (component in ('JKK', 'JKM', 'JHT')),
    constraint contribution_rate_basis_ck check (basis in ('PERCENT', 'FLAT')),
    constraint contribution_rate_month_ck check (extract(day from valid_from) = 1)
);

-- A temporary discount: components multiplied by factor for covered months first_month..last_month of an
-- occupation class, except for the listed payer types.
create table contribution_discount (
    id                   integer      generated always as identity primary key,
    occupation_class     varchar(10)  not null,
    first_month          date         not null,
    last_month           date         not null,
    components           varchar(20)  not null,
    factor               numeric(6, 4) not null,
    excluded_payer_types varchar(60)  not null default '',
    regulation           varchar(100) not null,
    constraint contribution_discount_class_ck check (occupation_class in ('GENERAL', 'TRANSPORT'))
);

insert into contribution_rate (component, valid_from, valid_to, basis, value, regulation) values
    ('JKK', '2015-07-01', null, 'PERCENT', 1.0000, 'PP 44/2015'),
    ('JKM', '2015-07-01', null, 'FLAT', 6800.0000, 'PP 44/2015'),
    ('JHT', '2015-07-01', null, 'PERCENT', 2.0000, 'PP 46/2015');

insert into contribution_discount (occupation_class, first_month, last_month, components, factor, excluded_payer_types,
                                   regulation) values
    ('TRANSPORT', '2026-01-01', '2027-03-01', 'JKK,JKM', 0.5000, 'GOVERNMENT', 'PP 50/2025'),
    ('GENERAL', '2026-04-01', '2026-12-01', 'JKK,JKM', 0.5000, 'GOVERNMENT', 'PP 50/2025');

-- ---- Contributions ----------------------------------------------------------------------------------------------
-- An accepted payment. The payer is recorded here, apart from the participant.
create table contribution (
    id             uuid         primary key,
    participant_id uuid         not null references participant (id),
    partner_id     bigint       not null references partner (id),
    payment_ref    varchar(64)  not null,
    period_start   date         not null,
    months         integer      not null,
    amount         bigint       not null,
    payer_type     varchar(10)  not null,
    payer_name     varchar(100),
    paid_at        timestamptz  not null,
    batch_id       uuid         not null,
    batch_index    integer      not null,
    accepted_at    timestamptz  not null,
    constraint contribution_payment_ref_uk unique (partner_id, payment_ref),
    constraint contribution_payer_ck check (payer_type in ('SELF', 'PARTNER', 'GOVERNMENT', 'DONOR'))
);
create index contribution_participant_idx on contribution (participant_id, period_start);

-- The months a contribution covers, with each component as due (the basis of contribution incentives).
create table contribution_month (
    contribution_id  uuid    not null references contribution (id),
    month            date    not null,
    membership_month integer not null,
    jkk              bigint  not null,
    jkm              bigint  not null,
    jht              bigint  not null,
    discounted       boolean not null,
    primary key (contribution_id, month)
);

-- Staged records of contribution batches (see registration_input).
create table contribution_input (
    batch_id     uuid         not null,
    idx          integer      not null,
    nik_index    bytea        not null,
    payment_ref  varchar(64)  not null,
    period_start date         not null,
    months       integer      not null,
    amount       bigint       not null,
    payer_type   varchar(10)  not null,
    payer_name   varchar(100),
    paid_at      timestamptz  not null,
    external_ref varchar(64),
    primary key (batch_id, idx)
);
create index contribution_input_nik_idx on contribution_input (batch_id, nik_index, idx);

create table contribution_result (
    batch_id        uuid        not null,
    idx             integer     not null,
    status          varchar(10) not null,
    external_ref    varchar(64),
    contribution_id uuid,
    expected_amount bigint,
    -- for ACCEPTED records (dry runs too): whose coverage they extend, up to which month, with which payment reference
    participant_id  uuid,
    covered_through date,
    payment_ref     varchar(64),
    errors          text,
    primary key (batch_id, idx)
);
create index contribution_result_dry_idx on contribution_result (batch_id, participant_id) where status = 'ACCEPTED';
