package id.perisai.api.registration.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.registration.ingest.StagingChunk;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Registration batches: staging, the processing queue and results. This is the bulk hot path, so it uses the reactive
 * pool with set-based statements (one statement per chunk of records, {@code unnest} arrays for bulk writes) rather
 * than the ORM.
 *
 * <p>
 * Exactly-once: a batch is processed chunk by chunk; each chunk's participants, its results and the batch's progress
 * pointer are written in one transaction that first locks the batch row and checks this replica still holds the
 * lease. A crash before commit loses the chunk's work, which is then redone; the primary key of
 * {@code registration_result} makes a second outcome for a record impossible.
 */
@ApplicationScoped
public class RegistrationBatchRepository {

    /** A batch as partners see it. */
    public record BatchRow(UUID id, String status, boolean dryRun, Instant submittedAt, Instant completedAt, int received,
            int accepted, int duplicate, int rejected) {
    }

    /** A batch claimed for processing by this replica. */
    public record Claimed(UUID id, long partnerId, boolean dryRun, Instant submittedAt, int attempts, int staged) {
    }

    /** What one chunk produced. */
    public record ChunkOutcome(int records, int accepted, int duplicateInBatch, int alreadyRegistered, int lastIndex) {
        public int duplicate() {
            return duplicateInBatch + alreadyRegistered;
        }
    }

    /** One record's outcome. */
    public record ResultRow(int index, String externalRef, String status, UUID participantId, Boolean newParticipant,
            String errorsJson) {
    }

    static final String STAGE = """
            with valid as (
                insert into registration_input (batch_id, idx, nik_index, nik_cipher, nik_masked, full_name, birth_date,
                                                gender, phone, email, occupation, monthly_income, jht, agent_id,
                                                external_ref, address, region_code)
                select $1, t.* from unnest($2::int4[], $3::bytea[], $4::bytea[], $5::text[], $6::text[], $7::date[],
                                          $8::text[], $9::text[], $10::text[], $11::text[], $12::int8[], $13::bool[],
                                          $14::int8[], $15::text[], $16::text[], $17::text[]) as t
                returning 1
            ), rejected as (
                insert into registration_result (batch_id, idx, status, external_ref, errors)
                select $1, t.idx, 'REJECTED', t.ref, t.errors
                  from unnest($18::int4[], $19::text[], $20::text[]) as t(idx, ref, errors)
                returning 1
            )
            select (select count(*) from valid) + (select count(*) from rejected)
            """;

    /** The records of one chunk with the index of their NIK's first valid occurrence in the batch. */
    static final String CHUNK = """
            chunk as (
                select i.*, (select min(o.idx) from registration_input o
                              where o.batch_id = i.batch_id and o.nik_index = i.nik_index) as first_idx
                  from registration_input i
                 where i.batch_id = $1 and i.idx > $2
                 order by i.idx
                 limit $3
            )""";

    static final String RESULTS = """
            results as (
                insert into registration_result (batch_id, idx, status, external_ref, participant_id, new_participant, errors)
                select $1, o.idx, case when o.code is null then 'ACCEPTED' else 'DUPLICATE' end, o.external_ref,
                       o.participant_id, case when o.code is null then o.is_new end,
                       case o.code
                            when 'DUPLICATE_IN_BATCH' then '[{"field":"nik","code":"DUPLICATE_IN_BATCH","message":"the same NIK is in record '
                                 || o.first_idx || ' of this batch"}]'
                            when 'ALREADY_REGISTERED' then '[{"field":"nik","code":"ALREADY_REGISTERED","message":"the worker is already registered"}]'
                       end
                  from outcomes o
                returning 1
            )
            select count(*) filter (where o.code is null) as accepted,
                   count(*) filter (where o.code = 'DUPLICATE_IN_BATCH') as duplicate_in_batch,
                   count(*) filter (where o.code = 'ALREADY_REGISTERED') as already_registered,
                   coalesce(max(o.idx), 0) as last_idx,
                   (select count(*) from results) as written
              from outcomes o
            """;

    /**
     * Registers a chunk: new NIKs become participants (ON CONFLICT DO NOTHING: of two racing registrations of one NIK,
     * exactly one inserts), LAPSED ones are reactivated (the row lock makes a racing second update find it ACTIVE),
     * anything else is a duplicate. $4 partner, $5 registered at, $6 registration month.
     */
    static final String PROCESS = "with " + CHUNK + """
            , firsts as (select * from chunk where first_idx = idx),
            inserted as (
                insert into participant (id, nik_index, nik_cipher, nik_masked, full_name, birth_date, gender, phone, email,
                                         occupation, monthly_income, jht, address, region_code, status, source,
                                         partner_id, registered_by_partner_id, agent_id, registered_at,
                                         registration_month, new_participant, source_batch_id, source_index)
                select gen_random_uuid(), f.nik_index, f.nik_cipher, f.nik_masked, f.full_name, f.birth_date, f.gender,
                       f.phone, f.email, f.occupation, f.monthly_income, f.jht, f.address, f.region_code, 'ACTIVE',
                       'PARTNER', $4, $4, f.agent_id, $5, $6, true, $1, f.idx
                  from firsts f
                on conflict (nik_index) do nothing
                returning id, nik_index
            ),
            reactivated as (
                update participant p
                   set status = 'ACTIVE', partner_id = $4, agent_id = f.agent_id, full_name = f.full_name,
                       birth_date = f.birth_date, gender = f.gender, phone = f.phone, email = f.email,
                       occupation = f.occupation, monthly_income = f.monthly_income, jht = f.jht, address = f.address,
                       region_code = f.region_code, registered_at = $5, registration_month = $6, covered_until = null,
                       new_participant = false, source_batch_id = $1, source_index = f.idx, updated_at = now(),
                       registered_by_partner_id = coalesce(p.registered_by_partner_id, $4)
                  from firsts f
                 where p.nik_index = f.nik_index and p.status = 'LAPSED'
                returning p.id, p.nik_index
            ),
            outcomes as (
                select c.idx, c.external_ref, c.first_idx, coalesce(i.id, r.id) as participant_id,
                       case when c.first_idx <> c.idx then 'DUPLICATE_IN_BATCH'
                            when i.id is null and r.id is null then 'ALREADY_REGISTERED' end as code,
                       i.id is not null as is_new
                  from chunk c
                  left join inserted i on c.first_idx = c.idx and i.nik_index = c.nik_index
                  left join reactivated r on c.first_idx = c.idx and r.nik_index = c.nik_index
            ),
            """ + RESULTS;

    /** A dry run of a chunk: the same decisions against the registry, storing only the outcomes. */
    static final String DRY_RUN = "with " + CHUNK + """
            , registry as (
                select c.idx, p.status from chunk c join participant p on p.nik_index = c.nik_index
                 where c.first_idx = c.idx
            ),
            outcomes as (
                select c.idx, c.external_ref, c.first_idx, null::uuid as participant_id,
                       case when c.first_idx <> c.idx then 'DUPLICATE_IN_BATCH'
                            when r.status in ('ACTIVE', 'VOID') then 'ALREADY_REGISTERED' end as code,
                       r.status is null as is_new
                  from chunk c left join registry r on r.idx = c.idx
            ),
            """ + RESULTS;

    private final Pool pool;

    public RegistrationBatchRepository(Pool pool) {
        this.pool = pool;
    }

    // ---- receiving ------------------------------------------------------------------------------------------------

    public Uni<Void> insertBatch(SqlClient tx, UUID id, long partnerId, boolean dryRun, String contentType,
            Instant submittedAt, String subject, String tokenId) {
        return tx.preparedQuery("""
                insert into registration_batch (id, partner_id, status, dry_run, content_type, submitted_at, received,
                                                staged, subject, token_id)
                values ($1, $2, 'RECEIVED', $3, $4, $5, 0, 0, $6, $7)
                """).execute(Tuple.from(new Object[] { id, partnerId, dryRun, contentType, utc(submittedAt), subject,
                tokenId })).replaceWithVoid();
    }

    /** Writes one staging chunk; returns the number of records written. */
    public Uni<Long> stage(SqlClient tx, UUID batchId, StagingChunk chunk) {
        return tx.preparedQuery(STAGE).execute(chunk.tuple(batchId)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Totals of the received batch; a batch with nothing to process is complete at once. */
    public Uni<BatchRow> finishReceiving(SqlClient tx, UUID id, int received, int rejected, int staged) {
        return tx.preparedQuery("""
                update registration_batch
                   set received = $2, rejected = $3, staged = $4,
                       status = case when $4 = 0 then 'COMPLETED' else 'RECEIVED' end,
                       completed_at = case when $4 = 0 then date_trunc('milliseconds', now()) end
                 where id = $1
                returning id, status, dry_run, submitted_at, completed_at, received, accepted, duplicate, rejected
                """).execute(Tuple.of(id, received, rejected, staged)).map(rows -> toBatch(rows.iterator().next()));
    }

    // ---- processing -----------------------------------------------------------------------------------------------

    /** Claims the oldest batch nobody holds (or whose holder's lease expired); null when there is none. */
    public Uni<Claimed> claim(String owner, Duration lease) {
        return pool.preparedQuery("""
                update registration_batch b
                   set status = 'PROCESSING', lease_owner = $1, lease_until = now() + make_interval(secs => $2),
                       attempts = b.attempts + 1
                 where b.id = (select id from registration_batch
                                where status in ('RECEIVED', 'PROCESSING') and (lease_until is null or lease_until < now())
                                order by submitted_at
                                limit 1
                                for update skip locked)
                returning b.id, b.partner_id, b.dry_run, b.submitted_at, b.attempts, b.staged
                """).execute(Tuple.of(owner, seconds(lease))).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row r = it.next();
            return new Claimed(r.getUUID("id"), r.getLong("partner_id"), r.getBoolean("dry_run"),
                    r.getOffsetDateTime("submitted_at").toInstant(), r.getInteger("attempts"), r.getInteger("staged"));
        });
    }

    /**
     * Processes the next chunk of a claimed batch in one transaction: lock the batch row and check the lease (a
     * replica that lost it changes nothing), decide and write the chunk, advance the progress pointer and renew the
     * lease. Returns null when the lease is lost; a chunk of 0 records means everything is processed.
     */
    public Uni<ChunkOutcome> processChunk(Claimed batch, String owner, int chunkSize, LocalDate registrationMonth,
            Duration lease) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                select processed_until from registration_batch where id = $1 and lease_owner = $2 for update
                """).execute(Tuple.of(batch.id(), owner)).flatMap(fence -> {
            RowIterator<Row> it = fence.iterator();
            if (!it.hasNext()) {
                return Uni.createFrom().nullItem();
            }
            int processedUntil = it.next().getInteger(0);
            Uni<Row> chunk = batch.dryRun()
                    ? tx.preparedQuery(DRY_RUN).execute(Tuple.of(batch.id(), processedUntil, chunkSize))
                            .map(rows -> rows.iterator().next())
                    : tx.preparedQuery(PROCESS).execute(Tuple.from(new Object[] { batch.id(), processedUntil, chunkSize,
                            batch.partnerId(), utc(batch.submittedAt()), registrationMonth }))
                            .map(rows -> rows.iterator().next());
            return chunk.flatMap(row -> {
                ChunkOutcome outcome = new ChunkOutcome(row.getLong("written").intValue(),
                        row.getLong("accepted").intValue(), row.getLong("duplicate_in_batch").intValue(),
                        row.getLong("already_registered").intValue(), row.getInteger("last_idx"));
                if (outcome.records() == 0) {
                    return Uni.createFrom().item(outcome);
                }
                return tx.preparedQuery("""
                        update registration_batch
                           set processed_until = $2, accepted = accepted + $3, duplicate = duplicate + $4,
                               lease_until = now() + make_interval(secs => $5)
                         where id = $1
                        """).execute(Tuple.of(batch.id(), outcome.lastIndex(), outcome.accepted(), outcome.duplicate(),
                        seconds(lease))).replaceWith(outcome);
            });
        }));
    }

    /** Marks a fully processed batch COMPLETED and drops its staged records. False when the lease was lost. */
    public Uni<Boolean> complete(UUID id, String owner) {
        return pool.withTransaction(tx -> tx
                .preparedQuery(
                        """
                                         update registration_batch
                                            set status = 'COMPLETED', completed_at = date_trunc('milliseconds', now()), completed_by = lease_owner,
                                lease_owner = null, lease_until = null
                                          where id = $1 and lease_owner = $2 and status = 'PROCESSING'
                                         """)
                .execute(Tuple.of(id, owner)).flatMap(updated -> {
                    if (updated.rowCount() != 1) {
                        return Uni.createFrom().item(false);
                    }
                    return tx.preparedQuery("delete from registration_input where batch_id = $1").execute(Tuple.of(id))
                            .replaceWith(true);
                }));
    }

    /**
     * Gives up a batch after too many attempts: the records still without an outcome are REJECTED with
     * {@code PROCESSING_FAILED}, so every record still has exactly one outcome, and the batch is FAILED.
     */
    public Uni<Boolean> fail(UUID id, String owner, String reason) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                select processed_until from registration_batch where id = $1 and lease_owner = $2 for update
                """).execute(Tuple.of(id, owner)).flatMap(fence -> {
            RowIterator<Row> it = fence.iterator();
            if (!it.hasNext()) {
                return Uni.createFrom().item(false);
            }
            return tx
                    .preparedQuery(
                            """
                                    with failed as (
                                        insert into registration_result (batch_id, idx, status, external_ref, errors)
                                        select batch_id, idx, 'REJECTED', external_ref,
                                               '[{"field":"","code":"PROCESSING_FAILED","message":"the record could not be processed; submit it again"}]'
                                          from registration_input where batch_id = $1 and idx > $2
                                        on conflict do nothing
                                        returning 1
                                    )
                                    update registration_batch
                                       set status = 'FAILED', completed_at = date_trunc('milliseconds', now()), failure_reason = $3, lease_owner = null,
                                           lease_until = null, rejected = rejected + (select count(*) from failed)
                                     where id = $1
                                    """)
                    .execute(Tuple.of(id, it.next().getInteger(0), reason))
                    .flatMap(v -> tx.preparedQuery("delete from registration_input where batch_id = $1")
                            .execute(Tuple.of(id)))
                    .replaceWith(true);
        }));
    }

    /** Hands a batch back (shutdown, or a failed attempt after {@code retryIn}) so any replica may take it over. */
    public Uni<Void> release(UUID id, String owner, Duration retryIn) {
        return pool.preparedQuery("""
                update registration_batch set lease_until = now() + make_interval(secs => $3)
                 where id = $1 and lease_owner = $2
                """).execute(Tuple.of(id, owner, seconds(retryIn))).replaceWithVoid();
    }

    // ---- reading --------------------------------------------------------------------------------------------------

    public Uni<BatchRow> find(UUID id, long partnerId) {
        return pool.preparedQuery("""
                select id, status, dry_run, submitted_at, completed_at, received, accepted, duplicate, rejected
                  from registration_batch where id = $1 and partner_id = $2
                """).execute(Tuple.of(id, partnerId)).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            return it.hasNext() ? toBatch(it.next()) : null;
        });
    }

    /** The partner's batches, newest first, after the given (submittedAt, id) position. */
    public Uni<List<BatchRow>> list(long partnerId, Instant beforeSubmittedAt, UUID beforeId, int count) {
        String sql = """
                select id, status, dry_run, submitted_at, completed_at, received, accepted, duplicate, rejected
                  from registration_batch
                 where partner_id = $1 and ($2::timestamptz is null or (submitted_at, id) < ($2, $3))
                 order by submitted_at desc, id desc
                 limit $4
                """;
        return pool.preparedQuery(sql).execute(Tuple.of(partnerId, beforeSubmittedAt == null ? null : utc(beforeSubmittedAt),
                beforeId, count)).map(rows -> {
                    List<BatchRow> batches = new ArrayList<>();
                    rows.forEach(r -> batches.add(toBatch(r)));
                    return batches;
                });
    }

    /** Outcomes in index order after the given index, optionally of one status. */
    public Uni<List<ResultRow>> results(UUID batchId, int afterIndex, String status, int count) {
        return pool.preparedQuery("""
                select idx, external_ref, status, participant_id, new_participant, errors
                  from registration_result
                 where batch_id = $1 and idx > $2 and ($3::text is null or status = $3)
                 order by idx
                 limit $4
                """).execute(Tuple.of(batchId, afterIndex, status, count)).map(rows -> {
            List<ResultRow> results = new ArrayList<>();
            rows.forEach(r -> results.add(new ResultRow(r.getInteger("idx"), r.getString("external_ref"),
                    r.getString("status"), r.getUUID("participant_id"), r.getBoolean("new_participant"),
                    r.getString("errors"))));
            return results;
        });
    }

    /** Counts of open batches by status, for the metrics gauge. */
    public Uni<List<Object[]>> openBatchCounts() {
        return pool.query("select status, count(*) from registration_batch where status in ('RECEIVED', 'PROCESSING')"
                + " group by status").execute().map(rows -> {
                    List<Object[]> counts = new ArrayList<>();
                    rows.forEach(r -> counts.add(new Object[] { r.getString(0), r.getLong(1) }));
                    return counts;
                });
    }

    public Uni<SqlConnection> connection() {
        return pool.getConnection();
    }

    static BatchRow toBatch(Row r) {
        OffsetDateTime completed = r.getOffsetDateTime("completed_at");
        return new BatchRow(r.getUUID("id"), r.getString("status"), r.getBoolean("dry_run"),
                r.getOffsetDateTime("submitted_at").toInstant(), completed == null ? null : completed.toInstant(),
                r.getInteger("received"), r.getInteger("accepted"), r.getInteger("duplicate"), r.getInteger("rejected"));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
