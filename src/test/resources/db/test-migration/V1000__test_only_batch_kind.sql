-- Test builds only (quarkus.flyway.locations of the test profile): the tables of the test-only batch kind that the
-- engine's own tests plug in (id.perisai.api.batch.TestItemBatches). Numbered after every real migration.
create table test_item_input (
    batch_id     uuid    not null,
    idx          integer not null,
    item_value   integer not null,
    external_ref varchar(64),
    primary key (batch_id, idx)
);

create table test_item_result (
    batch_id     uuid        not null,
    idx          integer     not null,
    status       varchar(10) not null,
    external_ref varchar(64),
    doubled      integer,
    errors       text,
    primary key (batch_id, idx)
);

-- What the test-only batch listener heard, written in the transaction that finished each batch.
create table test_batch_event (
    batch_id uuid        not null primary key,
    kind     varchar(40) not null,
    status   varchar(12) not null,
    received integer     not null
);
