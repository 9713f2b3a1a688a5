-- Registration batches are staged a chunk at a time: the valid records of a chunk as one compact binary value
-- instead of a row per record (PostgreSQL then writes one row and no index entries per record while a batch is being
-- received), and duplicates within a batch are settled while receiving. Batches staged the old way cannot be
-- processed by this version: upgrade with no registration batch waiting or in progress.
do $$
begin
    if exists (select 1 from batch where kind = 'REGISTRATION' and status in ('RECEIVED', 'PROCESSING')) then
        raise exception 'registration batches are still being processed: let them complete before this upgrade';
    end if;
end $$;

drop table registration_input;

create table registration_chunk (
    batch_id  uuid    not null,
    chunk     integer not null,
    first_idx integer not null,
    last_idx  integer not null,
    records   integer not null,
    -- the records, as written by RegistrationChunk (a format byte, a count, the records)
    data      bytea   not null,
    primary key (batch_id, chunk)
);
