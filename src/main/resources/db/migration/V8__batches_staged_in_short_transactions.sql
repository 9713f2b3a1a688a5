-- The batch engine as a capability of its own (issue: uploads that never hold the database).
--
-- An upload is received into a local spool file with no database connection; its records are then staged in short
-- transactions of their own while the batch row is STAGING (invisible to partners and workers), and one last short
-- transaction makes it RECEIVED (or COMPLETED) together with its audit record, Idempotency-Key response and quota.
-- A STAGING batch whose receiving replica died is removed by any replica once its lease has expired.
alter table batch drop constraint registration_batch_status_ck;
alter table batch add constraint batch_status_ck
    check (status in ('STAGING', 'RECEIVED', 'PROCESSING', 'COMPLETED', 'FAILED'));
create index batch_staging_idx on batch (lease_until) where status = 'STAGING';

-- Kinds are contributed by the capabilities that plug into the engine; a new kind needs no change here.
alter table batch drop constraint batch_kind_ck;
alter table batch alter column kind type varchar(40);
alter table batch add constraint batch_kind_ck check (kind ~ '^[A-Z][A-Z_]{1,39}$');

-- Batches of some kinds belong to a parent resource named in their path (e.g. a sponsorship's member batches);
-- '' for kinds without one.
alter table batch add column parent varchar(64) not null default '';
drop index batch_partner_idx;
create index batch_partner_idx on batch (partner_id, kind, parent, submitted_at desc, id desc);

-- The Idempotency-Key scope of a batch under a parent names the parent too.
alter table idempotency_key alter column operation type varchar(100);
