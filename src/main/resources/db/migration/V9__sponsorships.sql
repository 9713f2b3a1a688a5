-- Sponsorships (growth.md §2): a third party (a government budget, a donor, the partner itself) paying the monthly dues
-- of a roster of one partner's participants over a range of months. Members are managed through member batches (a
-- batch kind: staged input and per-record results below); each month's invoice, once paid, is stored as paid.

create table sponsorship (
    id          uuid         primary key,
    partner_id  bigint       not null references partner (id),
    payer_type  varchar(10)  not null,
    payer_name  varchar(100) not null,
    reference   varchar(64)  not null,
    -- first days of the first and the last sponsored month
    from_month  date         not null,
    to_month    date         not null,
    max_members integer      not null,
    -- ACTIVE or ENDED (admin)
    status      varchar(8)   not null,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    constraint sponsorship_payer_ck check (payer_type in ('GOVERNMENT', 'DONOR', 'PARTNER')),
    constraint sponsorship_status_ck check (status in ('ACTIVE', 'ENDED')),
    constraint sponsorship_months_ck check (from_month <= to_month and extract(day from from_month) = 1
                                            and extract(day from to_month) = 1),
    constraint sponsorship_max_members_ck check (max_members between 1 and 1000000)
);
create index sponsorship_partner_idx on sponsorship (partner_id, created_at desc, id desc);
create index sponsorship_list_idx on sponsorship (created_at desc, id desc);

-- A participant sponsored from from_month (first day) through until_month (null: to the sponsorship's end).
create table sponsorship_member (
    sponsorship_id uuid        not null references sponsorship (id),
    participant_id uuid        not null references participant (id),
    from_month     date        not null,
    until_month    date,
    added_at       timestamptz not null,
    removed_at     timestamptz,
    batch_id       uuid        not null,
    primary key (sponsorship_id, participant_id)
);
create index sponsorship_member_participant_idx on sponsorship_member (participant_id);

-- Staged records of member batches (see contribution_input).
create table sponsorship_member_input (
    batch_id     uuid        not null,
    idx          integer     not null,
    nik_index    bytea       not null,
    action       varchar(6)  not null,
    from_month   date        not null,
    external_ref varchar(64),
    primary key (batch_id, idx)
);

create table sponsorship_member_result (
    batch_id       uuid        not null,
    idx            integer     not null,
    status         varchar(10) not null,
    external_ref   varchar(64),
    participant_id uuid,
    errors         text,
    primary key (batch_id, idx)
);

-- A paid invoice: one row per sponsorship and month (its primary key makes a second payment impossible, whichever
-- replica tries), with the invoice as it was paid.
create table sponsorship_invoice (
    sponsorship_id uuid        not null references sponsorship (id),
    month          date        not null,
    id             uuid        not null unique,
    partner_id     bigint      not null references partner (id),
    payment_ref    varchar(48) not null,
    amount         bigint      not null,
    member_count   integer     not null,
    paid_at        timestamptz not null,
    recorded_at    timestamptz not null,
    document       text        not null,
    primary key (sponsorship_id, month),
    constraint sponsorship_invoice_payment_ref_uk unique (partner_id, payment_ref)
);
