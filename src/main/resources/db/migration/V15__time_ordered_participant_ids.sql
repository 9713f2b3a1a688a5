-- Participant ids become time-ordered (UUID version 7, RFC 9562 §5.7: 48 bits of Unix milliseconds, the version,
-- then random bits) instead of random (version 4). On a national-size registry (quality.md G1: 10,000,000 rows) every
-- random key lands on another leaf of the primary-key index, and every first change of a leaf after a checkpoint writes
-- the whole 8 KB page to the WAL; time-ordered keys fill the right-most leaves only. Ids stay unguessable (74 random
-- bits) and reveal only the moment of registration, which the participant's own record shows anyway. Existing ids
-- are left as they are (both versions are UUIDs; nothing orders or parses them).
-- PostgreSQL 18 has uuidv7(); this is the same layout for 15.
create function uuid_v7() returns uuid
    language plpgsql volatile parallel safe as
$$
declare
    bytes bytea := uuid_send(gen_random_uuid()); -- random, with the RFC 4122 variant bits already set
    millis bigint := floor(extract(epoch from clock_timestamp()) * 1000);
begin
    bytes := overlay(bytes placing substring(int8send(millis) from 3) from 1 for 6);
    bytes := set_byte(bytes, 6, (get_byte(bytes, 6) & 15) | 112); -- version 7 in the high nibble of byte 6
    return encode(bytes, 'hex')::uuid;
end
$$;
