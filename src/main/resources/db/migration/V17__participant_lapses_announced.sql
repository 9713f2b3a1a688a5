-- participant.lapsed (events.md): every lapse the daily job announced, one row per participant and lapse day. The
-- job inserts its rows with ON CONFLICT DO NOTHING and writes the outbox events for the rows it inserted in the same
-- transaction, so re-runs and replicas running the job at once announce each lapse exactly once. A participant
-- reactivated and lapsing again has a new lapse day, so a new row. partner_id is the partner that was told.
create table participant_lapse (
    participant_id uuid        not null references participant (id),
    lapsed_on      date        not null,
    partner_id     bigint      not null references partner (id),
    announced_at   timestamptz not null,
    constraint participant_lapse_pk primary key (participant_id, lapsed_on)
);
