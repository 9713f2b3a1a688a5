-- P7 (quality.md): the performance reports read monthly counters instead of aggregating the participants, their
-- contributions and the ledger live (see ReportRepository for the measurement behind this).
--
-- report_counter holds, per (partner, agent, month), the sums that the live aggregate computed, each at the month the
-- report filters it by:
--   registrations, reactivations  PARTNER-source participants not VOID, at the WIB month of registered_at (which is
--                                 registration_month: RegistrationProcessor sets both from the batch's submission);
--                                 attributed to the participant's current partner and agent
--   contributions, contribution_amount
--                                 at the WIB month of accepted_at, attributed to the participant's current partner and
--                                 agent (a reactivation moves the participant's contributions with it)
--   acquisitions, paid3/6/12      ACQUISITION lines of participants not VOID, at the line's period, partner and agent;
--                                 paidK counts those whose participant has paid at least K months since its
--                                 registration month. Whether a cohort is old enough to be measured (period ≤ current
--                                 month − K) is decided when the report is read, from the month alone
--   lapsed                        ACTIVE participants at the month they lapse (first unpaid month + arrears + 1,
--                                 Coverage): the report counts those whose lapse month is in the range and not after
--                                 the current month
--   active_change                 ACTIVE PARTNER-source participants: +1 at the registration month, −1 at the lapse
--                                 month; the sum up to a month is the number active at its end
--   incentive_lines, incentives   every ledger line at its period, partner and agent (the count tells whether a row
--                                 exists, as the live query's grouping did)
-- Every figure is a function of one row's current state (a participant, or a contribution or line with its
-- participant), so statement-level triggers keep the sums exact for any write — registration and contribution chunks,
-- reactivations, voids, reversals, sponsorship payments, registry imports, the bench's SQL — in the writing
-- transaction: each statement appends its net change per key to report_counter_delta (new rows' figures minus old
-- rows'), an append-only journal that concurrent writers never contend on. ReportCounterFolder moves the journal into
-- report_counter every second (one replica at a time, under an advisory lock, keys in order); the reports read both
-- tables, so a report sees every committed write whether or not it has been folded yet.
-- Caveat: a single statement that both inserts a contribution (or ledger line) and moves its participant to another
-- partner or agent (or changes its paid months) would count that row twice; no statement of the application does.

create table report_counter (
    partner_id          bigint not null,
    agent_id            bigint,
    month               date   not null,
    registrations       bigint not null default 0,
    reactivations       bigint not null default 0,
    contributions       bigint not null default 0,
    contribution_amount bigint not null default 0,
    acquisitions        bigint not null default 0,
    paid3               bigint not null default 0,
    paid6               bigint not null default 0,
    paid12              bigint not null default 0,
    lapsed              bigint not null default 0,
    active_change       bigint not null default 0,
    incentive_lines     bigint not null default 0,
    incentives          bigint not null default 0,
    constraint report_counter_uk unique nulls not distinct (partner_id, agent_id, month)
);

create table report_counter_delta (
    id                  bigint generated always as identity primary key,
    partner_id          bigint not null,
    agent_id            bigint,
    month               date   not null,
    registrations       bigint not null,
    reactivations       bigint not null,
    contributions       bigint not null,
    contribution_amount bigint not null,
    acquisitions        bigint not null,
    paid3               bigint not null,
    paid6               bigint not null,
    paid12              bigint not null,
    lapsed              bigint not null,
    active_change       bigint not null,
    incentive_lines     bigint not null,
    incentives          bigint not null
);

-- One row's figures, each multiplied by s (+1 for a row's new state, −1 for its old one).
create type report_item as (
    partner_id bigint, agent_id bigint, month date, registrations bigint, reactivations bigint, contributions bigint,
    contribution_amount bigint, acquisitions bigint, paid3 bigint, paid6 bigint, paid12 bigint, lapsed bigint,
    active_change bigint, incentive_lines bigint, incentives bigint);

-- The month a participant becomes LAPSED: Coverage, first unpaid month + ARREARS_MONTHS (3) + 1 (the report test
-- compares it with the live rule, which reads Coverage.ARREARS_MONTHS).
create function report_lapse_month(p participant) returns date language sql stable as $$
    select (coalesce((p.covered_until + interval '1 month')::date, p.registration_month) + interval '4 months')::date
$$;

-- Months paid since the registration month (0 before the first payment).
create function report_paid_months(p participant) returns integer language sql stable as $$
    select case when p.covered_until is null then 0
                else (date_part('year', p.covered_until)::int * 12 + date_part('month', p.covered_until)::int)
                     - (date_part('year', p.registration_month)::int * 12
                        + date_part('month', p.registration_month)::int) + 1 end
$$;

create function report_participant_items(p participant, s bigint) returns setof report_item language sql stable as $$
    select p.partner_id, p.agent_id, date_trunc('month', p.registered_at at time zone 'Asia/Jakarta')::date,
           case when p.new_participant then s else 0 end, case when p.new_participant then 0 else s end,
           0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint
     where p.partner_id is not null and p.status <> 'VOID' and p.source = 'PARTNER'
    union all
    select p.partner_id, p.agent_id, report_lapse_month(p), 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint,
           0::bigint, 0::bigint, 0::bigint, s, case when p.source = 'PARTNER' and p.registration_month
           < report_lapse_month(p) then -s else 0 end, 0::bigint, 0::bigint
     where p.partner_id is not null and p.status = 'ACTIVE'
    union all
    select p.partner_id, p.agent_id, p.registration_month, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint,
           0::bigint, 0::bigint, 0::bigint, 0::bigint, s, 0::bigint, 0::bigint
     where p.partner_id is not null and p.status = 'ACTIVE' and p.source = 'PARTNER'
       and p.registration_month < report_lapse_month(p)
$$;

-- A contribution, attributed to its participant's current partner and agent.
create function report_contribution_items(c contribution, p participant, s bigint) returns setof report_item
language sql stable as $$
    select p.partner_id, p.agent_id, date_trunc('month', c.accepted_at at time zone 'Asia/Jakarta')::date, 0::bigint,
           0::bigint, s, c.amount * s, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint,
           0::bigint
     where p.partner_id is not null
$$;

-- An ACQUISITION line's acquisition and persistency figures (p: its participant, null when there is none).
create function report_acquisition_items(l incentive_line, p participant, s bigint) returns setof report_item
language sql stable as $$
    select l.partner_id, l.agent_id, l.period, 0::bigint, 0::bigint, 0::bigint, 0::bigint, s,
           case when report_paid_months(p) >= 3 then s else 0 end,
           case when report_paid_months(p) >= 6 then s else 0 end,
           case when report_paid_months(p) >= 12 then s else 0 end, 0::bigint, 0::bigint, 0::bigint, 0::bigint
     where l.type = 'ACQUISITION' and p.status <> 'VOID'
$$;

-- Any ledger line's amount.
create function report_incentive_items(l incentive_line, s bigint) returns setof report_item language sql stable as $$
    select l.partner_id, l.agent_id, l.period, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint,
           0::bigint, 0::bigint, 0::bigint, 0::bigint, s, l.amount * s
$$;

-- The trigger functions: each statement appends its net change per key to the journal (its rows' new figures minus
-- their old ones). Static statements, one per operation (a transition table exists only for its own operation), so
-- that each session plans them once: planned afresh (EXECUTE), the journal insert took ~30 ms per statement.

-- participant: its own figures; on a move to another partner or agent its contributions follow it; on a change of
-- status or paid months its acquisition line's figures change.
create function report_participant_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into report_counter_delta (partner_id, agent_id, month, registrations, reactivations, contributions,
               contribution_amount, acquisitions, paid3, paid6, paid12, lapsed, active_change, incentive_lines,
               incentives)
        select i.partner_id, i.agent_id, i.month, sum(i.registrations), sum(i.reactivations), sum(i.contributions),
               sum(i.contribution_amount), sum(i.acquisitions), sum(i.paid3), sum(i.paid6), sum(i.paid12),
               sum(i.lapsed), sum(i.active_change), sum(i.incentive_lines), sum(i.incentives)
          from (select i.* from new_rows n cross join lateral report_participant_items(n, 1) i) i
         group by 1, 2, 3
        having sum(i.registrations) <> 0 or sum(i.reactivations) <> 0 or sum(i.contributions) <> 0
            or sum(i.contribution_amount) <> 0 or sum(i.acquisitions) <> 0 or sum(i.paid3) <> 0 or sum(i.paid6) <> 0
            or sum(i.paid12) <> 0 or sum(i.lapsed) <> 0 or sum(i.active_change) <> 0 or sum(i.incentive_lines) <> 0
            or sum(i.incentives) <> 0;
    elsif tg_op = 'DELETE' then
        insert into report_counter_delta (partner_id, agent_id, month, registrations, reactivations, contributions,
               contribution_amount, acquisitions, paid3, paid6, paid12, lapsed, active_change, incentive_lines,
               incentives)
        select i.partner_id, i.agent_id, i.month, sum(i.registrations), sum(i.reactivations), sum(i.contributions),
               sum(i.contribution_amount), sum(i.acquisitions), sum(i.paid3), sum(i.paid6), sum(i.paid12),
               sum(i.lapsed), sum(i.active_change), sum(i.incentive_lines), sum(i.incentives)
          from (select i.* from old_rows o cross join lateral report_participant_items(o, -1) i) i
         group by 1, 2, 3
        having sum(i.registrations) <> 0 or sum(i.reactivations) <> 0 or sum(i.contributions) <> 0
            or sum(i.contribution_amount) <> 0 or sum(i.acquisitions) <> 0 or sum(i.paid3) <> 0 or sum(i.paid6) <> 0
            or sum(i.paid12) <> 0 or sum(i.lapsed) <> 0 or sum(i.active_change) <> 0 or sum(i.incentive_lines) <> 0
            or sum(i.incentives) <> 0;
    else
        insert into report_counter_delta (partner_id, agent_id, month, registrations, reactivations, contributions,
               contribution_amount, acquisitions, paid3, paid6, paid12, lapsed, active_change, incentive_lines,
               incentives)
        select i.partner_id, i.agent_id, i.month, sum(i.registrations), sum(i.reactivations), sum(i.contributions),
               sum(i.contribution_amount), sum(i.acquisitions), sum(i.paid3), sum(i.paid6), sum(i.paid12),
               sum(i.lapsed), sum(i.active_change), sum(i.incentive_lines), sum(i.incentives)
          from (select i.* from old_rows o cross join lateral report_participant_items(o, -1) i
                union all
                select i.* from new_rows n cross join lateral report_participant_items(n, 1) i
                union all
                select i.* from old_rows o join new_rows n on n.id = o.id
                       and (n.partner_id, n.agent_id) is distinct from (o.partner_id, o.agent_id)
                  join contribution c on c.participant_id = n.id cross join lateral report_contribution_items(c, o, -1) i
                union all
                select i.* from old_rows o join new_rows n on n.id = o.id
                       and (n.partner_id, n.agent_id) is distinct from (o.partner_id, o.agent_id)
                  join contribution c on c.participant_id = n.id cross join lateral report_contribution_items(c, n, 1) i
                union all
                select i.* from old_rows o join new_rows n on n.id = o.id
                       and (n.status, n.covered_until, n.registration_month)
                           is distinct from (o.status, o.covered_until, o.registration_month)
                  join incentive_line l on l.participant_id = n.id and l.type = 'ACQUISITION'
                 cross join lateral report_acquisition_items(l, o, -1) i
                union all
                select i.* from old_rows o join new_rows n on n.id = o.id
                       and (n.status, n.covered_until, n.registration_month)
                           is distinct from (o.status, o.covered_until, o.registration_month)
                  join incentive_line l on l.participant_id = n.id and l.type = 'ACQUISITION'
                 cross join lateral report_acquisition_items(l, n, 1) i) i
         group by 1, 2, 3
        having sum(i.registrations) <> 0 or sum(i.reactivations) <> 0 or sum(i.contributions) <> 0
            or sum(i.contribution_amount) <> 0 or sum(i.acquisitions) <> 0 or sum(i.paid3) <> 0 or sum(i.paid6) <> 0
            or sum(i.paid12) <> 0 or sum(i.lapsed) <> 0 or sum(i.active_change) <> 0 or sum(i.incentive_lines) <> 0
            or sum(i.incentives) <> 0;
    end if;
    return null;
end
$$;

-- contribution: attributed to its participant as it is now.
create function report_contribution_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into report_counter_delta (partner_id, agent_id, month, registrations, reactivations, contributions,
               contribution_amount, acquisitions, paid3, paid6, paid12, lapsed, active_change, incentive_lines,
               incentives)
        select i.partner_id, i.agent_id, i.month, sum(i.registrations), sum(i.reactivations), sum(i.contributions),
               sum(i.contribution_amount), sum(i.acquisitions), sum(i.paid3), sum(i.paid6), sum(i.paid12),
               sum(i.lapsed), sum(i.active_change), sum(i.incentive_lines), sum(i.incentives)
          from (select i.* from new_rows c join participant p on p.id = c.participant_id
                 cross join lateral report_contribution_items(c, p, 1) i) i
         group by 1, 2, 3
        having sum(i.registrations) <> 0 or sum(i.reactivations) <> 0 or sum(i.contributions) <> 0
            or sum(i.contribution_amount) <> 0 or sum(i.acquisitions) <> 0 or sum(i.paid3) <> 0 or sum(i.paid6) <> 0
            or sum(i.paid12) <> 0 or sum(i.lapsed) <> 0 or sum(i.active_change) <> 0 or sum(i.incentive_lines) <> 0
            or sum(i.incentives) <> 0;
    elsif tg_op = 'DELETE' then
        insert into report_counter_delta (partner_id, agent_id, month, registrations, reactivations, contributions,
               contribution_amount, acquisitions, paid3, paid6, paid12, lapsed, active_change, incentive_lines,
               incentives)
        select i.partner_id, i.agent_id, i.month, sum(i.registrations), sum(i.reactivations), sum(i.contributions),
               sum(i.contribution_amount), sum(i.acquisitions), sum(i.paid3), sum(i.paid6), sum(i.paid12),
               sum(i.lapsed), sum(i.active_change), sum(i.incentive_lines), sum(i.incentives)
          from (select i.* from old_rows c join participant p on p.id = c.participant_id
                 cross join lateral report_contribution_items(c, p, -1) i) i
         group by 1, 2, 3
        having sum(i.registrations) <> 0 or sum(i.reactivations) <> 0 or sum(i.contributions) <> 0
            or sum(i.contribution_amount) <> 0 or sum(i.acquisitions) <> 0 or sum(i.paid3) <> 0 or sum(i.paid6) <> 0
            or sum(i.paid12) <> 0 or sum(i.lapsed) <> 0 or sum(i.active_change) <> 0 or sum(i.incentive_lines) <> 0
            or sum(i.incentives) <> 0;
    else
        insert into report_counter_delta (partner_id, agent_id, month, registrations, reactivations, contributions,
               contribution_amount, acquisitions, paid3, paid6, paid12, lapsed, active_change, incentive_lines,
               incentives)
        select i.partner_id, i.agent_id, i.month, sum(i.registrations), sum(i.reactivations), sum(i.contributions),
               sum(i.contribution_amount), sum(i.acquisitions), sum(i.paid3), sum(i.paid6), sum(i.paid12),
               sum(i.lapsed), sum(i.active_change), sum(i.incentive_lines), sum(i.incentives)
          from (select i.* from old_rows c join participant p on p.id = c.participant_id
                 cross join lateral report_contribution_items(c, p, -1) i
                union all
                select i.* from new_rows c join participant p on p.id = c.participant_id
                 cross join lateral report_contribution_items(c, p, 1) i) i
         group by 1, 2, 3
        having sum(i.registrations) <> 0 or sum(i.reactivations) <> 0 or sum(i.contributions) <> 0
            or sum(i.contribution_amount) <> 0 or sum(i.acquisitions) <> 0 or sum(i.paid3) <> 0 or sum(i.paid6) <> 0
            or sum(i.paid12) <> 0 or sum(i.lapsed) <> 0 or sum(i.active_change) <> 0 or sum(i.incentive_lines) <> 0
            or sum(i.incentives) <> 0;
    end if;
    return null;
end
$$;

-- incentive_line: its amount, and for an ACQUISITION its participant's persistency as it is now.
create function report_incentive_line_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into report_counter_delta (partner_id, agent_id, month, registrations, reactivations, contributions,
               contribution_amount, acquisitions, paid3, paid6, paid12, lapsed, active_change, incentive_lines,
               incentives)
        select i.partner_id, i.agent_id, i.month, sum(i.registrations), sum(i.reactivations), sum(i.contributions),
               sum(i.contribution_amount), sum(i.acquisitions), sum(i.paid3), sum(i.paid6), sum(i.paid12),
               sum(i.lapsed), sum(i.active_change), sum(i.incentive_lines), sum(i.incentives)
          from (select i.* from new_rows l cross join lateral report_incentive_items(l, 1) i
                union all
                select i.* from new_rows l left join participant p on p.id = l.participant_id
                 cross join lateral report_acquisition_items(l, p, 1) i) i
         group by 1, 2, 3
        having sum(i.registrations) <> 0 or sum(i.reactivations) <> 0 or sum(i.contributions) <> 0
            or sum(i.contribution_amount) <> 0 or sum(i.acquisitions) <> 0 or sum(i.paid3) <> 0 or sum(i.paid6) <> 0
            or sum(i.paid12) <> 0 or sum(i.lapsed) <> 0 or sum(i.active_change) <> 0 or sum(i.incentive_lines) <> 0
            or sum(i.incentives) <> 0;
    elsif tg_op = 'DELETE' then
        insert into report_counter_delta (partner_id, agent_id, month, registrations, reactivations, contributions,
               contribution_amount, acquisitions, paid3, paid6, paid12, lapsed, active_change, incentive_lines,
               incentives)
        select i.partner_id, i.agent_id, i.month, sum(i.registrations), sum(i.reactivations), sum(i.contributions),
               sum(i.contribution_amount), sum(i.acquisitions), sum(i.paid3), sum(i.paid6), sum(i.paid12),
               sum(i.lapsed), sum(i.active_change), sum(i.incentive_lines), sum(i.incentives)
          from (select i.* from old_rows l cross join lateral report_incentive_items(l, -1) i
                union all
                select i.* from old_rows l left join participant p on p.id = l.participant_id
                 cross join lateral report_acquisition_items(l, p, -1) i) i
         group by 1, 2, 3
        having sum(i.registrations) <> 0 or sum(i.reactivations) <> 0 or sum(i.contributions) <> 0
            or sum(i.contribution_amount) <> 0 or sum(i.acquisitions) <> 0 or sum(i.paid3) <> 0 or sum(i.paid6) <> 0
            or sum(i.paid12) <> 0 or sum(i.lapsed) <> 0 or sum(i.active_change) <> 0 or sum(i.incentive_lines) <> 0
            or sum(i.incentives) <> 0;
    else
        insert into report_counter_delta (partner_id, agent_id, month, registrations, reactivations, contributions,
               contribution_amount, acquisitions, paid3, paid6, paid12, lapsed, active_change, incentive_lines,
               incentives)
        select i.partner_id, i.agent_id, i.month, sum(i.registrations), sum(i.reactivations), sum(i.contributions),
               sum(i.contribution_amount), sum(i.acquisitions), sum(i.paid3), sum(i.paid6), sum(i.paid12),
               sum(i.lapsed), sum(i.active_change), sum(i.incentive_lines), sum(i.incentives)
          from (select i.* from old_rows l cross join lateral report_incentive_items(l, -1) i
                union all
                select i.* from old_rows l left join participant p on p.id = l.participant_id
                 cross join lateral report_acquisition_items(l, p, -1) i
                union all
                select i.* from new_rows l cross join lateral report_incentive_items(l, 1) i
                union all
                select i.* from new_rows l left join participant p on p.id = l.participant_id
                 cross join lateral report_acquisition_items(l, p, 1) i) i
         group by 1, 2, 3
        having sum(i.registrations) <> 0 or sum(i.reactivations) <> 0 or sum(i.contributions) <> 0
            or sum(i.contribution_amount) <> 0 or sum(i.acquisitions) <> 0 or sum(i.paid3) <> 0 or sum(i.paid6) <> 0
            or sum(i.paid12) <> 0 or sum(i.lapsed) <> 0 or sum(i.active_change) <> 0 or sum(i.incentive_lines) <> 0
            or sum(i.incentives) <> 0;
    end if;
    return null;
end
$$;

-- The counters computed from scratch: the backfill below, and after a TRUNCATE of a source table (the benchmarks).
create function report_counter_rebuild() returns void language plpgsql as $$
begin
    lock table participant, contribution, incentive_line in share mode;
    lock table report_counter, report_counter_delta in exclusive mode;
    delete from report_counter_delta;
    delete from report_counter;
    insert into report_counter (partner_id, agent_id, month, registrations, reactivations, contributions,
           contribution_amount, acquisitions, paid3, paid6, paid12, lapsed, active_change, incentive_lines, incentives)
    select i.partner_id, i.agent_id, i.month, sum(i.registrations), sum(i.reactivations), sum(i.contributions),
           sum(i.contribution_amount), sum(i.acquisitions), sum(i.paid3), sum(i.paid6), sum(i.paid12), sum(i.lapsed),
           sum(i.active_change), sum(i.incentive_lines), sum(i.incentives)
      from (select i.* from participant p cross join lateral report_participant_items(p, 1) i
            union all
            select i.* from contribution c join participant p on p.id = c.participant_id
                   cross join lateral report_contribution_items(c, p, 1) i
            union all
            select i.* from incentive_line l cross join lateral report_incentive_items(l, 1) i
            union all
            select i.* from incentive_line l left join participant p on p.id = l.participant_id
                   cross join lateral report_acquisition_items(l, p, 1) i) i
     group by 1, 2, 3;
end
$$;

create function report_source_truncated() returns trigger language plpgsql as $$
begin
    perform report_counter_rebuild();
    return null;
end
$$;

create trigger report_participant_inserted after insert on participant
    referencing new table as new_rows for each statement execute function report_participant_changed();
create trigger report_participant_updated after update on participant
    referencing old table as old_rows new table as new_rows for each statement execute function report_participant_changed();
create trigger report_participant_deleted after delete on participant
    referencing old table as old_rows for each statement execute function report_participant_changed();
create trigger report_participant_truncated after truncate on participant
    for each statement execute function report_source_truncated();

create trigger report_contribution_inserted after insert on contribution
    referencing new table as new_rows for each statement execute function report_contribution_changed();
create trigger report_contribution_updated after update on contribution
    referencing old table as old_rows new table as new_rows for each statement execute function report_contribution_changed();
create trigger report_contribution_deleted after delete on contribution
    referencing old table as old_rows for each statement execute function report_contribution_changed();
create trigger report_contribution_truncated after truncate on contribution
    for each statement execute function report_source_truncated();

create trigger report_incentive_line_inserted after insert on incentive_line
    referencing new table as new_rows for each statement execute function report_incentive_line_changed();
create trigger report_incentive_line_updated after update on incentive_line
    referencing old table as old_rows new table as new_rows for each statement execute function report_incentive_line_changed();
create trigger report_incentive_line_deleted after delete on incentive_line
    referencing old table as old_rows for each statement execute function report_incentive_line_changed();
create trigger report_incentive_line_truncated after truncate on incentive_line
    for each statement execute function report_source_truncated();

-- the backfill: the counters of the data written so far
select report_counter_rebuild();
