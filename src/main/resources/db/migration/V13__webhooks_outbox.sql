-- Webhooks (events.md): a partner's endpoints, the transactional outbox of events and one delivery row per event and
-- endpoint, which is the delivery queue (claimed with FOR UPDATE SKIP LOCKED by any replica, as batches are).

create table webhook_endpoint (
    id                     uuid primary key,
    partner_id             bigint not null references partner (id),
    url                    varchar(2048) not null,
    description            varchar(500),
    events                 text[] not null,
    status                 varchar(16) not null,
    -- the signing secret (its 32 random bytes), encrypted like personal data (PiiCrypto, first byte = key version)
    secret_cipher          bytea not null,
    -- after a rotation the previous secret still signs until previous_secret_until (two signatures)
    previous_secret_cipher bytea,
    previous_secret_until  timestamptz,
    -- first failed attempt since the last success: an endpoint failing for PERISAI_WEBHOOK_DISABLE_AFTER is DISABLED
    failing_since          timestamptz,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    constraint webhook_endpoint_status_ck check (status in ('ENABLED', 'DISABLED'))
);
create index webhook_endpoint_partner_idx on webhook_endpoint (partner_id, created_at, id);

-- The outbox: written in the transaction of the change that causes the event, only when an ENABLED endpoint of the
-- partner subscribes to its type. payload is the exact body that is signed and sent.
create table webhook_event (
    id          varchar(40) primary key,
    partner_id  bigint not null references partner (id),
    type        varchar(64) not null,
    payload     text not null,
    occurred_at timestamptz not null
);

create table webhook_delivery (
    id               uuid primary key,
    event_id         varchar(40) not null references webhook_event (id) on delete cascade,
    endpoint_id      uuid not null references webhook_endpoint (id) on delete cascade,
    status           varchar(16) not null,
    attempts         int not null default 0,
    -- due time of the next attempt; a claimed delivery's is pushed forward by the claim lease, so a replica that dies
    -- while sending leaves it to be retried by another one once the lease has passed
    next_attempt_at  timestamptz,
    first_attempt_at timestamptz,
    last_attempt_at  timestamptz,
    last_status_code int,
    last_error       varchar(40),
    created_at       timestamptz not null,
    constraint webhook_delivery_status_ck check (status in ('PENDING', 'SUCCEEDED', 'FAILED'))
);
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_endpoint_idx on webhook_delivery (endpoint_id, created_at desc, id desc);
create index webhook_delivery_event_idx on webhook_delivery (event_id);
