-- Incentives (rules.md §6): effective-dated schemes, an append-only ledger, periods that admin closes, statements
-- frozen at close, agent activity, and the partner's payout account.

-- ---- Schemes: the rules of a period are the scheme in force on its first day ------------------------------------
create table incentive_scheme (
    id                       integer      generated always as identity primary key,
    code                     varchar(32)  not null,
    name                     varchar(100) not null,
    regulation               varchar(100),
    valid_from               date         not null,
    -- last day in force; null = until a later version replaces it
    valid_to                 date,
    -- per acquisition, by programme set; paid only when the agent has acquisition_minimum acquisitions in the period
    acquisition_amount       bigint       not null,
    acquisition_amount_jht   bigint       not null,
    acquisition_minimum      integer      not null,
    -- a bonus per agent and period for milestone_acquisitions acquisitions or more (null = none)
    milestone_acquisitions   integer,
    milestone_bonus          bigint,
    -- ON_TOP: the partner earns share_percent of its agents' incentives on top; SPLIT: of the total, share_percent
    -- goes to the partner and the rest to the agent
    partner_share_mode       varchar(6)   not null,
    partner_share_percent    numeric(7, 4) not null,
    created_at               timestamptz  not null default now(),
    constraint incentive_scheme_version_uk unique (code, valid_from),
    constraint incentive_scheme_from_ck check (extract(day from valid_from) = 1),
    constraint incentive_scheme_to_ck check (valid_to is null or (valid_to >= valid_from
        and extract(day from valid_to + 1) = 1)),
    constraint incentive_scheme_mode_ck check (partner_share_mode in ('ON_TOP', 'SPLIT')),
    constraint incentive_scheme_amounts_ck check (acquisition_amount >= 0 and acquisition_amount_jht >= 0
        and acquisition_minimum >= 0 and partner_share_percent between 0 and 100
        and (milestone_acquisitions is null) = (milestone_bonus is null)),
    -- at most one scheme in force on any day
    constraint incentive_scheme_no_overlap exclude using gist (daterange(valid_from, valid_to, '[]') with &&)
);

-- Contribution incentive rates by month of membership (the registration month is month 1).
create table incentive_scheme_band (
    scheme_id  integer       not null references incentive_scheme (id),
    from_month integer       not null,
    -- null = every later month
    to_month   integer,
    percent    numeric(7, 4) not null,
    primary key (scheme_id, from_month),
    constraint incentive_scheme_band_ck check (from_month >= 1 and (to_month is null or to_month >= from_month)
        and percent between 0 and 100)
);

insert into incentive_scheme (code, name, regulation, valid_from, valid_to, acquisition_amount, acquisition_amount_jht,
                              acquisition_minimum, milestone_acquisitions, milestone_bonus, partner_share_mode,
                              partner_share_percent) values
    ('PERISAI-2018', 'Insentif Perisai 2018', 'Perdir BPJS Ketenagakerjaan 2018', '2018-01-01', '2022-03-31', 0, 0, 0,
     50, 500000, 'SPLIT', 10.0000),
    ('PERISAI-2022', 'Insentif Perisai 2022', 'Perdir 13/2022', '2022-04-01', null, 10000, 15000, 25, null, null,
     'ON_TOP', 10.0000);
insert into incentive_scheme_band (scheme_id, from_month, to_month, percent)
    select id, 1, null, 7.5000 from incentive_scheme where code = 'PERISAI-2018';
insert into incentive_scheme_band (scheme_id, from_month, to_month, percent)
    select id, 1, 24, 15.0000 from incentive_scheme where code = 'PERISAI-2022'
    union all
    select id, 25, 60, 5.0000 from incentive_scheme where code = 'PERISAI-2022';

-- ---- Periods: OPEN until admin closes them ------------------------------------------------------------------------
-- Writers of ledger lines hold a share lock on their period's row; closing takes it exclusively, so no line enters a
-- period that is being or has been closed.
create table incentive_period (
    period     date         primary key,
    status     varchar(6)   not null,
    scheme_id  integer      references incentive_scheme (id),
    closed_at  timestamptz,
    closed_by  varchar(255),
    constraint incentive_period_status_ck check (status in ('OPEN', 'CLOSED')),
    constraint incentive_period_month_ck check (extract(day from period) = 1)
);

-- ---- The ledger: append-only, never edited --------------------------------------------------------------------
create table incentive_line (
    id                bigint       generated always as identity primary key,
    period            date         not null references incentive_period (period),
    partner_id        bigint       not null references partner (id),
    -- the agent whose work earned the line; null for the partner's fee
    agent_id          bigint       references agent (id),
    scheme_id         integer      not null references incentive_scheme (id),
    type              varchar(12)  not null,
    participant_id    uuid         references participant (id),
    -- REGISTRATION (the batch that registered the participant), CONTRIBUTION, or PERIOD (the partner fee, at close)
    source_type       varchar(12)  not null,
    source_id         uuid,
    -- ACQUISITION: 1 acquisition at rate rupiah; CONTRIBUTION and PARTNER_FEE: basis rupiah at rate (a fraction);
    -- REVERSAL: the reversed line's basis and rate
    basis             bigint       not null,
    rate              numeric(12, 6) not null,
    amount            bigint       not null,
    -- for ACQUISITION and CONTRIBUTION lines: the contribution whose acceptance produced them
    contribution_id   uuid,
    reverses_line_id  bigint       references incentive_line (id),
    reversed_type     varchar(12),
    reversed_period   date,
    created_at        timestamptz  not null,
    constraint incentive_line_type_ck check (type in ('ACQUISITION', 'CONTRIBUTION', 'PARTNER_FEE', 'REVERSAL')),
    constraint incentive_line_reversal_ck check ((type = 'REVERSAL') = (reverses_line_id is not null)),
    constraint incentive_line_agent_ck check ((type = 'PARTNER_FEE') = (agent_id is null)),
    -- a line is reversed at most once
    constraint incentive_line_reverses_uk unique (reverses_line_id)
);
create index incentive_line_statement_idx on incentive_line (partner_id, period, agent_id);
create index incentive_line_agent_idx on incentive_line (agent_id, period, id);
create index incentive_line_participant_idx on incentive_line (participant_id);
-- a participant is acquired once
create unique index incentive_line_acquisition_uk on incentive_line (participant_id) where type = 'ACQUISITION';

-- ---- Statements frozen at close -----------------------------------------------------------------------------------
create table incentive_statement (
    period       date         not null references incentive_period (period),
    partner_id   bigint       not null references partner (id),
    scheme_id    integer      not null references incentive_scheme (id),
    agent_total  bigint       not null,
    partner_fee  bigint       not null,
    grand_total  bigint       not null,
    primary key (period, partner_id)
);

create table incentive_statement_agent (
    period                 date    not null,
    partner_id             bigint  not null,
    agent_id               bigint  not null references agent (id),
    acquisitions           integer not null,
    acquisition_incentive  bigint  not null,
    contribution_incentive bigint  not null,
    reversals              bigint  not null,
    total                  bigint  not null,
    partner_share          bigint  not null,
    -- whether the agent reached the scheme's acquisition minimum (decides what a later reversal claws back)
    minimum_met            boolean not null,
    primary key (period, agent_id),
    foreign key (period, partner_id) references incentive_statement (period, partner_id)
);

-- ---- Voiding and agent activity -------------------------------------------------------------------------------
alter table participant add column voided_at timestamptz;
alter table participant add column void_reason varchar(500);
-- when the agent last became ACTIVE: three whole months without an acquisition are counted from here
alter table agent add column active_since timestamptz not null default now();
update agent set active_since = created_at;

-- ---- Where a partner's fee is paid ------------------------------------------------------------------------------
alter table partner add column payout_bank_code varchar(32);
alter table partner add column payout_account_cipher bytea;
alter table partner add column payout_account_masked varchar(32);
alter table partner add column payout_account_name varchar(100);
